"""The /summary and weekly summary message: short, kind, Telegram HTML (pure)."""

from datetime import date
from html import escape

from bot import phq9_texts
from models.days import HabitInfo
from models.phq9 import severity
from models.stats import HabitSummary, Pattern, SummaryData, Tally
from models.stats_kinds import (
    ExerciseAverages,
    MedicationNotes,
    MoodAverages,
    SleepAverages,
    StressAverages,
    SubstanceAverages,
)
from models.trends import Change
from models.types import HabitKind, SkipReason

# Telegram caps a message at 4,096 characters (UTF-16 units); tags count here, so this is safe.
MESSAGE_LIMIT = 4096
NAME_LIMIT = 40
MAX_PATTERNS = 2
LABELS = {
    HabitKind.MEDICATION: "Medication",
    HabitKind.APPOINTMENT: "Appointment",
    HabitKind.SLEEP: "Sleep",
    HabitKind.EXERCISE: "Exercise",
    HabitKind.STRESS: "Stress relief",
    HabitKind.SUBSTANCE_FREE: "Alcohol- and drug-free",
    HabitKind.MOOD: "Mood",
}
# (what done reads as, what skipped reads as); None leaves skips to the averages.
WORDS = {
    HabitKind.MEDICATION: ("taken", "skipped"),
    HabitKind.APPOINTMENT: ("kept", "missed"),
    HabitKind.SLEEP: ("logged", "skipped"),
    HabitKind.EXERCISE: ("done", "not today"),
    HabitKind.STRESS: ("done", "not today"),
    HabitKind.SUBSTANCE_FREE: ("free", None),
    HabitKind.MOOD: ("logged", "skipped"),
}
# What a run of kept days is counted in, where "days" would mislead.
RUN_UNITS = {HabitKind.APPOINTMENT: "times"}
ON_DAYS = {
    HabitKind.MEDICATION: "you took {name}",
    HabitKind.APPOINTMENT: "you went to {name}",
    HabitKind.EXERCISE: "you moved",
    HabitKind.STRESS: "you made time for stress relief",
    HabitKind.SUBSTANCE_FREE: "you stayed alcohol- and drug-free",
}
EMPTY = (
    "No check-ins in these {days} days, and that is okay. Whenever you are ready, "
    "one tap on a reminder is enough to start again."
)
TALK_TO_DOCTOR = "If side effects or costs get in the way, your doctor or pharmacist can help."


def render_summary(data: SummaryData, *, weekly: bool = False) -> str:
    """Render the summary as one Telegram HTML message under 4,096 characters."""
    days = (data.end - data.start).days + 1
    title = "Your week" if weekly else f"Your last {days} day{'s' * (days != 1)}"
    header = f"<b>{title}</b> · {_span(data.start, data.end)}"
    phq9 = [line for line in (phq9_line(data), phq9_texts.self_harm_line(data)) if line]
    if data.checkins == 0:
        return "\n\n".join([header, EMPTY.format(days=days), *phq9])
    habits = [habit_line(h) for h in data.habits]
    tail = [*phq9, *(_pattern_line(p) for p in data.patterns[:MAX_PATTERNS])]
    if weekly and phq9_due(data):
        tail.append(PHQ9_INVITE)
    if any(_needs_support(h) for h in data.habits):
        tail.append(TALK_TO_DOCTOR)
    tail.append(f"<i>{escape(closing_line(data))}</i>")
    return _fit(header, habits, tail)


PHQ9_INVITE = "A minute for the nine-question mood check (PHQ-9)? /phq9 — one tap per question."
PHQ9_EVERY_DAYS = 14


def phq9_due(data: SummaryData) -> bool:
    """Tell whether someone who tracks mood has gone two weeks without a PHQ-9."""
    tracks_mood = any(h.habit.kind is HabitKind.MOOD for h in data.habits)
    recent = any((data.end - day).days < PHQ9_EVERY_DAYS for day, _ in data.phq9)
    return tracks_mood and not recent


def phq9_line(data: SummaryData) -> str | None:
    """Say the latest PHQ-9 score in the period and how it compares with the one before."""
    last = max(
        (i for i, (day, _) in enumerate(data.phq9) if data.start <= day <= data.end), default=None
    )
    if last is None:
        return None
    day, total = data.phq9[last]
    line = f"<b>PHQ-9</b> ({day:%-d %b}): {total} of 27, {severity(total)}"
    previous = data.phq9[last - 1][1] if last else None
    if previous is not None and previous != total:
        line += f", {'down' if total < previous else 'up'} from {previous}"
    return line


