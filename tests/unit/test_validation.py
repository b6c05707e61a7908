"""Validating parsed reports with the Great Expectations suite, and explaining each failure."""

from __future__ import annotations

import datetime as dt
import json
import re

import pandas as pd
import pytest

from vneid_pipeline.parsing import COUNT_TEXT, ROW_COLUMNS, ParsedReport, Violation, parse_report
from vneid_pipeline.settings import EXPECTATIONS_DIR
from vneid_pipeline.sources import ReceivedReport
from vneid_pipeline.validation import ExpectationOutcome, ExpectedReport, ValidationResult, summarise, validate_report

CAMPAIGN = "hien-phap-2025"
PROVINCE = "01"
DAY = "2025-05-16"
CAMPAIGN_DAYS = tuple(f"2025-05-{day:02d}" for day in range(6, 30))
COMMUNES = ("00001", "00004", "00006", "00007")
SUITE_PATH = EXPECTATIONS_DIR / "province_report_v1.json"
COUNT = re.compile(r"[0-9]{1,10}")


def row(number, code, eligible="1000", participated="500", agreed="400", section="", group=""):
    return {"row_number": number, "commune_code": code, "commune_name": None, "section": section,
            "citizen_group": group, "eligible_text": eligible, "participated_text": participated,
            "agreed_text": agreed}


def crafted_frame(rows: list[dict]) -> pd.DataFrame:
    """The shape the parser produces: text columns as objects, typed counts as nullable Int64."""
    frame = pd.DataFrame(rows, columns=[c for c in ROW_COLUMNS if c not in ("eligible", "participated", "agreed")])
    frame = frame.astype({c: "object" for c in frame.columns if c != "row_number"})
    frame["row_number"] = frame["row_number"].astype("int64")
    for column in ("eligible", "participated", "agreed"):
        frame[column] = pd.array(
            [int(text) if isinstance(text, str) and COUNT.fullmatch(text) else None
             for text in frame[f"{column}_text"]],
            dtype="Int64",
        )
    return frame[list(ROW_COLUMNS)]


def base_rows() -> list[dict]:
    return [row(1, "00001"), row(2, "00004", "2000", "1500", "1200"), row(3, "00006", "300", "300", "0")]


def report(rows=None, campaign_id=CAMPAIGN, province_code=PROVINCE, report_date=DAY) -> ParsedReport:
    frame = crafted_frame(base_rows() if rows is None else rows)
    return ParsedReport(campaign_id, province_code, report_date, None, 1, None, frame)


def expected(report_date=DAY) -> ExpectedReport:
    return ExpectedReport(CAMPAIGN, PROVINCE, report_date, CAMPAIGN_DAYS, COMMUNES)


def suite() -> dict:
    return json.loads(SUITE_PATH.read_text(encoding="utf-8"))


def test_valid_report_passes():
    result = validate_report(report(), expected())
    assert result.success
    assert result.violations == ()
    assert result.reason() is None
    assert result.expectations_evaluated >= 16


def test_agreed_may_be_null():
    rows = [row(1, "00001", agreed=None), row(2, "00004", agreed=None)]
    assert validate_report(report(rows), expected()).success


def test_rows_with_breakdowns_are_unique_per_dimension():
    rows = [row(1, "00001"),
            row(2, "00001", section="Chương I", group="Sinh viên"),
            row(3, "00001", section="Chương II", group="Sinh viên"),
            row(4, "00001", section="Chương I", group="Công nhân")]
    assert validate_report(report(rows), expected()).success


def test_every_expectation_of_the_suite_is_evaluated():
    result = validate_report(report(), expected())
    assert result.expectations_evaluated == len(suite()["expectations"])


def _with(number: int, **changes):
    def mutate(rows):
        for item in rows:
            if item["row_number"] == number:
                item.update(changes)
        return rows
    return mutate


