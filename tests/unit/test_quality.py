"""Quality checks of a parsed report: cumulative regressions and outlying increments against the previous
accepted day, and the reconciliation of the province total."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from vneid_pipeline.parsing import ParsedReport
from vneid_pipeline.quality import assess, find_outliers, find_regressions, previous_frame
from vneid_pipeline.settings import QualityPolicy

YESTERDAY = dt.date(2025, 5, 15)


def frame(participated, eligible=None):
    codes = [f"{n:05d}" for n in range(1, len(participated) + 1)]
    return pd.DataFrame({
        "row_number": range(1, len(codes) + 1), "commune_code": codes, "section": "", "citizen_group": "",
        "eligible": pd.array(eligible or [10_000] * len(codes), dtype="Int64"),
        "participated": pd.array(participated, dtype="Int64"),
        "agreed": pd.array([None] * len(codes), dtype="Int64"),
    })


def previous(participated, eligible=None):
    codes = [f"{n:05d}" for n in range(1, len(participated) + 1)]
    return previous_frame([(code, "", "", (eligible or [10_000] * len(codes))[i], value, YESTERDAY)
                           for i, (code, value) in enumerate(zip(codes, participated))])


def test_a_small_fall_is_a_warning_and_a_large_one_quarantines():
    found = find_regressions(frame([990, 500, 1200]), previous([1000, 1000, 1000]), quarantine_share=0.05)
    assert [(r["commune_code"], r["severity"], r["previous_participated"], r["participated"]) for r in found] == [
        ("00001", "warning", 1000, 990), ("00002", "quarantine", 1000, 500)]
    assert float(found[1]["drop_share"]) == 0.5


def test_no_previous_day_means_no_regression_or_outlier():
    assert find_regressions(frame([1, 2]), previous_frame([]), 0.05) == []
    assert find_outliers(frame([1, 2]), previous_frame([]), 3.5) == []


def test_only_the_quarantining_regression_blocks_the_revision():

    parsed = ParsedReport("c", "30", "2025-05-16", None, 1, None, frame([990, 500]))
    findings = assess(parsed, previous([1000, 1000]), QualityPolicy(regression_quarantine_share=0.05))
    assert [v.rule for v in findings.blocking] == ["cumulative_regression"]
    assert "00002" in findings.blocking[0].message and "1000" in findings.blocking[0].message
    relaxed = assess(parsed, previous([1000, 1000]), QualityPolicy(regression_quarantine_share=0.6))
    assert relaxed.blocking == [] and len(relaxed.regressions) == 2


def test_an_increment_far_from_the_province_median_is_an_outlier():
    before = [1000] * 10
    today = [1100, 1105, 1098, 1102, 1095, 1101, 1099, 1103, 1097, 4000]
    found = find_outliers(frame(today), previous(before), threshold=3.5)
    assert [r["commune_code"] for r in found] == ["00010"]
    assert found[0]["increment"] == 3000 and float(found[0]["modified_z"]) > 3.5
    assert find_outliers(frame(today), previous(before), threshold=10_000) == []


def test_too_few_communes_are_not_judged():
    assert find_outliers(frame([1100, 9000]), previous([1000, 1000]), threshold=3.5) == []

# ------------------------------------------------------------------------------ province totals


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


def test_breakdown_rows_are_not_counted_in_the_reconciliation():
    parsed = parsed_with({"eligible": 3000, "participated": 2000, "agreed": 1600})
    breakdown = parsed.rows.iloc[[0]].assign(section="Chương I", participated=pd.array([100], dtype="Int64"))
    parsed.rows = pd.concat([parsed.rows, breakdown], ignore_index=True)
    assert _reconcile_total(parsed) == []

