"""Every handler, by group: language, the allow-list, the safety net, steps, then features."""

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.callback_data import Area, pattern
from bot.handlers import (
    access,
    ask,
    checkins,
    groups,
    habits,
    language,
    meds,
    phq9,
    privacy,
    router,
    safety,
    safety_plan,
    settings,
    start,
    summary,
)
from bot.i18n import N_

PRIVATE = filters.ChatType.PRIVATE
EDITED = filters.UpdateType.EDITED_MESSAGE
SAFETY_NET = filters.TEXT | filters.CAPTION | filters.VOICE | filters.VIDEO_NOTE

BY_GROUP: dict[int, list[BaseHandler]] = {
    -4: [TypeHandler(Update, language.use_senders_language)],
    -3: [
        ChatMemberHandler(groups.added_to_group, ChatMemberHandler.MY_CHAT_MEMBER),
        TypeHandler(Update, groups.outside_private_chats),
    ],
    -2: [TypeHandler(Update, access.allow_list_guard)],
    # One handler (a group runs only its first match): text, captions, voice and video notes,
    # messages and edits alike, since filters read update.effective_message.
    -1: [MessageHandler(PRIVATE & SAFETY_NET, safety.safety_check)],
    0: [MessageHandler(PRIVATE & filters.COMMAND, router.end_step_on_command)],
    1: [
        CommandHandler("start", start.start_command, filters=PRIVATE),
        CommandHandler("help", start.help_command, filters=PRIVATE),
        CommandHandler("cancel", start.cancel_command, filters=PRIVATE),
        CommandHandler("habits", habits.habits_command, filters=PRIVATE),
        CommandHandler("settings", settings.settings_command, filters=PRIVATE),
        CommandHandler("checkin", checkins.checkin_command, filters=PRIVATE),
        CommandHandler("summary", summary.summary_command, filters=PRIVATE),
        CommandHandler("report", summary.report_command, filters=PRIVATE),
        CommandHandler("phq9", phq9.phq9_command, filters=PRIVATE),
        CommandHandler("safetyplan", safety_plan.safetyplan_command, filters=PRIVATE),
        CommandHandler("meds", meds.meds_command, filters=PRIVATE),
        CommandHandler("ask", ask.ask_command, filters=PRIVATE),
        CommandHandler("export", privacy.export_command, filters=PRIVATE),
        CommandHandler("deletedata", privacy.deletedata_command, filters=PRIVATE),
        CallbackQueryHandler(checkins.checkin_button, pattern=pattern(Area.REMINDER)),
        CallbackQueryHandler(checkins.checkin_button, pattern=pattern(Area.LOG)),
        CallbackQueryHandler(checkins.checkin_button, pattern=pattern(Area.DETAIL)),
        CallbackQueryHandler(checkins.checkin_button, pattern=pattern(Area.WHICH)),
        CallbackQueryHandler(checkins.checkin_button, pattern=pattern(Area.YESTERDAY)),
        CallbackQueryHandler(router.step_button, pattern=pattern(Area.STEP)),
        CallbackQueryHandler(habits.habit_button, pattern=pattern(Area.HABIT)),
        CallbackQueryHandler(settings.settings_button, pattern=pattern(Area.SETTINGS)),
        CallbackQueryHandler(summary.report_button, pattern=pattern(Area.REPORT)),
        CallbackQueryHandler(privacy.delete_button, pattern=pattern(Area.ERASE)),
        CallbackQueryHandler(safety.safety_button, pattern=pattern(Area.SAFETY)),
        CallbackQueryHandler(safety_plan.plan_button, pattern=pattern(Area.PLAN)),
        CallbackQueryHandler(meds.meds_button, pattern=pattern(Area.MEDS)),
        CallbackQueryHandler(ask.ask_button, pattern=pattern(Area.ASK)),
        CallbackQueryHandler(router.stale_button),
        MessageHandler(PRIVATE & EDITED & filters.TEXT, router.edited_text),
        MessageHandler(PRIVATE & EDITED, router.ignore_edit),
        MessageHandler(PRIVATE & filters.COMMAND, router.unknown_command),
        MessageHandler(PRIVATE & filters.TEXT, router.text_message),
        MessageHandler(PRIVATE & filters.LOCATION, router.location_message),
        MessageHandler(PRIVATE & ~filters.TEXT & ~filters.LOCATION, router.other_message),
    ],
}

# The command menu; each description is translated when the menu is set for a language.
COMMANDS = [
    ("start", N_("Set up Steady, or come back to it")),
    ("checkin", N_("Log something now")),
    ("habits", N_("See and change your reminders")),
    ("summary", N_("How the last week went")),
    ("report", N_("A PDF for your doctor")),
    ("phq9", N_("The nine-question mood check doctors use")),
    ("safetyplan", N_("Your own plan for the hardest moments")),
    ("settings", N_("Time zone, weekly summary, pause, helplines")),
    ("meds", N_("Your treatment journal: doses, changes, side effects")),
    ("ask", N_("Questions for your doctor")),
    ("export", N_("Download all your data")),
    ("deletedata", N_("Erase all your data")),
    ("help", N_("What I can do, and where to find help")),
]