def _negative_typed_eligible(parsed: ParsedReport) -> None:
    """Unreachable through the parser (a '-' never types), so the typed column is set by hand."""
    frame = parsed.rows
    frame.loc[frame["row_number"] == 2, ["eligible_text", "participated_text", "agreed_text"]] = ["5", "0", "0"]
    frame.loc[frame["row_number"] == 2, ["eligible", "participated", "agreed"]] = [-5, 0, 0]



# rule, how to break a valid report, the rules expected to fire, and for the rule under test:
# the offending rows, their communes and the offending value as reported
RULE_CASES = [
    pytest.param("participated_le_eligible", {"rows": _with(2, participated_text="2500")},
                 {"participated_le_eligible"}, [2], ["00004"], "2500", id="participated_le_eligible"),
    pytest.param("agreed_le_participated", {"rows": _with(3, agreed_text="301")},
                 {"agreed_le_participated"}, [3], ["00006"], "301", id="agreed_le_participated"),
    pytest.param("commune_in_province", {"rows": _with(2, commune_code="10507")},
                 {"commune_in_province"}, [2], ["10507"], "10507", id="commune_in_province"),
    pytest.param("commune_code_format", {"rows": _with(2, commune_code="0004")},
                 {"commune_code_format", "commune_in_province"}, [2], ["0004"], "0004", id="commune_code_format"),
    pytest.param("commune_code_present", {"rows": _with(2, commune_code=None)},
                 {"commune_code_present"}, [2], [None], None, id="commune_code_present"),
    pytest.param("unique_commune_row", {"rows": _with(3, commune_code="00004")},
                 {"unique_commune_row"}, [2, 3], ["00004", "00004"], "00004", id="unique_commune_row"),
    pytest.param("eligible_is_count", {"rows": _with(2, eligible_text="-5")},
                 {"eligible_is_count"}, [2], ["00004"], "-5", id="eligible_negative"),
    pytest.param("eligible_is_count", {"rows": _with(2, eligible_text="2000.5")},
                 {"eligible_is_count"}, [2], ["00004"], "2000.5", id="eligible_fractional"),
    pytest.param("eligible_is_count", {"rows": _with(2, eligible_text="hai nghìn")},
                 {"eligible_is_count"}, [2], ["00004"], "hai nghìn", id="eligible_text"),
    pytest.param("eligible_is_count", {"rows": _with(2, eligible_text='"2000"')},
                 {"eligible_is_count"}, [2], ["00004"], '"2000"', id="eligible_json_string"),
    pytest.param("eligible_is_count", {"rows": _with(2, eligible_text="12345678901")},
                 {"eligible_is_count"}, [2], ["00004"], "12345678901", id="eligible_11_digits"),
    pytest.param("eligible_present", {"rows": _with(1, eligible_text=None)},
                 {"eligible_present"}, [1], ["00001"], None, id="eligible_present"),
    pytest.param("eligible_non_negative", {"frame": _negative_typed_eligible},
                 {"eligible_non_negative", "participated_le_eligible"}, [2], ["00004"], "-5",
                 id="eligible_non_negative"),
    pytest.param("participated_present", {"rows": _with(3, participated_text=None)},
                 {"participated_present"}, [3], ["00006"], None, id="participated_present"),
    pytest.param("participated_is_count", {"rows": _with(1, participated_text="1e3")},
                 {"participated_is_count"}, [1], ["00001"], "1e3", id="participated_is_count"),
    pytest.param("agreed_is_count", {"rows": _with(1, agreed_text="-1")},
                 {"agreed_is_count"}, [1], ["00001"], "-1", id="agreed_is_count"),
    pytest.param("campaign_matches", {"campaign_id": "van-kien-dai-hoi-xiv"},
                 {"campaign_matches"}, [1, 2, 3], ["00001", "00004", "00006"], "van-kien-dai-hoi-xiv",
                 id="campaign_matches"),
    pytest.param("province_matches", {"province_code": "30"},
                 {"province_matches"}, [1, 2, 3], ["00001", "00004", "00006"], "30", id="province_matches"),
    pytest.param("report_date_matches", {"report_date": "2025-05-15"},
                 {"report_date_matches"}, [1, 2, 3], ["00001", "00004", "00006"], "2025-05-15",
                 id="report_date_matches"),
    pytest.param("report_date_in_campaign", {"report_date": "2025-06-01", "expected_date": "2025-06-01"},
                 {"report_date_in_campaign"}, [1, 2, 3], ["00001", "00004", "00006"], "2025-06-01",
                 id="report_date_in_campaign"),
]


