"""Every value a user typed is escaped wherever a message shows it.

The local Bot API refuses malformed HTML as Telegram does, so an unescaped "<" anywhere makes
a send fail, which the error handler logs at ERROR (caught by no_errors).
"""

from telegram import Update

NAME = 'Anna <3 & "Co"'
MEDICINE = "<Zoloft> & co"
APPOINTMENT = "Dr <Lee> & <i>team"


async def test_html_special_names_go_through_every_message(app, chat, fake_api, clock, no_errors):
    async def say(text: str) -> None:
        payload = fake_api.message_update(42, text, first_name=NAME)
        await app.process_update(Update.de_json(payload, app.bot))

    await say("/start")
    assert "Hi Anna &lt;3 &amp; " in chat.texts()[0]
    await say("Berlin")
    await chat.choose("Medication", "Therapy")
    await say(MEDICINE)
    await chat.tap_label("08:00 and 20:00")
    await say(APPOINTMENT)
    await say("tomorrow 15:00")
    await chat.tap_label("Just once")
    assert "All set, Anna &lt;3" in chat.last()
    await say("/habits")
    await chat.tap_label(MEDICINE)  # the button label is plain text, shown as typed
    await chat.tap_label("Remove")
    assert "&lt;Zoloft&gt; &amp; co" in chat.last()
    await chat.tap_label("Keep it")
    await say("/checkin")
    await chat.tap_label(MEDICINE)
    for command in ("/settings", "/summary", "/help", "/start"):
        await say(command)
    clock.advance(days=1)  # every reminder of the day comes due
    await app.bot_data["deps"].dispatcher.tick()
    clock.advance(minutes=40)  # and the medicine's gentle follow-up
    await app.bot_data["deps"].dispatcher.tick()
    await chat.tap_label("Taken")
    await chat.tap_label("Note a side effect")
    await say("<dizzy> & tired")
    await say("/summary")
    shown = "\n".join(chat.texts())
    for escaped in ("&lt;Zoloft&gt; &amp; co", "Dr &lt;Lee&gt; &amp; &lt;i&gt;team"):
        assert escaped in shown
    assert MEDICINE not in shown and APPOINTMENT not in shown
    assert len(fake_api.sent_to(42)) > 20
