"""Pure ingest rules (lateness, re-check window, province totals), atomic file writes and settings."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import stat
from pathlib import Path

import pandas as pd
import pytest

from vneid_pipeline import ingest
from vneid_pipeline import settings as settings_module
from vneid_pipeline.ingest import deadline_of, is_late, recheck_window
from vneid_pipeline.parsing import ParsedReport
from vneid_pipeline.publish import UTF8_BOM, _write_atomically
from vneid_pipeline.quality import QualityPolicy, assess, previous_frame

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


def parsed_with(total, agreed=(400, 1200)) -> ParsedReport:
    rows = pd.DataFrame({
        "row_number": [1, 2],
        "commune_code": ["00001", "00004"],
        "section": ["", ""],
        "citizen_group": ["", ""],
        "eligible": pd.array([1000, 2000], dtype="Int64"),
        "participated": pd.array([500, 1500], dtype="Int64"),
        "agreed": pd.array(list(agreed), dtype="Int64"),
    })
    return ParsedReport("hien-phap-2025", "01", "2025-05-16", None, 1, total, rows)


def _reconcile_total(parsed, tolerance=0.0):
    """The blocking findings of the quality checks, with no previous day to compare with."""
    return assess(parsed, previous_frame([]), QualityPolicy(total_tolerance=tolerance)).blocking


def test_total_within_a_configured_tolerance_is_accepted_and_recorded():
    parsed = parsed_with({"eligible": 3001, "participated": 2000})
    assert _reconcile_total(parsed, tolerance=0.001) == []
    findings = assess(parsed, previous_frame([]), QualityPolicy(total_tolerance=0.001))
    assert [(r["column_name"], r["difference"], r["within_tolerance"]) for r in findings.reconciliation] == [
        ("eligible", 1, True), ("participated", 0, True)]


def test_matching_total_is_accepted():
    assert _reconcile_total(parsed_with({"eligible": 3000, "participated": 2000, "agreed": 1600})) == []


@pytest.mark.parametrize("total", [None, {}])
def test_absent_total_is_not_checked(total):
    assert _reconcile_total(parsed_with(total)) == []


def test_partial_total_checks_only_what_it_declares():
    assert _reconcile_total(parsed_with({"eligible": 3000})) == []
    assert _reconcile_total(parsed_with({"eligible": 3000, "participated": None})) == []


def test_mismatching_total_is_flagged_per_column():
    found = _reconcile_total(parsed_with({"eligible": 3001, "participated": 2000, "agreed": 1500}))
    assert [(v.rule, v.column_name, v.value) for v in found] == [
        ("province_total_reconciles", "eligible", "3001"), ("province_total_reconciles", "agreed", "1500")]
    assert "3001" in found[0].message and "3000" in found[0].message
    assert "1500" in found[1].message and "1600" in found[1].message


def test_agreed_total_is_not_checked_when_some_rows_lack_agreed():
    assert _reconcile_total(parsed_with({"eligible": 3000, "agreed": 9999}, agreed=(400, None))) == []


# ------------------------------------------------------------------------------------- atomic writes


def leftovers(folder: Path, target: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path != target)


def test_write_atomically_writes_a_bom_prefixed_file(tmp_path):
    target = tmp_path / "hien-phap-2025" / "2025-05-16" / "province_daily.csv"
    _write_atomically(target, iter([b"province_code,province_name\n", "30,Tỉnh Hải Dương\n".encode()]))
    assert target.read_bytes() == UTF8_BOM + "province_code,province_name\n30,Tỉnh Hải Dương\n".encode()
    assert UTF8_BOM == b"\xef\xbb\xbf"
    assert target.read_text(encoding="utf-8-sig").splitlines()[1] == "30,Tỉnh Hải Dương"
    assert leftovers(target.parent, target) == []


def test_write_atomically_replaces_an_earlier_file(tmp_path):
    target = tmp_path / "national_daily.csv"
    target.write_bytes(b"old")
    _write_atomically(target, [b"new\n"])
    assert target.read_bytes() == UTF8_BOM + b"new\n"
    assert leftovers(tmp_path, target) == []


def _failing_chunks():
    yield b"first half,"
    raise RuntimeError("connection lost")


def test_failed_write_keeps_the_earlier_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "national_daily.csv"
    target.write_bytes(UTF8_BOM + b"previous publication\n")
    with pytest.raises(RuntimeError, match="connection lost"):
        _write_atomically(target, _failing_chunks())
    assert target.read_bytes() == UTF8_BOM + b"previous publication\n"
    assert leftovers(tmp_path, target) == []


def test_failed_first_write_creates_nothing(tmp_path):
    target = tmp_path / "day" / "report_status.csv"
    with pytest.raises(RuntimeError):
        _write_atomically(target, _failing_chunks())
    assert not target.exists()
    assert list(target.parent.iterdir()) == []


def test_published_file_is_readable_by_others_under_a_usual_umask(tmp_path):
    previous = os.umask(0o022)
    try:
        target = tmp_path / "province_daily.csv"
        _write_atomically(target, [b"x\n"])
    finally:
        os.umask(previous)
    assert stat.S_IMODE(target.stat().st_mode) & 0o044 == 0o044


# ------------------------------------------------------------------------------------------ settings


def test_feed_token_prefers_the_province_token(monkeypatch):
    monkeypatch.setenv("VNEID_FEED_TOKEN", "shared")
    monkeypatch.setenv("VNEID_FEED_TOKEN_30", "token-30")
    settings = settings_module.load_settings()
    assert settings.feed_token("30") == "token-30"
    assert settings.feed_token("31") == "shared"


def test_feed_token_without_any_token_is_none(monkeypatch):
    for name in list(os.environ):
        if name.startswith("VNEID_FEED_TOKEN"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("VNEID_FEED_TOKEN_31", "token-31")
    settings = settings_module.load_settings()
    assert settings.feed_token("30") is None
    assert settings.feed_token("31") == "token-31"


def test_feed_token_is_read_when_asked_not_when_loaded(monkeypatch):
    monkeypatch.delenv("VNEID_FEED_TOKEN", raising=False)
    monkeypatch.delenv("VNEID_FEED_TOKEN_30", raising=False)
    settings = settings_module.load_settings()
    monkeypatch.setenv("VNEID_FEED_TOKEN_30", "rotated")
    assert settings.feed_token("30") == "rotated"


SETTINGS_VARIABLES = ("AIRFLOW_CONN_VNEID_WAREHOUSE", "VNEID_CAMPAIGN", "VNEID_SOURCE", "VNEID_FEED_URL",
                      "VNEID_LANDING_DIR", "VNEID_PUBLISH_ROOT", "VNEID_RECHECK_DAYS", "VNEID_HTTP_TIMEOUT",
                      "VNEID_HTTP_ATTEMPTS", "VNEID_DEADLINE_HOUR")


def test_load_settings_defaults(monkeypatch):
    for name in SETTINGS_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    settings = settings_module.load_settings()
    assert settings.warehouse_uri == settings_module.DEFAULT_WAREHOUSE_URI
    assert settings.campaign_id == "hien-phap-2025"
    assert settings.source == "http"
    assert settings.recheck_days == 3
    assert settings.deadline_hour == 15
    assert settings.http_attempts >= 1 and settings.http_timeout_seconds > 0
    assert settings.publish_root == settings_module.PROJECT_ROOT / "publish"
    assert settings.landing_dir == settings_module.PROJECT_ROOT / "landing"


def test_load_settings_reads_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("AIRFLOW_CONN_VNEID_WAREHOUSE", "postgresql://u@127.0.0.1:1/w")
    monkeypatch.setenv("VNEID_CAMPAIGN", "van-kien-dai-hoi-xiv")
    monkeypatch.setenv("VNEID_SOURCE", "files")
    monkeypatch.setenv("VNEID_LANDING_DIR", str(tmp_path / "in"))
    monkeypatch.setenv("VNEID_PUBLISH_ROOT", str(tmp_path / "out"))
    monkeypatch.setenv("VNEID_RECHECK_DAYS", "5")
    monkeypatch.setenv("VNEID_HTTP_TIMEOUT", "2.5")
    monkeypatch.setenv("VNEID_HTTP_ATTEMPTS", "2")
    monkeypatch.setenv("VNEID_DEADLINE_HOUR", "17")
    settings = settings_module.load_settings()
    assert settings.warehouse_uri == "postgresql://u@127.0.0.1:1/w"
    assert (settings.campaign_id, settings.source) == ("van-kien-dai-hoi-xiv", "files")
    assert settings.landing_dir == tmp_path / "in" and settings.publish_root == tmp_path / "out"
    assert (settings.recheck_days, settings.http_timeout_seconds, settings.http_attempts) == (5, 2.5, 2)
    assert settings.deadline_hour == 17


def test_breakdown_rows_are_not_counted_in_the_reconciliation():
    parsed = parsed_with({"eligible": 3000, "participated": 2000, "agreed": 1600})
    breakdown = parsed.rows.iloc[[0]].assign(section="Chương I", participated=pd.array([100], dtype="Int64"))
    parsed.rows = pd.concat([parsed.rows, breakdown], ignore_index=True)
    assert _reconcile_total(parsed) == []


# ------------------------------------------------------------------------------ staging COPY rendering


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