@pytest.mark.parametrize("rule,breakage,fired,row_numbers,communes,value", RULE_CASES)
def test_each_rule_names_row_commune_and_value(rule, breakage, fired, row_numbers, communes, value):
    rows = base_rows()
    if "rows" in breakage:
        rows = breakage["rows"](rows)
    parsed = report(rows, campaign_id=breakage.get("campaign_id", CAMPAIGN),
                    province_code=breakage.get("province_code", PROVINCE),
                    report_date=breakage.get("report_date", DAY))
    if "frame" in breakage:
        breakage["frame"](parsed)
    result = validate_report(parsed, expected(breakage.get("expected_date", DAY)))
    assert not result.success
    assert {v.rule for v in result.violations} == fired
    found = [v for v in result.violations if v.rule == rule]
    assert [v.row_number for v in found] == row_numbers
    assert [v.commune_code for v in found] == communes
    assert {v.value for v in found} == {value}
    for violation in found:
        assert f"row {violation.row_number}" in violation.message
        if violation.commune_code:
            assert f"commune {violation.commune_code}" in violation.message
        assert (value if value is not None else "empty") in violation.message
    assert f"{rule}: " in result.reason()


def test_rule_cases_cover_every_rule_of_the_suite():
    covered = {case.values[0] for case in RULE_CASES} | {"not_empty"}
    assert covered == {expectation["meta"]["rule"] for expectation in suite()["expectations"]}


def test_empty_report_breaks_not_empty():
    result = validate_report(report(rows=[]), expected())
    assert [v.rule for v in result.violations] == ["not_empty"]
    assert result.violations[0].row_number is None
    assert "0 rows" in result.violations[0].message


def test_several_rules_are_all_reported_in_row_order():
    rows = base_rows()
    rows[0]["participated_text"] = "1001"
    rows[2]["commune_code"] = "99999"
    result = validate_report(report(rows), expected())
    assert [(v.rule, v.row_number) for v in result.violations] == [
        ("participated_le_eligible", 1), ("commune_in_province", 3)]


def test_json_counts_as_strings_fail_validation_after_parsing():
    payload = {"schema_version": 1, "campaign_id": CAMPAIGN, "province_code": PROVINCE, "report_date": DAY,
               "generated_at": "2025-05-16T10:00:00+07:00", "revision": 1,
               "rows": [{"commune_code": 1, "eligible": "1000", "participated": 10}]}
    received = ReceivedReport(CAMPAIGN, PROVINCE, dt.date(2025, 5, 16), "http", "u", "json",
                              json.dumps(payload).encode(), None)
    result = validate_report(parse_report(received), expected())
    assert [(v.rule, v.row_number, v.commune_code, v.value) for v in result.violations] == [
        ("eligible_is_count", 1, "00001", '"1000"')]


# ------------------------------------------------------------------------------------------ outcomes


def test_clean_report_records_every_expectation_as_passed_in_suite_order():
    result = validate_report(report(), expected())
    definition = suite()["expectations"]
    assert [o.rule for o in result.outcomes] == [e["meta"]["rule"] for e in definition]
    assert [o.expectation_type for o in result.outcomes] == [e["type"] for e in definition]
    assert all(isinstance(o, ExpectationOutcome) and o.success for o in result.outcomes)
    # the cheap boolean pass computes no counts
    assert {(o.unexpected_count, o.element_count) for o in result.outcomes} == {(None, None)}


