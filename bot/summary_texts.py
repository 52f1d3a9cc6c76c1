"""The /summary and weekly summary message: short, kind, Telegram HTML (pure, through gettext)."""

from html import escape

from bot import phq9_texts, review_texts
from bot.i18n import _, date_span, day_month, fixed, ngettext
from bot.reminder_texts import skip_reason_label, sleep_quality_label
from bot.summary_words import closing_line, done_words, pattern_line, plain_name
from bot.texts import hhmm, kind_label, technique_label
from models.stats import HabitSummary, SummaryData, Tally
from models.stats_kinds import (
    ExerciseAverages,
    MedicationNotes,
    MoodAverages,
    SleepAverages,
    StressAverages,
    SubstanceAverages,
)
from models.treatment import weeks_on
from models.trends import Change
from models.types import HabitKind, SkipReason, StressTechnique

# Telegram caps a message at 4,096 characters (UTF-16 units); tags count here, so this is safe.
MESSAGE_LIMIT = 4096
MAX_PATTERNS = 2
PHQ9_EVERY_DAYS = 14

__all__ = ["MESSAGE_LIMIT", "closing_line", "habit_line", "render_summary"]


def render_summary(data: SummaryData, *, weekly: bool = False) -> str:
    """Render the summary as one Telegram HTML message under 4,096 characters."""
    days = (data.end - data.start).days + 1
    title = (
        _("Your week")
        if weekly
        else ngettext("Your last day", "Your last {count} days", days).format(count=days)
    )
    header = f"<b>{title}</b> · {date_span(data.start, data.end)}"
    phq9 = [line for line in (phq9_line(data), phq9_texts.self_harm_line(data)) if line]
    treatment = [_not_helping(data, course, judged) for course, judged in data.not_helping]
    if data.checkins == 0:
        return "\n\n".join([header, _empty(days), *phq9, *treatment])
    habits = [habit_line(h) for h in data.habits]
    tail = [*phq9, *(pattern_line(p) for p in data.patterns[:MAX_PATTERNS]), *treatment]
    if weekly and phq9_due(data):
        tail.append(phq9_invite())
    if any(_needs_support(h) for h in data.habits):
        tail.append(
            _("If side effects or costs get in the way, your doctor or pharmacist can help.")
        )
    tail.append(f"<i>{escape(closing_line(data))}</i>")
    return _fit(header, habits, tail)


def _empty(days: int) -> str:
    return ngettext(
        "No check-ins today, and that is okay. Whenever you are ready, one tap on a reminder "
        "is enough to start again.",
        "No check-ins in these {count} days, and that is okay. Whenever you are ready, one tap "
        "on a reminder is enough to start again.",
        days,
    ).format(count=days)


def _not_helping(data: SummaryData, course, judged) -> str:
    return review_texts.not_helping_line(
        course.name, weeks_on(course, data.end), judged.baseline[1], judged.latest[1]
    )


def phq9_invite() -> str:
    return _("A minute for the nine-question mood check (PHQ-9)? /phq9 — one tap per question.")


def phq9_due(data: SummaryData) -> bool:
    """Tell whether someone who tracks mood has gone two weeks without a PHQ-9."""
    tracks_mood = any(h.habit.kind is HabitKind.MOOD for h in data.habits)
    recent = any((data.end - day).days < PHQ9_EVERY_DAYS for day, _score in data.phq9)
    return tracks_mood and not recent


def phq9_line(data: SummaryData) -> str | None:
    """Say the latest PHQ-9 score in the period and how it compares with the one before."""
    last = max(
        (i for i, (day, _score) in enumerate(data.phq9) if data.start <= day <= data.end),
        default=None,
    )
    if last is None:
        return None
    day, total = data.phq9[last]
    line = _("<b>PHQ-9</b> ({day}): {score} of 27, {band}").format(
        day=day_month(day), score=total, band=phq9_texts.severity(total)
    )
    previous = data.phq9[last - 1][1] if last else None
    if previous is not None and previous != total:
        moved = _(", down from {score}") if total < previous else _(", up from {score}")
        line += moved.format(score=previous)
    return line


