"""The summary chart: a habit-by-day grid and mood and sleep lines, as PNG bytes."""

from datetime import date
from io import BytesIO

from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from bot.summary_texts import LABELS
from models.days import Outcome
from models.stats import SummaryData

# Okabe–Ito colours stay apart for the common colour-vision deficiencies.
STATUS_COLOURS = {
    Outcome.DONE: ("#0072B2", "done"),
    Outcome.PARTLY: ("#56B4E9", "partly"),
    Outcome.NOT_DONE: ("#E69F00", "not done"),
    Outcome.NO_ANSWER: ("#999999", "no answer"),
    Outcome.NOT_DUE: ("#F0F0F0", "not due"),
}
MOOD_COLOUR = "#D55E00"
SLEEP_COLOUR = "#009E73"
MAX_ROWS = 20
LABEL_LIMIT = 22
_ORDER = list(STATUS_COLOURS)


def grid_rows(data: SummaryData) -> list[tuple[str, tuple[Outcome, ...]]]:
    """Return the grid the chart draws: a label and each day's outcome, per habit shown."""
    return [(_label(habit), habit.statuses) for habit in data.habits[:MAX_ROWS]]


def render_chart(data: SummaryData) -> bytes:
    """Draw the summary chart and return it as PNG bytes."""
    rows = grid_rows(data)
    grid_height = max(1.2, 0.32 * len(rows) + 0.6)
    figure = Figure(figsize=(8, grid_height + 2.6), dpi=110, layout="constrained")
    grid_ax, line_ax = figure.subplots(
        2, 1, sharex=True, height_ratios=[grid_height, 2.0], gridspec_kw={"hspace": 0.05}
    )
    _draw_grid(grid_ax, data, rows)
    _draw_lines(line_ax, data)
    _date_ticks(line_ax, data.days)
    figure.legend(
        handles=[Patch(color=c, label=label) for c, label in STATUS_COLOURS.values()]
        + [
            Line2D([], [], color=MOOD_COLOUR, marker="o", markersize=3, label="mood"),
            Line2D([], [], color=SLEEP_COLOUR, marker="s", markersize=3, ls="--", label="sleep"),
        ],
        loc="outside upper center",
        ncols=len(STATUS_COLOURS) + 2,
        frameon=False,
        fontsize=8,
    )
    buffer = BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _draw_grid(ax, data: SummaryData, rows) -> None:
    """Colour one cell per habit and day by what happened."""
    if not rows:
        ax.text(
            0.5,
            0.5,
            "No check-ins in this period",
            ha="center",
            va="center",
            transform=ax.transAxes,
            color="#555555",
        )
        ax.set_yticks([])
        return
    cells = [[_ORDER.index(status) for status in statuses] for _, statuses in rows]
    colours = ListedColormap([c for c, _ in STATUS_COLOURS.values()])
    norm = BoundaryNorm([i - 0.5 for i in range(len(_ORDER) + 1)], len(_ORDER))
    ax.imshow(
        cells,
        cmap=colours,
        norm=norm,
        aspect="auto",
        interpolation="nearest",
        extent=(-0.5, len(data.days) - 0.5, len(rows) - 0.5, -0.5),
    )
    ax.set_yticks(range(len(rows)), [label for label, _ in rows], fontsize=8)
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
    name = habit.habit.name.strip() or LABELS[habit.habit.kind]
    return name if len(name) <= LABEL_LIMIT else name[: LABEL_LIMIT - 1] + "…"


def _draw_lines(ax, data: SummaryData) -> None:
    """Draw mood (0–10, left) and hours slept (right), leaving gaps on days not logged."""
    x = range(len(data.days))
    mood = [float("nan") if v is None else v for v in data.mood_by_day]
    sleep = [float("nan") if v is None else v for v in data.sleep_by_day]
    # Markers mark single logged days; over months they would only blur the line.
    size = 3 if len(data.days) <= 62 else 0
    ax.plot(x, mood, color=MOOD_COLOUR, marker="o", markersize=size, linewidth=1.5)
    ax.set_ylim(0, 10)
    ax.set_ylabel("mood (0–10)", color=MOOD_COLOUR, fontsize=8)
    sleep_ax = ax.twinx()
    sleep_ax.plot(
        x, sleep, color=SLEEP_COLOUR, marker="s", markersize=size, linewidth=1.5, linestyle="--"
    )
    sleep_ax.set_ylim(0, 12)
    sleep_ax.set_ylabel("hours slept", color=SLEEP_COLOUR, fontsize=8)
    for axis in (ax, sleep_ax):
        axis.tick_params(labelsize=8)
        axis.spines["top"].set_visible(False)
    ax.grid(axis="y", color="#E5E5E5", linewidth=0.6)
    if all(v is None for v in data.mood_by_day + data.sleep_by_day):
        ax.text(
            0.5,
            0.5,
            "No mood or sleep logged",
            ha="center",
            va="center",
            transform=ax.transAxes,
            color="#555555",
            fontsize=9,
        )


def _date_ticks(ax, days: list[date]) -> None:
    """Label about eight days along the bottom, always including the last."""
    step = max(1, round(len(days) / 8))
    ticks = list(range(len(days) - 1, -1, -step))[::-1]
    short = len(days) <= 14
    ax.set_xticks(
        ticks,
        [f"{days[i]:%a}\n{days[i].day}" if short else f"{days[i].day} {days[i]:%b}" for i in ticks],
        fontsize=8,
    )
    ax.set_xlim(-0.5, len(days) - 0.5)