def test_one_broken_rule_is_the_only_failed_outcome_with_its_counts():
    rows = base_rows()
    rows[1]["participated_text"] = "2500"
    result = validate_report(report(rows), expected())
    failed = [o for o in result.outcomes if not o.success]
    assert failed == [ExpectationOutcome("participated_le_eligible", "expect_column_pair_values_a_to_be_greater_than_b",
                                         "participated", False, 1, 3)]
    assert len(result.outcomes) == len(suite()["expectations"])
    for outcome in result.outcomes:
        if outcome.success and outcome.rule != "not_empty":
            assert (outcome.unexpected_count, outcome.element_count) == (0, 3), outcome


def test_outcomes_count_every_offending_row_of_a_rule():
    rows = base_rows() + [row(4, "00007", eligible="x")]
    rows[0]["eligible_text"] = "-5"
    result = validate_report(report(rows), expected())
    by_rule = {o.rule: o for o in result.outcomes}
    assert [o.rule for o in result.outcomes if not o.success] == ["eligible_is_count"]
    assert (by_rule["eligible_is_count"].unexpected_count, by_rule["eligible_is_count"].element_count) == (2, 4)
    assert by_rule["eligible_is_count"].column_name == "eligible"


def test_outcome_columns_are_named_as_violations_name_them():
    by_rule = {o.rule: o.column_name for o in validate_report(report(), expected()).outcomes}
    assert by_rule["not_empty"] is None
    assert by_rule["eligible_present"] == "eligible"
    assert by_rule["agreed_le_participated"] == "agreed"
    assert by_rule["unique_commune_row"] == "commune_code"
    assert by_rule["report_date_matches"] == "report_date"


def test_empty_report_outcome_observes_zero_rows():
    result = validate_report(report(rows=[]), expected())
    not_empty = result.outcomes[0]
    assert (not_empty.rule, not_empty.success, not_empty.element_count) == ("not_empty", False, 0)
    assert [o.rule for o in result.outcomes if not o.success] == ["not_empty"]


def test_breakdown_shape_rules_are_violations_not_outcomes():
    rows = [row(1, "00004", section="Chương I", group="Sinh viên")]
    result = validate_report(report(rows), expected())
    assert [v.rule for v in result.violations] == ["commune_total_present"]
    assert all(o.success for o in result.outcomes)


# ------------------------------------------------------------------------------------------ summarise


def test_summarise_nothing_is_none():
    assert summarise([]) is None
    assert ValidationResult((), 17).reason() is None


def test_summarise_groups_by_rule_and_counts_extra_rows():
    violations = [
        Violation("eligible_is_count", "row 2 (commune 00004): eligible='-5'", 2, "00004"),
        Violation("commune_in_province", "row 3 (commune 99999): commune_code='99999'", 3, "99999"),
        Violation("eligible_is_count", "row 5 (commune 00007): eligible='x'", 5, "00007"),
        Violation("eligible_is_count", "row 9 (commune 00009): eligible='y'", 9, "00009"),
    ]
    text = summarise(violations)
    assert text == ("eligible_is_count: row 2 (commune 00004): eligible='-5' (+2 more rows); "
                    "commune_in_province: row 3 (commune 99999): commune_code='99999'")


def test_summarise_limits_the_number_of_rules():
    violations = [Violation(f"rule_{n}", f"message {n}", n) for n in range(1, 6)]
    text = summarise(violations, max_rules=2)
    assert text == "rule_1: message 1; rule_2: message 2; and 3 more rule(s) broken"
    assert ValidationResult(tuple(violations), 17).reason(max_rules=2) == text


# ------------------------------------------------------------------------------------------ the suite


