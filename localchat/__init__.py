"""Try the bot without Telegram: a local stand-in for the Bot API and a terminal chat on top.

The stand-in (server.LocalBotApi) listens on 127.0.0.1, answers the Bot API's methods with
Telegram's shapes and refusals, and lets tests script updates and inject faults. It speaks only
the Bot API's JSON, so it imports nothing from bot/, jobs/, models/ or python-telegram-bot.
"""
