"""Validating a parsed report against its Great Expectations suite, and explaining failures.

The suite lives in expectations/province_report_v1.json; each expectation carries a `rule` name in
its meta, which is what the quarantine reason, dq.validation_failure and the feedback files use.

Cost: Great Expectations' fixed cost per expectation (building each expectation's metric graph in
Python) dwarfs the work on a report of a few hundred rows, so the context, the suite and the batch
definition are built once per process, and a report is first validated with `BOOLEAN_ONLY` (no
unexpected rows collected) and only a failing one again with `COMPLETE`, both on the same batch;
gx_speedups holds what makes a pass cheaper through Great Expectations' internals.
The validation definition's `run()` is not used: it also serialises every result into the
context's in-memory results store, which only grows in a long-lived worker.
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass
from functools import cache

import pandas as pd

from vneid_pipeline import gx_speedups
from vneid_pipeline.parsing import ParsedReport, Violation
from vneid_pipeline.quality import totals_only
from vneid_pipeline.settings import EXPECTATIONS_DIR

# Great Expectations logs every decorator it registers at import time; keep task logs readable.
logging.getLogger("great_expectations").setLevel(logging.WARNING)

REPORT_SUITE = "province_report_v1"
_gx_lock = threading.Lock()


@dataclass(frozen=True)
class ExpectedReport:
    campaign_id: str
    province_code: str
    report_date: str
    campaign_days: tuple[str, ...]
    commune_codes: tuple[str, ...]


@dataclass(frozen=True)
class ExpectationOutcome:
    """How one expectation of the suite fared on one report.

    `column_name` is the report column the rule is about, named as its violations name it
    (`eligible`, not the suite's `eligible_text`; the second column of a pair, e.g. `participated`
    for participated_le_eligible; `commune_code` for unique_commune_row; None for not_empty).
    The counts come from the detailed pass, which only a failing report gets: for a report that
    passed every expectation they are None. `element_count` is the number of rows the expectation
    saw (for not_empty: the observed row count); `unexpected_count` the rows that broke it.
    """

    rule: str
    expectation_type: str
    column_name: str | None
    success: bool
    unexpected_count: int | None
    element_count: int | None


@dataclass(frozen=True)
class ValidationResult:
    violations: tuple[Violation, ...]
    expectations_evaluated: int
    outcomes: tuple[ExpectationOutcome, ...] = ()

    @property
    def success(self) -> bool:
        return not self.violations

    def reason(self, max_rules: int = 3) -> str | None:
        return summarise(self.violations, max_rules)


def summarise(violations, max_rules: int = 3) -> str | None:
    """One line naming each broken rule with its first offending row and value."""
    if not violations:
        return None
    by_rule: dict[str, list[Violation]] = {}
    for violation in violations:
        by_rule.setdefault(violation.rule, []).append(violation)
    parts = []
    for rule, found in list(by_rule.items())[:max_rules]:
        first = found[0]
        more = f" (+{len(found) - 1} more rows)" if len(found) > 1 else ""
        parts.append(f"{rule}: {first.message}{more}")
    if len(by_rule) > max_rules:
        parts.append(f"and {len(by_rule) - max_rules} more rule(s) broken")
    return "; ".join(parts)


def load_suite_definition(name: str = REPORT_SUITE) -> dict:
    return json.loads((EXPECTATIONS_DIR / f"{name}.json").read_text(encoding="utf-8"))


@cache
def _suite_rules(name: str) -> tuple[str, ...]:
    return tuple(expectation["meta"]["rule"] for expectation in load_suite_definition(name)["expectations"])


@cache
def _suite_and_batch_definition(name: str):
    """The suite and a whole-dataframe batch definition in an ephemeral context, built once per process."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    definition = load_suite_definition(name)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    batch_definition = (context.data_sources.add_pandas(f"{name}_source").add_dataframe_asset(name)
                        .add_batch_definition_whole_dataframe("whole"))
    # Each expectation its own object (add_expectation_configuration would merge two of the same
    # type on the same column: report_date_in_campaign and report_date_matches).
    suite = context.suites.add(gx.ExpectationSuite(name=name, expectations=definition["expectations"],
                                                   meta=definition.get("meta", {})))
    if len(suite.expectations) != len(definition["expectations"]):
        raise ValueError(f"suite {name}: Great Expectations refused some of its expectations")
    return suite, batch_definition


def _column_shown(kwargs: dict) -> str | None:
    """The report column a rule is about, as its violations name it."""
    if "column" in kwargs:
        return kwargs["column"].removesuffix("_text")
    if "column_B" in kwargs:
        return kwargs["column_B"]
    if "column_list" in kwargs:
        return "commune_code"
    return None


def _count(value) -> int | None:
    return None if value is None else int(value)


def _outcome_of(result) -> ExpectationOutcome:
    config = result.expectation_config
    details = result.result or {}
    element_count = details.get("element_count")
    if element_count is None and config.type == "expect_table_row_count_to_be_between":
        element_count = details.get("observed_value")
    return ExpectationOutcome(config.meta["rule"], config.type, _column_shown(config.kwargs), bool(result.success),
                              _count(details.get("unexpected_count")), _count(element_count))


def _fmt(value) -> str:
    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return "empty"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, str) else str(value)


