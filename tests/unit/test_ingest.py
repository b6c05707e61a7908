"""Pure ingest rules: the deadline, lateness, the re-check window, and the staging COPY rendering."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pandas as pd
import pytest

from vneid_pipeline import ingest
from vneid_pipeline.ingest import deadline_of, is_late, recheck_window

TZ7 = dt.timezone(dt.timedelta(hours=7))
UTC = dt.UTC
DAY = dt.date(2025, 5, 16)

# ------------------------------------------------------------------------------------------ lateness


def test_deadline_is_15_00_in_ho_chi_minh_city():
    deadline = deadline_of(DAY, 15)
    assert deadline == dt.datetime(2025, 5, 16, 8, 0, tzinfo=UTC)
    assert deadline.utcoffset() == dt.timedelta(hours=7)


@pytest.mark.parametrize("timestamp,late", [
    (dt.datetime(2025, 5, 16, 14, 59, 59, tzinfo=TZ7), False),
    (dt.datetime(2025, 5, 16, 15, 0, 0, tzinfo=TZ7), False),
    (dt.datetime(2025, 5, 16, 15, 0, 1, tzinfo=TZ7), True),
    (dt.datetime(2025, 5, 16, 7, 59, 59, tzinfo=UTC), False),
    (dt.datetime(2025, 5, 16, 8, 0, 1, tzinfo=UTC), True),
    # 14:00 UTC is 21:00 in Hanoi: late, though "14:00" looks early
    (dt.datetime(2025, 5, 16, 14, 0, tzinfo=UTC), True),
    # 23:00 UTC the day before is 06:00 on the report day: on time
    (dt.datetime(2025, 5, 15, 23, 0, tzinfo=UTC), False),
    (dt.datetime(2025, 5, 17, 9, 0, tzinfo=TZ7), True),
    (None, False),
])
def test_is_late(timestamp, late):
    assert is_late(timestamp, DAY, 15) is late


def test_is_late_is_judged_against_the_report_day_not_today():
    resubmitted = dt.datetime(2025, 5, 20, 9, 0, tzinfo=TZ7)
    assert is_late(resubmitted, dt.date(2025, 5, 16), 15)
    assert not is_late(resubmitted, dt.date(2025, 5, 20), 15)


def test_is_late_follows_the_configured_hour():
    at_four = dt.datetime(2025, 5, 16, 16, 0, tzinfo=TZ7)
    assert is_late(at_four, DAY, 15)
    assert not is_late(at_four, DAY, 17)


# ----------------------------------------------------------------------------------- re-check window


@pytest.mark.parametrize("report_date,recheck_days,expected", [
    (dt.date(2025, 5, 16), 3, [dt.date(2025, 5, 13), dt.date(2025, 5, 14), dt.date(2025, 5, 15), dt.date(2025, 5, 16)]),
    (dt.date(2025, 5, 7), 3, [dt.date(2025, 5, 6), dt.date(2025, 5, 7)]),
    (dt.date(2025, 5, 6), 3, [dt.date(2025, 5, 6)]),
    (dt.date(2025, 5, 16), 0, [dt.date(2025, 5, 16)]),
    (dt.date(2025, 5, 9), 3, [dt.date(2025, 5, 6), dt.date(2025, 5, 7), dt.date(2025, 5, 8), dt.date(2025, 5, 9)]),
])
def test_recheck_window_clips_at_the_first_day(report_date, recheck_days, expected):
    assert recheck_window(report_date, dt.date(2025, 5, 6), recheck_days) == expected


def test_recheck_window_crosses_month_ends():
    window = recheck_window(dt.date(2025, 11, 1), dt.date(2025, 10, 30), 3)
    assert window == [dt.date(2025, 10, 30), dt.date(2025, 10, 31), dt.date(2025, 11, 1)]


# ---------------------------------------------------------------------------------- province totals




def test_staging_rows_are_rendered_as_copy_csv_in_chunks(monkeypatch):
    """Labels quoted (commas, quotes, newlines and '' survive), a missing count is an empty unquoted
    field (NULL to COPY), and every row is rendered once across chunks."""
    monkeypatch.setattr(ingest, "COPY_CHUNK_ROWS", 2)
    frame = pd.DataFrame({
        "row_number": pd.Series([1, 2, 3], dtype="int64"),
        "commune_code": pd.Series(["00001", "00001", "00004"], dtype=object),
        "section": pd.Series(["", 'Chương I, "Điều 1"', "a\nb"], dtype=object),
        "citizen_group": pd.Series(["", "Cán bộ, công chức", ""], dtype=object),
        "eligible": pd.array([10, 6, 20], dtype="Int64"),
        "participated": pd.array([5, 3, 10], dtype="Int64"),
        "agreed": pd.array([4, None, 9_999_999_999], dtype="Int64"),
    })
    chunks = [bytes(chunk) for chunk in ingest._staging_csv_chunks(42, frame)]
    assert len(chunks) == 2
    rows = list(csv.reader(io.StringIO(b"".join(chunks).decode("utf-8"), newline="")))
    assert rows == [
        ["42", "1", "00001", "", "", "10", "5", "4"],
        ["42", "2", "00001", 'Chương I, "Điều 1"', "Cán bộ, công chức", "6", "3", ""],
        ["42", "3", "00004", "a\nb", "", "20", "10", "9999999999"],
    ]
    text = b"".join(chunks).decode("utf-8")
    assert '"00001","",""' in text and ',6,3,\n' in text  # '' quoted (empty label), NULL unquoted
