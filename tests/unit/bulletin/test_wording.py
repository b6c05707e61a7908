"""Vietnamese number, date and percentage formats of the bulletin."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from vneid_pipeline.bulletin.wording import format_date, format_gap, format_int, format_percent, format_points


def test_numbers_and_dates_are_formatted_the_vietnamese_way():
    assert format_int(1_290_087) == "1.290.087"
    assert format_int(None) == "—"
    assert format_percent(Decimal("0.2051")) == "20,5 %"
    assert format_percent(Decimal("0.20549")) == "20,5 %" and format_percent(Decimal("0.20551")) == "20,6 %"
    assert format_percent(1) == "100,0 %"
    assert format_points(Decimal("0.6949")) == "69,5 điểm %"
    assert format_gap(Decimal("-0.015")) == "vượt 1,5 điểm %"
    assert format_date(dt.date(2025, 5, 8)) == "08/05/2025"