def _violations_from(result, frame: pd.DataFrame) -> list[Violation]:
    config = result.expectation_config
    rule = config.meta["rule"]
    description = config.meta["description"]
    kwargs = config.kwargs
    details = result.result or {}
    if config.type == "expect_table_row_count_to_be_between":
        return [Violation(rule, f"{description}; the report has {details.get('observed_value', 0)} rows")]
    indexes = details.get("unexpected_index_list") or []
    found = []
    by_row = frame.set_index("row_number", drop=False)
    for entry in indexes:
        row_number = int(entry["row_number"])
        row = by_row.loc[row_number]
        commune = row["commune_code"] if isinstance(row["commune_code"], str) else None
        where = f"row {row_number}" + (f" (commune {commune})" if commune else "")
        if "column" in kwargs:
            column = kwargs["column"]
            shown = column.removesuffix("_text")
            value = row[column]
            found.append(Violation(rule, f"{where}: {shown}={_fmt(value)}; {description}", row_number, commune,
                                   shown, None if value is None or pd.isna(value) else str(value)))
        elif "column_A" in kwargs:
            a, b = kwargs["column_A"], kwargs["column_B"]
            found.append(Violation(rule, f"{where}: {b}={_fmt(row[b])} > {a}={_fmt(row[a])}; {description}",
                                   row_number, commune, b, str(row[b])))
        else:
            columns = kwargs["column_list"]
            key = ", ".join(f"{c}={_fmt(row[c])}" for c in columns if row[c] != "" or c == "commune_code")
            found.append(Violation(rule, f"{where}: {key} appears more than once; {description}",
                                   row_number, commune, "commune_code", commune))
    if not found:
        found.append(Violation(rule, f"{description} ({details.get('unexpected_count', 'some')} rows)"))
    return found


def breakdown_violations(rows: pd.DataFrame) -> list[Violation]:
    """Rules on the shape of breakdown rows, which a per-row expectation cannot see.

    Every commune with breakdown rows also sends its total row; and a section is given either
    as one row (no citizen group) or crossed with citizen groups, never both, or the by-section
    rollup would count it twice.
    """
    breakdown = rows[(rows["section"] != "") | (rows["citizen_group"] != "")]
    if breakdown.empty:
        return []
    found = []
    with_total = set(totals_only(rows)["commune_code"])
    orphans = breakdown[~breakdown["commune_code"].isin(with_total)].drop_duplicates("commune_code")
    for row in orphans.itertuples(index=False):
        found.append(Violation("commune_total_present",
                               f"row {row.row_number} (commune {row.commune_code}): breakdown rows without the "
                               "commune's total row (section and citizen_group empty)",
                               row.row_number, row.commune_code, "commune_code", row.commune_code))
    sections = breakdown[breakdown["section"] != ""]
    crossed = sections.assign(crossed=sections["citizen_group"] != "").groupby(
        ["commune_code", "section"])["crossed"].nunique()
    for commune_code, section in crossed[crossed > 1].index:
        first = sections[(sections["commune_code"] == commune_code) & (sections["section"] == section)].iloc[0]
        found.append(Violation("breakdown_double_counted",
                               f"row {first.row_number} (commune {commune_code}): section {section!r} is sent both "
                               "alone and crossed with citizen groups",
                               int(first.row_number), commune_code, "section", section))
    return found


def warm_up() -> None:
    """Build the suite's context and validate a one-row report with it, once per process.

    The first validation in a process pays for importing Great Expectations, building its context
    and the metric providers' first use (seconds); a long-lived process that knows it will validate
    (the local runner) calls this while it waits for something else, so its first report does not.
    """
    import datetime as dt

    from vneid_pipeline.parsing import parse_report
    from vneid_pipeline.sources import ReceivedReport

    day = dt.date(2025, 1, 1)
    document = {"schema_version": 1, "campaign_id": "warm-up", "province_code": "00", "report_date": day.isoformat(),
                "generated_at": "2025-01-01T12:00:00+07:00", "revision": 1,
                "rows": [{"commune_code": "00001", "eligible": 2, "participated": 1, "agreed": 1}]}
    received = ReceivedReport("warm-up", "00", day, "http", "warm-up", "json", json.dumps(document).encode(), None)
    result = validate_report(parse_report(received),
                             ExpectedReport("warm-up", "00", day.isoformat(), (day.isoformat(),), ("00001",)))
    if not result.success:
        raise RuntimeError(f"the warm-up report broke the suite: {result.reason()}")


def validate_report(parsed: ParsedReport, expected: ExpectedReport) -> ValidationResult:
    frame = parsed.rows.assign(
        campaign_id=parsed.campaign_id, province_code=parsed.province_code, report_date=parsed.report_date
    )
    parameters = {
        "expected_campaign_id": [expected.campaign_id],
        "expected_province_code": [expected.province_code],
        "expected_report_date": [expected.report_date],
        "campaign_days": list(expected.campaign_days),
        "commune_codes": list(expected.commune_codes),
    }
    suite, batch_definition = _suite_and_batch_definition(REPORT_SUITE)
    with _gx_lock:  # the cached context is shared by the tasks of one process
        validate = gx_speedups.batch_validator(batch_definition, frame)
        # Most reports are valid: a boolean pass costs half of a detailed one. Only a failing
        # report is validated again, with every unexpected row and value collected.
        outcome = validate(suite, parameters, "BOOLEAN_ONLY")
        if not outcome.success:
            outcome = validate(suite, parameters, {"result_format": "COMPLETE",
                                                   "unexpected_index_column_names": ["row_number"]})
    violations = breakdown_violations(parsed.rows)
    for result in outcome.results:
        if not result.success:
            violations.extend(_violations_from(result, frame))
    violations.sort(key=lambda v: (v.row_number or 0))
    # Great Expectations groups the expectations by column; report them in the suite's order.
    order = {rule: position for position, rule in enumerate(_suite_rules(REPORT_SUITE))}
    outcomes = sorted((_outcome_of(result) for result in outcome.results), key=lambda o: order.get(o.rule, len(order)))
    return ValidationResult(tuple(violations), len(outcome.results), tuple(outcomes))
