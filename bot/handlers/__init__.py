"""Every handler, by group: the allow-list first, then the safety net, then the features."""

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.handlers import (
    access,
    checkins,
    habits,
    messages,
    phq9,
    privacy,
    safety,
    settings,
    start,
    summary,
)

PRIVATE = filters.ChatType.PRIVATE

BY_GROUP: dict[int, list[BaseHandler]] = {
    -2: [TypeHandler(Update, access.allow_list_guard)],
    -1: [MessageHandler(PRIVATE & (filters.TEXT | filters.CAPTION), safety.safety_check)],
    0: [
        CommandHandler("start", start.start_command, filters=PRIVATE),
        CommandHandler("help", start.help_command, filters=PRIVATE),
        CommandHandler("cancel", start.cancel_command, filters=PRIVATE),
        CommandHandler("habits", habits.habits_command, filters=PRIVATE),
        CommandHandler("settings", settings.settings_command, filters=PRIVATE),
        CommandHandler("checkin", checkins.checkin_command, filters=PRIVATE),
        CommandHandler("summary", summary.summary_command, filters=PRIVATE),
        CommandHandler("report", summary.report_command, filters=PRIVATE),
        CommandHandler("phq9", phq9.phq9_command, filters=PRIVATE),
        CommandHandler("export", privacy.export_command, filters=PRIVATE),
        CommandHandler("deletedata", privacy.deletedata_command, filters=PRIVATE),
        CallbackQueryHandler(summary.report_button, pattern=r"^s:report:"),
        CallbackQueryHandler(privacy.delete_button, pattern=r"^s:del"),
        CallbackQueryHandler(messages.flow_button, pattern=r"^f:"),
        CallbackQueryHandler(habits.habit_button, pattern=r"^h:"),
        CallbackQueryHandler(settings.settings_button, pattern=r"^s:"),
        CallbackQueryHandler(checkins.checkin_button, pattern=r"^[ckq]:"),
        CallbackQueryHandler(phq9.phq9_button, pattern=r"^p:"),
        CallbackQueryHandler(messages.stale_button),
        MessageHandler(PRIVATE & filters.COMMAND, messages.unknown_command),
        MessageHandler(PRIVATE & filters.TEXT, messages.text_message),
        MessageHandler(PRIVATE & filters.LOCATION, messages.location_message),
        MessageHandler(PRIVATE & ~filters.TEXT & ~filters.LOCATION, messages.other_message),
    ],
}

COMMANDS = [
    ("start", "Set up Steady, or come back to it"),
    ("checkin", "Log something now"),
    ("habits", "See and change your reminders"),
    ("summary", "How the last week went"),
    ("report", "A PDF for your doctor"),
    ("phq9", "The nine-question mood check doctors use"),
    ("settings", "Time zone, weekly summary, pause"),
    ("export", "Download all your data"),
    ("deletedata", "Erase all your data"),
    ("help", "What I can do, and where to find help"),
]
