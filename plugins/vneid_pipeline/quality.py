"""Checks beyond the contract suite: totals reconciliation, cumulative regressions, outliers.

They compare a valid report with what it declares about itself (province_total) and with the
province's previous accepted day. Their findings go to dq whatever the report's fate; only a
total outside the tolerance and a regression beyond the threshold quarantine the revision.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
import pandas as pd

from vneid_pipeline.parsing import ParsedReport, Violation
from vneid_pipeline.settings import QualityPolicy

COUNT_COLUMNS = ("eligible", "participated", "agreed")
MODIFIED_Z_FACTOR = 0.6745  # makes the median absolute deviation comparable to a standard deviation
MIN_COMMUNES_FOR_OUTLIERS = 5


@dataclass
class QualityFindings:
    reconciliation: list[dict] = field(default_factory=list)
    regressions: list[dict] = field(default_factory=list)
    outliers: list[dict] = field(default_factory=list)
    blocking: list[Violation] = field(default_factory=list)

    def summary(self) -> str:
        warnings = sum(1 for r in self.regressions if r["severity"] == "warning")
        return (f"{len(self.regressions)} regression(s) ({warnings} warning), {len(self.outliers)} outlier(s), "
                f"{sum(1 for r in self.reconciliation if not r['within_tolerance'])} total(s) out of tolerance")


def totals_only(rows: pd.DataFrame) -> pd.DataFrame:
    """Commune totals are the rows without a breakdown."""
    return rows[(rows["section"] == "") & (rows["citizen_group"] == "")]


def reconcile_total(parsed: ParsedReport, tolerance: float) -> list[dict]:
    total = parsed.province_total or {}
    rows = totals_only(parsed.rows)
    results = []
    for column in COUNT_COLUMNS:
        declared = total.get(column)
        if declared is None or (column == "agreed" and rows[column].isna().any()):
            continue
        if not isinstance(declared, int) or isinstance(declared, bool):
            results.append({"column_name": column, "declared": None, "rows_sum": int(rows[column].sum()),
                            "difference": None, "tolerance": tolerance, "within_tolerance": False,
                            "message": f"province_total.{column}={declared!r} is not a whole number"})
            continue
        summed = int(rows[column].sum())
        difference = declared - summed
        allowed = tolerance * max(abs(summed), 1)
        results.append({"column_name": column, "declared": declared, "rows_sum": summed, "difference": difference,
                        "tolerance": tolerance, "within_tolerance": abs(difference) <= allowed,
                        "message": f"province_total.{column}={declared} but the rows add up to {summed}"})
    return results


def _previous_by_key(previous: pd.DataFrame, key: list[str]) -> dict:
    """The previous day's (participated, report date) by row key. Plain dicts over the columns: a
    report of a few hundred rows spent most of its checks in pandas' fixed cost per merge."""
    columns = [previous[column].tolist() for column in key]
    return dict(zip(zip(*columns), zip(previous["participated"].tolist(), previous["previous_report_date"].tolist())))


def find_regressions(rows: pd.DataFrame, previous: pd.DataFrame, quarantine_share: float) -> list[dict]:
    if previous.empty:
        return []
    key = ["commune_code", "section", "citizen_group"]
    before_by_key = _previous_by_key(previous, key)
    found = []
    for code, section, group, participated in zip(*(rows[column].tolist() for column in [*key, "participated"])):
        before = before_by_key.get((code, section, group))
        if before is None or not participated < before[0]:
            continue
        previous_participated, previous_date = before
        drop_share = (previous_participated - participated) / previous_participated
        found.append({
            "commune_code": code, "section": section, "citizen_group": group,
            "previous_report_date": previous_date, "previous_participated": int(previous_participated),
            "participated": int(participated), "drop_share": Decimal(str(round(drop_share, 6))),
            "severity": "quarantine" if drop_share > quarantine_share else "warning",
        })
    return found


def find_outliers(rows: pd.DataFrame, previous: pd.DataFrame, threshold: float) -> list[dict]:
    """Modified z-score of each commune's daily increment rate against the province's other communes."""
    if previous.empty:
        return []
    today = totals_only(rows)
    before_by_code = _previous_by_key(totals_only(previous), ["commune_code"])
    codes, increments, rates, dates = [], [], [], []
    for code, eligible, participated in zip(*(today[column].tolist()
                                              for column in ("commune_code", "eligible", "participated"))):
        before = before_by_code.get((code,))
        if before is None or not eligible > 0:
            continue
        codes.append(code)
        increments.append(int(participated - before[0]))
        rates.append(increments[-1] / float(eligible))
        dates.append(before[1])
    if len(codes) < MIN_COMMUNES_FOR_OUTLIERS:
        return []
    rate = np.asarray(rates, dtype="float64")
    median = float(np.median(rate))
    mad = float(np.median(np.abs(rate - median)))
    if not mad:
        return []
    modified_z = MODIFIED_Z_FACTOR * (rate - median) / mad
    return [{"commune_code": codes[i], "previous_report_date": dates[i], "increment": increments[i],
             "increment_rate": Decimal(str(round(float(rate[i]), 8))),
             "modified_z": Decimal(str(round(float(modified_z[i]), 4))), "threshold": Decimal(str(threshold))}
            for i in np.flatnonzero(np.abs(modified_z) > threshold)]


def assess(parsed: ParsedReport, previous: pd.DataFrame, policy: QualityPolicy) -> QualityFindings:
    findings = QualityFindings(
        reconciliation=reconcile_total(parsed, policy.total_tolerance),
        regressions=find_regressions(parsed.rows, previous, policy.regression_quarantine_share),
        outliers=find_outliers(parsed.rows, previous, policy.outlier_z_threshold),
    )
    for result in findings.reconciliation:
        if not result["within_tolerance"]:
            findings.blocking.append(Violation("province_total_reconciles", result["message"],
                                               column_name=result["column_name"], value=str(result["declared"])))
    for regression in findings.regressions:
        if regression["severity"] == "quarantine":
            findings.blocking.append(Violation(
                "cumulative_regression",
                f"commune {regression['commune_code']}: participated fell from {regression['previous_participated']} "
                f"on {regression['previous_report_date']} to {regression['participated']} "
                f"(-{float(regression['drop_share']):.1%}; a fall over {policy.regression_quarantine_share:.1%} "
                "is not accepted)",
                commune_code=regression["commune_code"], column_name="participated",
                value=str(regression["participated"])))
    return findings


def previous_frame(records: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(
        records, columns=["commune_code", "section", "citizen_group", "eligible", "participated", "previous_report_date"])
    return frame.astype({"eligible": "int64", "participated": "int64"}) if not frame.empty else frame
