"""The summary chart: a habit-by-day grid, then mood and sleep in panels of their own, under a
title with the dates (so it still means something once forwarded), as PNG bytes."""

from datetime import date
from io import BytesIO

from babel.dates import format_date
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from bot.i18n import _, date_span, day_month, locale
from bot.texts import kind_label
from models.days import Outcome
from models.stats import SummaryData

# Okabe–Ito colours stay apart for the common colour-vision deficiencies.
STATUS_COLOURS = {
    Outcome.DONE: "#0072B2",
    Outcome.PARTLY: "#56B4E9",
    Outcome.NOT_DONE: "#E69F00",
    Outcome.NO_ANSWER: "#999999",
    Outcome.NOT_DUE: "#F0F0F0",
}
MOOD_COLOUR = "#D55E00"
SLEEP_COLOUR = "#009E73"
GREY = "#555555"
MAX_ROWS = 20
LABEL_LIMIT = 22
_ORDER = list(STATUS_COLOURS)


def status_label(outcome: Outcome) -> str:
    return {
        Outcome.DONE: _("done"),
        Outcome.PARTLY: _("partly"),
        Outcome.NOT_DONE: _("not done"),
        Outcome.NO_ANSWER: _("no answer"),
        Outcome.NOT_DUE: _("not due"),
    }[outcome]


def grid_rows(data: SummaryData) -> list[tuple[str, tuple[Outcome, ...]]]:
    """Return the grid the chart draws: a label and each day's outcome, per habit shown."""
    return [(_label(habit), habit.statuses) for habit in data.habits[:MAX_ROWS]]


def chart_title(data: SummaryData) -> str:
    span = f"{date_span(data.start, data.end)} {data.end.year}"
    if data.first_name.strip():
        return _("{name}'s Steady check-ins · {span}").format(name=data.first_name, span=span)
    return _("Steady check-ins · {span}").format(span=span)


def render_chart(data: SummaryData) -> bytes:
    """Draw the summary chart and return it as PNG bytes."""
    buffer = BytesIO()
    chart_figure(data).savefig(buffer, format="png")
    return buffer.getvalue()


def chart_figure(data: SummaryData) -> Figure:
    """Lay out the chart: the title, the grid, then the mood panel and the sleep panel."""
    rows = grid_rows(data)
    grid_height = max(1.2, 0.32 * len(rows) + 0.6)
    figure = Figure(figsize=(8, grid_height + 3.6), dpi=110, layout="constrained")
    grid_ax, mood_ax, sleep_ax = figure.subplots(
        3, 1, sharex=True, height_ratios=[grid_height, 1.5, 1.5]
    )
    figure.suptitle(chart_title(data), fontsize=11, fontweight="bold")
    _draw_grid(grid_ax, data, rows)
    _draw_panel(mood_ax, data.mood_by_day, MOOD_COLOUR, "o", (0, 10), _("Mood (0–10)"))
    _draw_panel(sleep_ax, data.sleep_by_day, SLEEP_COLOUR, "s", (0, 12), _("Hours slept"))
    _date_ticks(sleep_ax, data.days)
    figure.legend(
        handles=[Patch(color=c, label=status_label(o)) for o, c in STATUS_COLOURS.items()],
        loc="outside upper center",
        ncols=len(STATUS_COLOURS),
        frameon=False,
        fontsize=8,
    )
    return figure


def _draw_grid(ax, data: SummaryData, rows) -> None:
    """Colour one cell per habit and day by what happened."""
    if not rows:
        _note(ax, _("No check-ins in this period"))
        ax.set_yticks([])
        return
    cells = [[_ORDER.index(status) for status in statuses] for _label, statuses in rows]
    colours = ListedColormap(list(STATUS_COLOURS.values()))
    norm = BoundaryNorm([i - 0.5 for i in range(len(_ORDER) + 1)], len(_ORDER))
    ax.imshow(
        cells,
        cmap=colours,
        norm=norm,
        aspect="auto",
        interpolation="nearest",
        extent=(-0.5, len(data.days) - 0.5, len(rows) - 0.5, -0.5),
    )
    ax.set_yticks(range(len(rows)), [label for label, _statuses in rows], fontsize=8)
    if len(data.days) <= 62:
        # White lines between cells keep single days readable; a year of them would be noise.
        ax.set_xticks([i - 0.5 for i in range(len(data.days) + 1)], minor=True)
        ax.set_yticks([i - 0.5 for i in range(len(rows) + 1)], minor=True)
        ax.grid(which="minor", color="white", linewidth=1.2)
        ax.tick_params(which="minor", length=0)
    ax.tick_params(axis="x", length=0)
    for side in ax.spines.values():
        side.set_visible(False)


def _label(habit) -> str:
    name = habit.habit.name.strip() or kind_label(habit.habit.kind)
    return name if len(name) <= LABEL_LIMIT else name[: LABEL_LIMIT - 1] + "…"


def _draw_panel(ax, values, colour: str, marker: str, limits, title: str) -> None:
    """Draw one daily series in its own panel, leaving gaps on days not logged."""
    points = [float("nan") if v is None else v for v in values]
    # Markers mark single logged days; over months they would only blur the line.
    size = 3 if len(values) <= 62 else 0
    ax.plot(range(len(values)), points, color=colour, marker=marker, markersize=size, lw=1.5)
    ax.set_ylim(*limits)
    ax.set_title(title, fontsize=8, loc="left", color=colour)
    ax.tick_params(labelsize=8)
    ax.grid(axis="y", color="#E5E5E5", linewidth=0.6)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if all(v is None for v in values):
        _note(ax, _("Nothing logged"))


def _note(ax, text: str) -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes, color=GREY,
            fontsize=9)  # fmt: skip


def _date_ticks(ax, days: list[date]) -> None:
    """Label about eight days along the bottom, always including the last."""
    step = max(1, round(len(days) / 8))
    ticks = list(range(len(days) - 1, -1, -step))[::-1]
    short = len(days) <= 14
    labels = [
        f"{format_date(days[i], 'EEE', locale=locale())}\n{days[i].day}"
        if short
        else day_month(days[i])
        for i in ticks
    ]
    ax.set_xticks(ticks, labels, fontsize=8)
    ax.set_xlim(-0.5, len(days) - 0.5)