def test_suite_rules_are_unique_and_described():
    definition = suite()
    assert definition["name"] == "province_report_v1"
    rules = [expectation["meta"]["rule"] for expectation in definition["expectations"]]
    assert all(isinstance(rule, str) and re.fullmatch(r"[a-z][a-z0-9_]*", rule) for rule in rules)
    assert len(rules) == len(set(rules)), [rule for rule in rules if rules.count(rule) > 1]
    assert all(expectation["meta"].get("description") for expectation in definition["expectations"])


def test_suite_count_regexes_match_the_parser():
    for expectation in suite()["expectations"]:
        if expectation["meta"]["rule"].endswith("_is_count"):
            # the parser types exactly the texts the suite accepts as counts
            assert expectation["kwargs"]["regex"] == COUNT_TEXT.pattern


def _random_report(rng) -> tuple[ParsedReport, ExpectedReport]:
    """A report of 2 to 6 communes for one of three provinces and days, with random damage to a few cells."""
    communes = tuple(f"{rng.randrange(1, 99999):05d}" for _ in range(6))
    rows = []
    for number, code in enumerate(communes[:rng.randint(2, 6)], start=1):
        eligible = rng.randint(0, 5000)
        participated = rng.randint(0, eligible)
        rows.append(row(number, code, str(eligible), str(participated), str(rng.randint(0, participated))))
    for _ in range(rng.choice([0, 0, 1, 2])):
        target = rng.choice(rows)
        column = rng.choice(["commune_code", "eligible_text", "participated_text", "agreed_text"])
        target[column] = rng.choice([None, "", "-1", "12.5", "99999999999", "x", communes[0], "123", "999999"])
    province = rng.choice(["01", "30", "79"])
    day = rng.choice(["2025-05-06", "2025-05-16", "2025-05-29"])
    parsed = ParsedReport(CAMPAIGN, rng.choice([province, province, "02"]), rng.choice([day, day, "2025-05-07"]),
                          None, 1, None, crafted_frame(rows))
    return parsed, ExpectedReport(CAMPAIGN, province, day, CAMPAIGN_DAYS, communes[:rng.randint(3, 6)])


@pytest.mark.parametrize("plain", [{"ENABLED": False}, {"VERSION": "0.0.0"}], ids=["switched_off", "other_version"])
def test_speedups_give_the_results_of_the_plain_path(monkeypatch, plain):
    """gx_speedups (Great Expectations 1.24.1 only) and the public Batch.validate give the same results."""
    import random

    from vneid_pipeline import gx_speedups

    rng = random.Random(20251126)
    cases = [_random_report(rng) for _ in range(60)]
    fast = [validate_report(parsed, expected) for parsed, expected in cases]
    for name, value in plain.items():
        monkeypatch.setattr(gx_speedups, name, value)
    assert validate_report(report(), expected()).success
    slow = [validate_report(parsed, expected) for parsed, expected in cases]

    assert any(not result.success for result in fast) and any(result.success for result in fast)
    assert fast == slow


def test_speedups_leave_great_expectations_as_they_found_it():
    from great_expectations.expectations.expectation import Expectation

    configuration = Expectation.__dict__["configuration"]
    assert not validate_report(report([row(1, "99999")]), expected()).success
    assert Expectation.__dict__["configuration"] is configuration


def test_a_report_validated_again_gives_the_same_result():
    damaged = base_rows()
    damaged[1]["participated_text"] = "2500"
    for rows in (None, damaged):
        first = validate_report(report(rows), expected())
        assert validate_report(report(rows), expected()) == first
        # another day after it, then the first day again: nothing of one report carries to the next
        other_day = validate_report(report(rows, report_date="2025-05-17"), expected("2025-05-17"))
        assert other_day.success == first.success
        assert validate_report(report(rows), expected()) == first


def test_warm_up_builds_the_suite_before_a_first_report():
    from vneid_pipeline import validation

    validation.warm_up()
    assert validation._suite_and_batch_definition.cache_info().currsize >= 1
    assert validate_report(report(), expected()).success