def _fit(header: str, habits: list[str], tail: list[str]) -> str:
    """Join the parts, leaving out the last habit lines while the message is too long."""
    shown = len(habits)
    while True:
        more = len(habits) - shown
        lines = habits[:shown] + ([f"…and {more} more: /report has them all."] if more else [])
        text = "\n\n".join([header, "\n".join(lines), "\n".join(tail)])
        if _length(text) <= MESSAGE_LIMIT or shown == 0:
            return text
        shown -= 1


def _length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _span(start: date, end: date) -> str:
    if start == end:
        return f"{end.day} {end:%b}"
    first = (
        f"{start.day}"
        if (start.year, start.month) == (end.year, end.month)
        else _span(start, start)
    )
    return f"{first}–{end.day} {end:%b}"


def habit_name(habit: HabitSummary) -> str:
    """Return the escaped "Medication (Sertraline)" label of a habit."""
    label = LABELS[habit.habit.kind]
    return f"{label} ({escape(_plain(habit))})" if habit.habit.name.strip() else label


def habit_line(habit: HabitSummary) -> str:
    """Render one habit: done of due, skips apart from silences, runs, recent days, averages."""
    done_word, skip_word = WORDS[habit.habit.kind]
    parts = []
    if habit.due:
        parts.append(f"{habit.done}/{habit.due} {done_word} ({_pct(habit.rate)}{_before(habit)})")
    if habit.skipped and skip_word:
        parts.append(f"{habit.skipped} {skip_word}")
    if habit.no_answer:
        parts.append(f"{habit.no_answer} no answer")
    if habit.rescheduled:
        parts.append(f"{habit.rescheduled} rescheduled")
    parts += [p for p in (run_text(habit), recent_text(habit), averages_text(habit)) if p]
    return f"<b>{habit_name(habit)}</b>: " + " · ".join(parts)


def _pct(rate: float) -> str:
    return f"{round(rate * 100)}%"


def _before(habit: HabitSummary) -> str:
    """Name the period before's share, only when the two periods are comparable."""
    if habit.change is None or habit.previous_rate is None:
        return ""
    days = len(habit.days)
    span = "the week before" if days == 7 else f"the {days} days before"
    return f"; {_pct(habit.previous_rate)} {span}"


def run_text(habit: HabitSummary) -> str:
    """Say the current run of kept days (and the best, if longer), or an empty string."""
    unit = RUN_UNITS.get(habit.habit.kind, "days")
    if habit.current_streak >= 2:
        best = f" (best {habit.best_streak})" if habit.best_streak > habit.current_streak else ""
        return f"{habit.current_streak} {unit} in a row{best}"
    if habit.best_streak >= 2:
        return f"best run {habit.best_streak} {unit}"
    return ""


def recent_text(habit: HabitSummary) -> str:
    """Set the period against the last 30 days (short periods) or the last 7 (long ones)."""
    period = len(habit.days)
    tally: Tally = habit.last_30 if period <= 7 else habit.last_7
    period_due_days = sum(day.due > 0 for day in habit.days)
    if tally.due == 0 or (tally.days > period and tally.due == period_due_days):
        return ""  # nothing due, or nothing before the period to add
    kind, done_word = habit.habit.kind, WORDS[habit.habit.kind][0]
    if kind is HabitKind.APPOINTMENT:
        return f"last {tally.days} days: {tally.done} of {tally.due} {done_word}"
    if kind is HabitKind.MEDICATION and any(day.due > 1 for day in habit.days):
        done_word = "every dose taken"
    return f"last {tally.days} days: {done_word} on {tally.done} of {tally.due} days"