def _fit(header: str, habits: list[str], tail: list[str]) -> str:
    """Join the parts, leaving out the last habit lines while the message is too long."""
    shown = len(habits)
    while True:
        more = len(habits) - shown
        cut = [_("…and {count} more: /report has them all.").format(count=more)] if more else []
        text = "\n\n".join([header, "\n".join(habits[:shown] + cut), "\n".join(tail)])
        if _length(text) <= MESSAGE_LIMIT or shown == 0:
            return text
        shown -= 1


def _length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def habit_name(habit: HabitSummary) -> str:
    """Return the escaped "Medication (Sertraline)" label of a habit."""
    label = kind_label(habit.habit.kind)
    if not habit.habit.name.strip():
        return escape(label)
    return escape(f"{label} ({plain_name(habit)})")


def habit_line(habit: HabitSummary) -> str:
    """Render one habit: done of due, skips apart from silences, runs, recent days, averages."""
    done_word, skip_word = done_words(habit.habit.kind)
    parts = []
    if habit.habit.as_needed:
        parts.append(as_needed_text(habit))
    if habit.due:
        parts.append(
            _("{done}/{due} {word} ({share}{before})").format(
                done=habit.done, due=habit.due, word=done_word, share=pct(habit.rate),
                before=_before(habit),
            )
        )  # fmt: skip
    if habit.skipped and skip_word:
        parts.append(f"{habit.skipped} {skip_word}")
    if habit.no_answer:
        parts.append(_("{count} no answer").format(count=habit.no_answer))
    if habit.rescheduled:
        parts.append(_("{count} rescheduled").format(count=habit.rescheduled))
    parts += [p for p in (run_text(habit), recent_text(habit), averages_text(habit)) if p]
    return f"<b>{habit_name(habit)}</b>: " + " · ".join(parts)


def as_needed_text(habit: HabitSummary) -> str:
    """Say the doses of a medicine taken as needed: taken doses, never a share of due ones."""
    doses, days = habit.done, sum(day.done > 0 for day in habit.days)
    taken = ngettext("{count} dose taken", "{count} doses taken", doses).format(count=doses)
    on_days = ngettext("on {count} day", "on {count} days", days).format(count=days)
    return _("as needed: {doses} {days}").format(doses=taken, days=on_days)


def pct(rate: float) -> str:
    return _("{percent}%").format(percent=round(rate * 100))


def _before(habit: HabitSummary) -> str:
    """Name the period before's share, only when the two periods are comparable."""
    if habit.change is None or habit.previous_rate is None:
        return ""
    days = len(habit.days)
    if days == 7:
        return _("; {share} the week before").format(share=pct(habit.previous_rate))
    return _("; {share} the {count} days before").format(share=pct(habit.previous_rate), count=days)


def run_text(habit: HabitSummary) -> str:
    """Say the current run of kept days (and the best, if longer), or an empty string."""
    visits = habit.habit.kind is HabitKind.APPOINTMENT
    current, best = habit.current_streak, habit.best_streak
    if current >= 2:
        run = (
            ngettext("{count} time in a row", "{count} times in a row", current)
            if visits
            else ngettext("{count} day in a row", "{count} days in a row", current)
        ).format(count=current)
        return run + (_(" (best {count})").format(count=best) if best > current else "")
    if best >= 2:
        if visits:
            return ngettext("best run {count} time", "best run {count} times", best).format(
                count=best
            )
        return ngettext("best run {count} day", "best run {count} days", best).format(count=best)
    return ""


def recent_text(habit: HabitSummary) -> str:
    """Set the period against the last 30 days (short periods) or the last 7 (long ones)."""
    period = len(habit.days)
    tally: Tally = habit.last_30 if period <= 7 else habit.last_7
    period_due_days = sum(day.due > 0 for day in habit.days)
    if tally.due == 0 or (tally.days > period and tally.due == period_due_days):
        return ""  # nothing due, or nothing before the period to add
    kind, done_word = habit.habit.kind, done_words(habit.habit.kind)[0]
    values = {"days": tally.days, "done": tally.done, "due": tally.due, "word": done_word}
    if kind is HabitKind.APPOINTMENT:
        return _("last {days} days: {done} of {due} {word}").format(**values)
    if kind is HabitKind.MEDICATION and any(day.due > 1 for day in habit.days):
        values["word"] = _("every dose taken")
    return _("last {days} days: {word} on {done} of {due} days").format(**values)


