"""The summary's closing sentence and its patterns, and a habit's plain name (pure, gettext)."""

from html import escape

from bot.i18n import _, fixed, ngettext
from bot.texts import kind_label
from models.days import HabitInfo
from models.stats import HabitSummary, Pattern, SummaryData
from models.trends import Change
from models.types import HabitKind

NAME_LIMIT = 40


def done_words(kind: HabitKind) -> tuple[str, str | None]:
    """Return what done and skipped read as for a kind; None leaves skips to the averages."""
    return {
        HabitKind.MEDICATION: (_("taken"), _("skipped")),
        HabitKind.APPOINTMENT: (_("kept"), _("missed")),
        HabitKind.SLEEP: (_("logged"), _("skipped")),
        HabitKind.EXERCISE: (_("done"), _("not today")),
        HabitKind.STRESS: (_("done"), _("not today")),
        HabitKind.SUBSTANCE_FREE: (_("free"), None),
        HabitKind.MOOD: (_("logged"), _("skipped")),
    }[kind]


def plain_name(habit: HabitSummary | HabitInfo) -> str:
    """Return a habit's own name (cut to NAME_LIMIT), or its kind's name in lower case."""
    info = habit.habit if isinstance(habit, HabitSummary) else habit
    name = info.name.strip()
    if len(name) > NAME_LIMIT:
        name = name[: NAME_LIMIT - 1].rstrip(" &,") + "…"
    return name or kind_label(info.kind).lower()


def _on_days(habit: HabitInfo) -> str:
    """Say what a day with the habit done was: "you took Sertraline" (HTML)."""
    name = escape(plain_name(habit))
    return {
        HabitKind.MEDICATION: _("you took {name}"),
        HabitKind.APPOINTMENT: _("you went to {name}"),
        HabitKind.EXERCISE: _("you moved"),
        HabitKind.STRESS: _("you made time for stress relief"),
        HabitKind.SUBSTANCE_FREE: _("you stayed alcohol- and drug-free"),
    }.get(habit.kind, _("you did {name}")).format(name=name)


def pattern_line(pattern: Pattern) -> str:
    """Word a with/without difference as a pattern seen, never as a cause."""
    values = {
        "when": _on_days(pattern.habit),
        "with": fixed(pattern.with_mean),
        "without": fixed(pattern.without_mean),
    }
    if pattern.metric == "mood":
        return _("On days {when}, your mood averaged {with}, vs {without} on other days.").format(
            **values
        )
    return _(
        "After days {when}, you slept {with} h on average, vs {without} h after other days."
    ).format(**values)


def closing_line(data: SummaryData) -> str:
    """Pick one kind, true sentence from the data: what went well comes first."""
    line = _closing(data)
    return line[:1].upper() + line[1:]


def _pct(rate: float) -> str:
    return _("{percent}%").format(percent=round(rate * 100))


def _closing(data: SummaryData) -> str:
    rated = [h for h in data.habits if h.rate is not None and h.due >= 2]
    best = max(rated, key=lambda h: (h.rate, h.due), default=None)
    if best is not None and best.rate >= 0.8:
        if best.change is Change.SAME:  # only ever set from two comparable periods
            return _("{name} held steady at {share}. That consistency counts.").format(
                name=plain_name(best), share=_pct(best.rate)
            )
        return _("{name}: {done} of {due} {word}. That counts.").format(
            name=plain_name(best), done=best.done, due=best.due, word=_done_word(best)
        )
    streak = max(data.habits, key=lambda h: h.current_streak, default=None)
    if streak is not None and streak.current_streak >= 3:
        if streak.habit.kind is HabitKind.APPOINTMENT:
            return _("{name}: {count} kept in a row.").format(
                name=plain_name(streak), count=streak.current_streak
            )
        return _("You are on a {count}-day run with {name}.").format(
            count=streak.current_streak, name=plain_name(streak)
        )
    rising = [h for h in data.habits if h.change is Change.UP and h.previous_rate is not None]
    if rising:
        h = rising[0]
        return _("{name} is up to {share}, from {before} before.").format(
            name=plain_name(h), share=_pct(h.rate), before=_pct(h.previous_rate)
        )
    return ngettext(
        "You checked in {count} time. Every check-in counts.",
        "You checked in {count} times. Every check-in counts.",
        data.checkins,
    ).format(count=data.checkins)


def _done_word(habit: HabitSummary) -> str:
    return done_words(habit.habit.kind)[0]