def averages_text(habit: HabitSummary) -> str:
    """Render the averages that fit the habit's kind, or an empty string."""
    a = habit.averages
    if isinstance(a, SleepAverages) and a.hours is not None:
        quality = f", quality {a.quality:.1f}/5" if a.quality is not None else ""
        return f"avg {a.hours:.1f} h{quality}" + _compared(a.change, a.previous_hours, "{:.1f} h")
    if isinstance(a, ExerciseAverages):
        return f"{a.total_minutes:.0f} min over {a.active_days} day{_s(a.active_days)}" + (
            _compared(a.change, a.previous_total, "{:.0f} min")
        )
    if isinstance(a, SubstanceAverages):
        text = (
            f"{a.drinks:g} drink{_s(a.drinks)} on {a.drinking_days} day{_s(a.drinking_days)}"
            if a.drinks
            else "no drinks"
        )
        return text + (f", drugs on {a.drug_days}" if a.drug_days else "")
    if isinstance(a, MoodAverages) and a.mean is not None:
        trend = {Change.UP: ", lifting", Change.DOWN: ", dipping", Change.SAME: ", steady"}
        return f"avg {a.mean:.1f} ({a.low:g}–{a.high:g}){trend.get(a.direction, '')}"
    if isinstance(a, StressAverages) and a.techniques:
        return "mostly " + a.techniques[0][0].replace("_", " ")
    if isinstance(a, MedicationNotes):
        reasons = ", ".join(f"{r.replace('_', ' ')} {n}" for r, n in a.skip_reasons)
        notes = f"{len(a.side_effects)} note{_s(len(a.side_effects))}" if a.side_effects else ""
        return "; ".join(p for p in (f"why skipped: {reasons}" if reasons else "", notes) if p)
    return ""


def _compared(change: Change | None, previous: float | None, shape: str) -> str:
    """Say how a number compares with the period before (set only when comparable)."""
    if change is None or previous is None:
        return ""
    before = shape.format(previous)
    if change is Change.SAME:
        return f", about the same as before ({before})"
    return f", {'up' if change is Change.UP else 'down'} from {before}"


def _s(count: float) -> str:
    return "" if count == 1 else "s"


def _needs_support(habit: HabitSummary) -> bool:
    notes = habit.averages
    if not isinstance(notes, MedicationNotes):
        return False
    reasons = {reason for reason, _ in notes.skip_reasons}
    return bool(notes.side_effects) or bool(reasons & {SkipReason.SIDE_EFFECTS, SkipReason.COST})


def _pattern_line(pattern: Pattern) -> str:
    """Word a with/without difference as a pattern seen, never as a cause."""
    name = escape(_plain(pattern.habit))
    when = ON_DAYS.get(pattern.habit.kind, "you did {name}").format(name=name)
    if pattern.metric == "mood":
        return (
            f"On days {when}, your mood averaged {pattern.with_mean:.1f}, "
            f"vs {pattern.without_mean:.1f} on other days."
        )
    return (
        f"After days {when}, you slept {pattern.with_mean:.1f} h on average, "
        f"vs {pattern.without_mean:.1f} h after other days."
    )


def closing_line(data: SummaryData) -> str:
    """Pick one kind, true sentence from the data: what went well comes first."""
    line = _closing(data)
    return line[:1].upper() + line[1:]


def _closing(data: SummaryData) -> str:
    rated = [h for h in data.habits if h.rate is not None and h.due >= 2]
    best = max(rated, key=lambda h: (h.rate, h.due), default=None)
    if best is not None and best.rate >= 0.8:
        if best.change is Change.SAME:  # only ever set from two comparable periods
            return f"{_plain(best)} held steady at {_pct(best.rate)}. That consistency counts."
        word = WORDS[best.habit.kind][0]
        return f"{_plain(best)}: {best.done} of {best.due} {word}. That counts."
    streak = max(data.habits, key=lambda h: h.current_streak, default=None)
    if streak is not None and streak.current_streak >= 3:
        if streak.habit.kind in RUN_UNITS:
            return f"{_plain(streak)}: {streak.current_streak} kept in a row."
        return f"You are on a {streak.current_streak}-day run with {_plain(streak)}."
    rising = [h for h in data.habits if h.change is Change.UP and h.previous_rate is not None]
    if rising:
        h = rising[0]
        return f"{_plain(h)} is up to {_pct(h.rate)}, from {_pct(h.previous_rate)} before."
    return f"You checked in {data.checkins} time{_s(data.checkins)}. Every check-in counts."


def _plain(habit: HabitSummary | HabitInfo) -> str:
    info = habit.habit if isinstance(habit, HabitSummary) else habit
    name = info.name.strip()
    if len(name) > NAME_LIMIT:
        name = name[: NAME_LIMIT - 1].rstrip(" &,") + "…"
    return name or LABELS[info.kind].lower()
