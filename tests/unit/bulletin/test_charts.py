"""The bulletin's inline SVG charts as the daily page carries them."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from vneid_pipeline.bulletin.daily_page import render_report_html
from vneid_pipeline.bulletin.figures import DayRate

from .samples import DAY, report_data, svg_section


def test_line_chart_has_one_point_per_day_and_the_target_line():
    data = report_data()
    document = render_report_html(data)
    svg = svg_section(document, "bieu-do-toan-quoc")
    points = re.findall(r'<polyline class="series" points="([^"]+)"', svg)
    assert len(points) == 1 and len(points[0].split()) == len(data.series) == 3
    assert svg.count("<circle") == 3
    xs = [float(pair.split(",")[0]) for pair in points[0].split()]
    assert xs == sorted(xs) and len(set(xs)) == 3
    ys = [float(pair.split(",")[1]) for pair in points[0].split()]
    assert ys[0] > ys[1] > ys[2]  # rising rate: higher on the page (smaller y)
    assert 'class="target"' in svg and "Chỉ tiêu 90,0 %" in svg
    assert "06/05" in svg and "08/05" in svg and "50 %" in svg and "100 %" in svg
    assert '<title id="bieu-do-toan-quoc-title">' in svg and 'aria-label="' in svg
    assert "08/05/2025: 16,4 %" in svg


def test_a_day_without_figures_breaks_the_line():
    series = [DayRate(dt.date(2025, 5, 6), Decimal("0.05")), DayRate(dt.date(2025, 5, 7), None),
              DayRate(DAY, Decimal("0.16"))]
    svg = svg_section(render_report_html(report_data(series=series)), "bieu-do-toan-quoc")
    runs = re.findall(r'<polyline class="series" points="([^"]+)"', svg)
    assert [len(run.split()) for run in runs] == [1, 1]
    assert svg.count("<circle") == 2


def test_bar_chart_has_one_sorted_bar_per_province_with_figures():
    svg = svg_section(render_report_html(report_data()), "bieu-do-tinh")
    bars = re.findall(r'<rect class="bar"[^>]*width="([0-9.]+)"[^>]*><title>([^<]+)</title>', svg)
    assert [title for _, title in bars] == ["Hà Nội: 20,5 %", "Thành phố Hồ Chí Minh: 12,9 %", "Thanh Hóa: 10,0 %"]
    widths = [float(width) for width, _ in bars]
    assert widths == sorted(widths, reverse=True) and widths[-1] > 0
    assert 'class="target"' in svg