def averages_text(habit: HabitSummary) -> str:
    """Render the averages that fit the habit's kind, or an empty string."""
    a = habit.averages
    if isinstance(a, SleepAverages):
        return sleep_text(a)
    if isinstance(a, ExerciseAverages):
        total = round(a.total_minutes)
        text = ngettext(
            "{minutes} min over {count} day", "{minutes} min over {count} days", a.active_days
        ).format(minutes=total, count=a.active_days)
        before = None if a.previous_total is None else _("{minutes} min").format(
            minutes=round(a.previous_total)
        )  # fmt: skip
        return text + _compared(a.change, before)
    if isinstance(a, SubstanceAverages):
        return _substance_text(a)
    if isinstance(a, MoodAverages) and a.mean is not None:
        trend = {Change.UP: _(", lifting"), Change.DOWN: _(", dipping"), Change.SAME: _(", steady")}
        return _("avg {mean} ({low}–{high})").format(
            mean=fixed(a.mean), low=f"{a.low:g}", high=f"{a.high:g}"
        ) + trend.get(a.direction, "")
    if isinstance(a, StressAverages) and a.techniques:
        return _("mostly {technique}").format(technique=technique_name(a.techniques[0][0]))
    if isinstance(a, MedicationNotes):
        return _medication_text(a)
    return ""


def _substance_text(a: SubstanceAverages) -> str:
    if not a.drinks:
        text = _("no drinks")
    else:
        drinks = ngettext("{count} drink", "{count} drinks", int(a.drinks)).format(
            count=f"{a.drinks:g}"
        )
        text = ngettext("{drinks} on {count} day", "{drinks} on {count} days", a.drinking_days)
        text = text.format(drinks=drinks, count=a.drinking_days)
    return text + (_(", drugs on {count}").format(count=a.drug_days) if a.drug_days else "")


def _medication_text(a: MedicationNotes) -> str:
    reasons = ", ".join(f"{skip_reason_name(r)} {n}" for r, n in a.skip_reasons)
    count = len(a.side_effects)
    notes = ngettext("{count} note", "{count} notes", count).format(count=count) if count else ""
    why = _("why skipped: {reasons}").format(reasons=reasons) if reasons else ""
    return "; ".join(p for p in (why, notes) if p)


def skip_reason_name(reason: str) -> str:
    """Return a skip reason in lower case words ("side effects")."""
    return skip_reason_label(SkipReason(reason)).lower()


def technique_name(technique: str) -> str:
    """Return a practice in lower case words; a note that names none stays as written."""
    if technique in StressTechnique.__members__.values():
        return technique_label(StressTechnique(technique)).lower()
    return technique.replace("_", " ")


def sleep_text(a: SleepAverages) -> str:
    """Say the nights: hours and quality, and bedtime and awakenings when given."""
    parts = []
    if a.hours is not None:
        text = _("avg {hours} h").format(hours=fixed(a.hours))
        if a.quality is not None:
            text += _(", quality {quality}/5").format(quality=fixed(a.quality))
            text += f" ({sleep_quality_label(round(a.quality)).lower()})"
        before = None if a.previous_hours is None else _("{hours} h").format(
            hours=fixed(a.previous_hours)
        )  # fmt: skip
        parts.append(text + _compared(a.change, before))
    if a.bedtime is not None:
        parts.append(_("in bed around {time}").format(time=hhmm(divmod(a.bedtime, 60))))
    if a.awakenings is not None:
        parts.append(_("woke {count} times a night").format(count=fixed(a.awakenings)))
    return ", ".join(parts)


def _compared(change: Change | None, before: str | None) -> str:
    """Say how a number compares with the period before (set only when comparable)."""
    if change is None or before is None:
        return ""
    if change is Change.SAME:
        return _(", about the same as before ({before})").format(before=before)
    moved = _(", up from {before}") if change is Change.UP else _(", down from {before}")
    return moved.format(before=before)


def _needs_support(habit: HabitSummary) -> bool:
    notes = habit.averages
    if not isinstance(notes, MedicationNotes):
        return False
    reasons = {reason for reason, _count in notes.skip_reasons}
    return bool(notes.side_effects) or bool(reasons & {SkipReason.SIDE_EFFECTS, SkipReason.COST})
