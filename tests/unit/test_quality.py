"""Cumulative regressions and outlying increments, measured against the previous accepted day."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from vneid_pipeline.quality import QualityPolicy, assess, find_outliers, find_regressions, previous_frame

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
    from vneid_pipeline.parsing import ParsedReport

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
