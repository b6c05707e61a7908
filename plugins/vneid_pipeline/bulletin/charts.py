"""Inline SVG charts of the bulletin, written by hand (no plotting library, no JavaScript).

A chart function returns an `<svg>` element as a string, with a `<title>` and an `aria-label`, every
text escaped. Rates are fractions in [0, 1] (Decimal or float); the caller passes the formatters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from html import escape

FONT = "system-ui, 'Segoe UI', 'Noto Sans', 'DejaVu Sans', Arial, sans-serif"
AXIS_COLOUR = "#5f6b7a"
GRID_COLOUR = "#dde3ea"
LINE_COLOUR = "#1f5fa8"
TARGET_COLOUR = "#c0392b"
BAR_BELOW = "#2f7fc1"
BAR_REACHED = "#2e8b57"


def _number(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros (short, stable output)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _fraction(rate) -> float | None:
    return None if rate is None else float(rate)


def _open_svg(chart_id: str, width: int, height: int, title: str, description: str) -> list[str]:
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{escape(chart_id)}" class="chart" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{escape(title_id)} {escape(desc_id)}" aria-label="{escape(title)}" '
        f'font-family="{escape(FONT)}" font-size="12">',
        f'<title id="{escape(title_id)}">{escape(title)}</title>',
        f'<desc id="{escape(desc_id)}">{escape(description)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]


def line_chart(
    chart_id: str,
    points: Sequence[tuple[dt.date, object]],
    target_rate,
    *,
    title: str,
    description: str,
    format_rate: Callable[[object], str],
    format_tick: Callable[[object], str] | None = None,
    format_day: Callable[[dt.date], str],
    format_tick_day: Callable[[dt.date], str],
    target_label: str,
    width: int = 960,
    height: int = 340,
) -> str:
    """Rate by day: a polyline per run of consecutive days with a value, one marker per day with a
    value, the target as a dashed horizontal line, a y axis from 0 to 100 % and dated x ticks."""
    left, right, top, bottom = 56, 24, 20, 46
    plot_width, plot_height = width - left - right, height - top - bottom
    count = len(points)

    def x_of(index: int) -> float:
        return left + (plot_width / 2 if count == 1 else plot_width * index / (count - 1))

    def y_of(rate: float) -> float:
        return top + plot_height * (1 - min(max(rate, 0.0), 1.0))

    parts = _open_svg(chart_id, width, height, title, description)
    for tick in range(0, 101, 10):
        y = y_of(tick / 100)
        parts.append(f'<line x1="{left}" y1="{_number(y)}" x2="{left + plot_width}" y2="{_number(y)}" '
                     f'stroke="{GRID_COLOUR}" stroke-width="1"/>')
        parts.append(f'<text x="{left - 6}" y="{_number(y + 4)}" text-anchor="end" fill="{AXIS_COLOUR}">'
                     f'{escape((format_tick or format_rate)(Decimal(tick) / 100))}</text>')
    parts.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_height}" stroke="{AXIS_COLOUR}"/>')
    parts.append(f'<line x1="{left}" y1="{top + plot_height}" x2="{left + plot_width}" y2="{top + plot_height}" '
                 f'stroke="{AXIS_COLOUR}"/>')
    label_every = max(1, -(-count // 12))
    for index, (day, _) in enumerate(points):
        x = x_of(index)
        parts.append(f'<line x1="{_number(x)}" y1="{top + plot_height}" x2="{_number(x)}" '
                     f'y2="{top + plot_height + 4}" stroke="{AXIS_COLOUR}"/>')
        if index % label_every == 0 or index == count - 1:
            parts.append(f'<text x="{_number(x)}" y="{top + plot_height + 18}" text-anchor="middle" '
                         f'fill="{AXIS_COLOUR}">{escape(format_tick_day(day))}</text>')

    target = _fraction(target_rate)
    if target is not None:
        y = y_of(target)
        parts.append(f'<line class="target" x1="{left}" y1="{_number(y)}" x2="{left + plot_width}" y2="{_number(y)}" '
                     f'stroke="{TARGET_COLOUR}" stroke-width="1.5" stroke-dasharray="6 4"/>')
        parts.append(f'<text x="{left + plot_width - 4}" y="{_number(y - 6)}" text-anchor="end" '
                     f'fill="{TARGET_COLOUR}">{escape(target_label)}</text>')

    runs: list[list[str]] = [[]]
    markers = []
    for index, (day, rate) in enumerate(points):
        value = _fraction(rate)
        if value is None:
            runs.append([])
            continue
        x, y = _number(x_of(index)), _number(y_of(value))
        runs[-1].append(f"{x},{y}")
        markers.append(f'<circle cx="{x}" cy="{y}" r="3.5" fill="{LINE_COLOUR}">'
                       f'<title>{escape(format_day(day))}: {escape(format_rate(rate))}</title></circle>')
    for run in runs:
        if run:
            parts.append(f'<polyline class="series" points="{" ".join(run)}" fill="none" stroke="{LINE_COLOUR}" '
                         f'stroke-width="2.5" stroke-linejoin="round"/>')
    parts.extend(markers)
    parts.append("</svg>")
    return "".join(parts)


def bar_chart(
    chart_id: str,
    bars: Sequence[tuple[str, object]],
    target_rate,
    *,
    title: str,
    description: str,
    format_rate: Callable[[object], str],
    format_tick: Callable[[object], str] | None = None,
    target_label: str,
    width: int = 960,
    bar_height: int = 16,
    label_width: int = 190,
) -> str:
    """Horizontal bars, one per (label, rate) in the given order, the value at the end of each bar,
    the target as a dashed vertical line; a bar that reaches the target has its own colour."""
    left, right, top, bottom = label_width, 64, 26, 30
    gap = 4
    plot_width = width - left - right
    plot_height = max(1, len(bars)) * (bar_height + gap)
    height = top + plot_height + bottom
    target = _fraction(target_rate)

    def x_of(rate: float) -> float:
        return left + plot_width * min(max(rate, 0.0), 1.0)

    parts = _open_svg(chart_id, width, height, title, description)
    for tick in range(0, 101, 20):
        x = x_of(tick / 100)
        parts.append(f'<line x1="{_number(x)}" y1="{top}" x2="{_number(x)}" y2="{top + plot_height}" '
                     f'stroke="{GRID_COLOUR}"/>')
        parts.append(f'<text x="{_number(x)}" y="{top + plot_height + 18}" text-anchor="middle" '
                     f'fill="{AXIS_COLOUR}">{escape((format_tick or format_rate)(Decimal(tick) / 100))}</text>')
    parts.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_height}" stroke="{AXIS_COLOUR}"/>')
    for index, (label, rate) in enumerate(bars):
        value = _fraction(rate) or 0.0
        y = top + index * (bar_height + gap) + gap / 2
        reached = target is not None and value >= target
        bar_width = x_of(value) - left
        parts.append(f'<text x="{left - 6}" y="{_number(y + bar_height - 4)}" text-anchor="end" fill="#1d2733">'
                     f'{escape(label)}</text>')
        parts.append(f'<rect class="bar" x="{left}" y="{_number(y)}" width="{_number(bar_width)}" height="{bar_height}" '
                     f'fill="{BAR_REACHED if reached else BAR_BELOW}"><title>{escape(label)}: '
                     f'{escape(format_rate(rate))}</title></rect>')
        parts.append(f'<text x="{_number(left + bar_width + 4)}" y="{_number(y + bar_height - 4)}" fill="#1d2733">'
                     f'{escape(format_rate(rate))}</text>')
    if target is not None:
        x = x_of(target)
        parts.append(f'<line class="target" x1="{_number(x)}" y1="{top - 8}" x2="{_number(x)}" y2="{top + plot_height}" '
                     f'stroke="{TARGET_COLOUR}" stroke-width="1.5" stroke-dasharray="6 4"/>')
        parts.append(f'<text x="{_number(x)}" y="{top - 12}" text-anchor="middle" fill="{TARGET_COLOUR}">'
                     f'{escape(target_label)}</text>')
    parts.append("</svg>")
    return "".join(parts)
