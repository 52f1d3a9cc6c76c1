"""The report's timeline: medications and doses, the PHQ-9 in its bands, mood and sleep, one
panel each on one shared line of dates, as PNG bytes for the PDF."""

import itertools
from datetime import date, timedelta
from io import BytesIO

from matplotlib.figure import Figure

from bot.i18n import _, date_span, day_month
from bot.phq9_texts import severity
from models.stats_report import ReportData
from models.treatment import Course

# Okabe–Ito colours stay apart for the common colour-vision deficiencies.
MED_COLOURS = ("#0072B2", "#CC79A7", "#E69F00", "#009E73", "#56B4E9", "#D55E00")
MOOD_COLOUR = "#D55E00"
SLEEP_COLOUR = "#009E73"
PHQ9_COLOUR = "#000000"
FLAG_COLOUR = "#C00000"
# The PHQ-9 bands, light green to light red: (floor, ceiling) of each band's scores.
BANDS = ((0, 5, "#EAF4EA"), (5, 10, "#F5F5DC"), (10, 15, "#FBEBD5"), (15, 20, "#F8DCCB"),
         (20, 27, "#F2C9C4"))  # fmt: skip
LABEL_SIZE = 7


def timeline_title(data: ReportData) -> str:
    summary = data.summary
    return _("Treatment, PHQ-9, mood and sleep · {span} {year}").format(
        span=date_span(summary.start, summary.end), year=summary.end.year
    )


def render_timeline(data: ReportData) -> bytes:
    buffer = BytesIO()
    timeline_figure(data).savefig(buffer, format="png", dpi=160)
    return buffer.getvalue()


def timeline_figure(data: ReportData) -> Figure:
    """Lay out the panels: medications, PHQ-9, mood, sleep; each on its own y-axis."""
    courses = [row.course for row in data.courses]
    med_height = 0.3 * max(1, len(courses)) + 0.3
    figure = Figure(figsize=(7.2, med_height + 4.2), layout="constrained")
    axes = figure.subplots(4, 1, sharex=True, height_ratios=[med_height, 1.6, 1.2, 1.2])
    figure.suptitle(timeline_title(data), fontsize=9, fontweight="bold")
    start, end = data.summary.start, data.summary.end
    _medications(axes[0], courses, start, end)
    _phq9(axes[1], data, start, end)
    _daily(axes[2], data.summary.mood_by_day, MOOD_COLOUR, (0, 10), _("Mood (0–10), daily"))
    _daily(axes[3], data.summary.sleep_by_day, SLEEP_COLOUR, (0, 12), _("Hours slept, nightly"))
    _week_ticks(axes[3], start, end)
    for ax in axes:
        ax.tick_params(labelsize=LABEL_SIZE)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    return figure


def _x(day: date, start: date) -> float:
    return float((day - start).days)


def _medications(ax, courses: list[Course], start: date, end: date) -> None:
    """Draw a bar per medication from start to stop, one segment per dose, labelled."""
    ax.set_title(_("Medications and doses"), fontsize=LABEL_SIZE, loc="left")
    last = end + timedelta(days=1)
    for row, course in enumerate(courses):
        colour = MED_COLOURS[row % len(MED_COLOURS)]
        stop = min(course.stopped_on or last, last)
        changes = [d.from_on for d in course.doses if start < d.from_on < stop]
        edges = [max(course.started_on, start), *changes, stop]
        for left, right in itertools.pairwise(edges):
            width = _x(right, start) - _x(left, start)
            ax.barh(row, width, left=_x(left, start) - 0.5, height=0.6, color=colour,
                    edgecolor="white", linewidth=1.2)  # fmt: skip
            ax.text(_x(left, start) + 0.2, row, course.dose_on(left), va="center",
                    fontsize=LABEL_SIZE - 0.5, color="white", clip_on=True)  # fmt: skip
        if course.started_on < start:
            ax.text(-0.4, row, "◀", va="center", ha="right", fontsize=LABEL_SIZE, color=colour)
    ax.set_yticks(range(len(courses)), [c.name[:18] for c in courses], fontsize=LABEL_SIZE)
    ax.set_ylim(max(1, len(courses)) - 0.5, -0.5)
    if not courses:
        _note(ax, _("No medications in the treatment journal"))


def _phq9(ax, data: ReportData, start: date, end: date) -> None:
    """Draw the PHQ-9 scores over the severity bands; item 9 above zero in red."""
    ax.set_title(_("PHQ-9 (0–27)"), fontsize=LABEL_SIZE, loc="left")
    for low, high, colour in BANDS:
        ax.axhspan(low, high, color=colour, linewidth=0)
        ax.text(1.005, (low + high) / 2, severity(low), transform=ax.get_yaxis_transform(),
                fontsize=LABEL_SIZE - 1, va="center", color="#555555")  # fmt: skip
    scores = [(day, score) for day, score in data.summary.phq9 if start <= day <= end]
    if scores:
        ax.plot([_x(d, start) for d, _s in scores], [s for _d, s in scores], color=PHQ9_COLOUR,
                marker="o", markersize=3.5, linewidth=1.2)  # fmt: skip
        for day, score in scores:
            ax.annotate(str(score), (_x(day, start), score), textcoords="offset points",
                        xytext=(0, 4), ha="center", fontsize=LABEL_SIZE - 1)  # fmt: skip
    for day, _answer in data.summary.self_harm:
        if start <= day <= end:
            ax.axvline(_x(day, start), color=FLAG_COLOUR, linewidth=1, linestyle=":")
            ax.text(_x(day, start) + 0.6, 1, _("item 9 > 0"), color=FLAG_COLOUR,
                    fontsize=LABEL_SIZE - 1, ha="left", va="bottom")  # fmt: skip
    ax.set_ylim(0, 27)
    ax.set_yticks([0, 5, 10, 15, 20, 27])
    if not scores:
        _note(ax, _("No PHQ-9 in this period"))


def _daily(ax, values, colour: str, limits, title: str) -> None:
    """Draw one daily series with its own y-axis, leaving gaps on days not logged."""
    ax.set_title(title, fontsize=LABEL_SIZE, loc="left")
    xs = [i for i, v in enumerate(values) if v is not None]
    ax.plot(xs, [values[i] for i in xs], color=colour, marker="o", markersize=2, linewidth=0.8)
    ax.set_ylim(*limits)
    ax.set_yticks(range(limits[0], limits[1] + 1, 5 if limits[1] <= 10 else 4))
    ax.grid(axis="y", color="#E5E5E5", linewidth=0.5)
    if not xs:
        _note(ax, _("Nothing logged"))


def _week_ticks(ax, start: date, end: date) -> None:
    days = (end - start).days + 1
    ticks = list(range(0, days, 7))
    ax.set_xticks(ticks, [day_month(start + timedelta(days=i)) for i in ticks])
    ax.set_xlim(-0.5, days - 0.5)


def _note(ax, text: str) -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes, color="#555555",
            fontsize=LABEL_SIZE)  # fmt: skip
