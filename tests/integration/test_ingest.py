"""Ingest of province reports over real HTTP (the bundled simulator) and from landing files."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import os
import threading
import urllib.request

import psycopg
import pytest

from vneid_pipeline import ingest, sources
from vneid_pipeline.simulator import Fault, FeedSimulator, default_tokens, serve_feed, write_landing
from vneid_pipeline.validation import load_suite_definition

from .helpers import query, rewrite_csv, scalar, settings_for

CAMPAIGN = "hien-phap-2025"
DAY = dt.date(2025, 5, 16)
AFTER_CUTOFF = dt.datetime(2025, 5, 16, 16, 0, tzinfo=ingest.LOCAL_TZ)


@pytest.fixture
def feed_tokens(monkeypatch):
    for code, token in default_tokens(FeedSimulator(CAMPAIGN).province_codes()).items():
        monkeypatch.setenv(f"VNEID_FEED_TOKEN_{code}", token)


def serve(faults=None):
    return serve_feed(FeedSimulator(CAMPAIGN, faults=faults or {}))


def ingest_http(uri, base_url, province, day=DAY, now=AFTER_CUTOFF, **overrides):
    settings = settings_for(uri, source="http", feed_base_url=base_url, recheck_days=0, **overrides)
    return ingest.ingest_province(settings, CAMPAIGN, province, day, now=now)


def test_accepted_report_lands_raw_and_reaches_core(warehouse_uri, feed_tokens):
    simulator = FeedSimulator(CAMPAIGN)
    expected = simulator.report("30", DAY)
    with serve() as server:
        outcome = ingest_http(warehouse_uri, server.base_url, "30")
        body = urllib.request.urlopen(urllib.request.Request(
            sources.report_url(server.base_url, CAMPAIGN, "30", DAY),
            headers={"Authorization": f"Bearer {os.environ['VNEID_FEED_TOKEN_30']}"})).read()
    assert outcome.target_day.status == "accepted"
    assert outcome.target_day.rows == len(expected["rows"]) == 207
    assert scalar(warehouse_uri, "select checksum from raw.report_payload") == hashlib.sha256(body).hexdigest()
    totals = query(warehouse_uri, "select sum(eligible), sum(participated), sum(agreed), count(*) "
                                  "from core.current_commune_total where province_code = '30'")[0]
    assert totals == (sum(r["eligible"] for r in expected["rows"]), sum(r["participated"] for r in expected["rows"]),
                      sum(r["agreed"] for r in expected["rows"]), 207)
    assert query(warehouse_uri, "select status, revision, is_late from dq.report_revision") == [("accepted", 1, False)]
    suite_rules = [expectation["meta"]["rule"] for expectation in load_suite_definition()["expectations"]]
    outcomes = query(warehouse_uri, "select expectation_number, rule, success from dq.validation_result "
                                    "order by expectation_number")
    assert outcomes == [(number, rule, True) for number, rule in enumerate(suite_rules, start=1)]


def test_identical_payload_received_again_changes_nothing(warehouse_uri, feed_tokens):
    with serve() as server:
        ingest_http(warehouse_uri, server.base_url, "31")
        again = ingest_http(warehouse_uri, server.base_url, "31")
    assert again.target_day.status == "unchanged"
    assert scalar(warehouse_uri, "select count(*) from raw.report_payload") == 1
    assert scalar(warehouse_uri, "select count(*) from core.province_report") == 1
    assert scalar(warehouse_uri, "select count(*) from staging.commune_report") == 0


def test_out_of_range_value_quarantines_the_whole_revision(warehouse_uri, feed_tokens):
    faults = {("30", DAY): Fault("out_of_range")}
    with serve(faults) as server:
        bad = ingest_http(warehouse_uri, server.base_url, "30")
        good = ingest_http(warehouse_uri, server.base_url, "31")
    assert bad.target_day.status == "quarantined"
    assert good.target_day.status == "accepted"
    assert scalar(warehouse_uri, "select count(*) from core.commune_report where province_code = '30'") == 0
    assert scalar(warehouse_uri, "select count(*) from raw.report_payload where province_code = '30'") == 1
    rule, row_number, commune, column, value = query(
        warehouse_uri, "select rule, row_number, commune_code, column_name, value from dq.validation_failure")[0]
    row = FeedSimulator(CAMPAIGN, faults=faults).report("30", DAY)["rows"][row_number - 1]
    assert (rule, commune, column, value) == ("participated_le_eligible", row["commune_code"], "participated",
                                              str(row["participated"]))
    assert row["participated"] > row["eligible"]
    reason = scalar(warehouse_uri, "select reason from dq.report_revision where province_code = '30'")
    assert f"row {row_number}" in reason and row["commune_code"] in reason and str(row["participated"]) in reason
    # every expectation's outcome is kept, passes included; only the broken rule failed, on one row
    failed = query(warehouse_uri, "select result.rule, result.unexpected_count, result.element_count "
                                  "from dq.validation_result as result inner join raw.report_payload as payload "
                                  "using (payload_id) where payload.province_code = '30' and not result.success")
    assert failed == [("participated_le_eligible", 1, len(FeedSimulator(CAMPAIGN).report("30", DAY)["rows"]))]
    assert scalar(warehouse_uri, "select count(*) from dq.validation_result as result inner join raw.report_payload "
                                 "using (payload_id) where province_code = '30' and result.success") == \
        len(load_suite_definition()["expectations"]) - 1


def test_malformed_json_is_quarantined_with_its_reason(warehouse_uri, feed_tokens):
    with serve({("30", DAY): Fault("malformed")}) as server:
        outcome = ingest_http(warehouse_uri, server.base_url, "30")
    assert outcome.target_day.status == "quarantined"
    assert outcome.target_day.reason.startswith("json_syntax: payload is not valid JSON")


def test_missing_report_is_retried_before_the_cutoff_and_recorded_after(warehouse_uri, feed_tokens):
    with serve({("30", DAY): Fault("missing")}) as server:
        with pytest.raises(ingest.ReportNotYetPublishedError):
            ingest_http(warehouse_uri, server.base_url, "30", now=dt.datetime(2025, 5, 16, 14, 0, tzinfo=ingest.LOCAL_TZ))
        assert scalar(warehouse_uri, "select count(*) from dq.ingest_attempt") == 0
        outcome = ingest_http(warehouse_uri, server.base_url, "30")
    assert outcome.target_day.status == "missing"
    assert query(warehouse_uri, "select outcome from dq.ingest_attempt") == [("missing",)]


def test_late_report_is_flagged_by_its_own_timestamp(warehouse_uri, feed_tokens):
    with serve({("30", DAY): Fault("late")}) as server:
        ingest_http(warehouse_uri, server.base_url, "30")
        ingest_http(warehouse_uri, server.base_url, "31")
    assert dict(query(warehouse_uri, "select province_code, is_late from core.province_report")) == {"30": True, "31": False}


def test_wrong_token_is_a_configuration_error_not_a_quarantine(warehouse_uri, feed_tokens, monkeypatch):
    monkeypatch.setenv("VNEID_FEED_TOKEN_30", "sim-token-31")
    with serve() as server:
        with pytest.raises(sources.FeedConfigurationError, match="403"):
            ingest_http(warehouse_uri, server.base_url, "30")
    assert scalar(warehouse_uri, "select count(*) from dq.report_revision") == 0


def test_server_errors_are_retried_then_accepted(warehouse_uri, feed_tokens):
    with serve({("30", DAY): Fault("server_error", count=2)}) as server:
        outcome = ingest_http(warehouse_uri, server.base_url, "30")
        assert server.request_count("30", DAY) == 3
    assert outcome.target_day.status == "accepted"


def test_feed_still_failing_after_retries_raises(warehouse_uri, feed_tokens):
    with serve({("30", DAY): Fault("server_error", count=10)}) as server:
        with pytest.raises(sources.FeedUnavailableError, match="after 3 attempts"):
            ingest_http(warehouse_uri, server.base_url, "30")


def test_higher_revision_supersedes_and_history_stays(warehouse_uri, tmp_path):
    write_landing(FeedSimulator(CAMPAIGN), tmp_path, [DAY], province_codes=["30"])
    folder = tmp_path / CAMPAIGN / "30"
    settings = settings_for(warehouse_uri, source="files", landing_dir=tmp_path, recheck_days=0)
    first = ingest.ingest_province(settings, CAMPAIGN, "30", DAY, now=AFTER_CUTOFF)
    assert first.target_day.status == "accepted"

    def add_participants(rows):
        rows[0]["participated"] = str(int(rows[0]["participated"]) + 1)

    rewrite_csv(folder / f"{DAY}.csv", folder / f"{DAY}.r2.csv", add_participants)
    second = ingest.ingest_province(settings, CAMPAIGN, "30", DAY, now=AFTER_CUTOFF)
    assert [day.status for day in second.days] == ["unchanged", "accepted"]
    assert query(warehouse_uri, "select revision, is_current from core.province_report order by revision") == [
        (1, False), (2, True)]
    assert scalar(warehouse_uri, "select count(*) from core.commune_report") == 2 * 207
    first_commune = sorted(FeedSimulator(CAMPAIGN).report("30", DAY)["rows"], key=lambda r: 0)[0]["commune_code"]
    assert scalar(warehouse_uri, "select participated from core.current_commune_total where commune_code = %s",
                  [first_commune]) == FeedSimulator(CAMPAIGN).report("30", DAY)["rows"][0]["participated"] + 1
    changes = query(warehouse_uri, "select previous_revision, revision, commune_code, previous_participated, "
                                   "participated from dq.revision_change")
    original = FeedSimulator(CAMPAIGN).report("30", DAY)["rows"][0]
    assert changes == [(1, 2, original["commune_code"], original["participated"], original["participated"] + 1)]


def test_revision_not_higher_than_current_is_ignored_with_a_reason(warehouse_uri, tmp_path):
    write_landing(FeedSimulator(CAMPAIGN), tmp_path, [DAY], province_codes=["30"])
    folder = tmp_path / CAMPAIGN / "30"
    rewrite_csv(folder / f"{DAY}.csv", folder / f"{DAY}.r2.csv", lambda rows: None)
    settings = settings_for(warehouse_uri, source="files", landing_dir=tmp_path, recheck_days=0)
    ingest.ingest_province(settings, CAMPAIGN, "30", DAY, now=AFTER_CUTOFF)
    assert scalar(warehouse_uri, "select revision from core.province_report where is_current") == 2
    # revision 1 arrives again, altered, after revision 2 was accepted
    rewrite_csv(folder / f"{DAY}.r2.csv", folder / f"{DAY}.csv", lambda rows: rows.pop())
    outcome = ingest.ingest_province(settings, CAMPAIGN, "30", DAY, now=AFTER_CUTOFF)
    assert outcome.days[0].status == "ignored"
    assert "not higher than revision 2" in outcome.days[0].reason
    assert scalar(warehouse_uri, "select revision from core.province_report where is_current") == 2


def test_csv_and_xlsx_for_the_same_revision_is_an_error(warehouse_uri, tmp_path):
    write_landing(FeedSimulator(CAMPAIGN), tmp_path, [DAY], formats=("csv", "xlsx"), province_codes=["30"])
    settings = settings_for(warehouse_uri, source="files", landing_dir=tmp_path, recheck_days=0)
    outcome = ingest.ingest_province(settings, CAMPAIGN, "30", DAY, now=AFTER_CUTOFF)
    assert {day.status for day in outcome.days} == {"quarantined"}
    assert "ambiguous_submission" in outcome.target_day.reason
    assert scalar(warehouse_uri, "select count(*) from core.province_report") == 0


def test_xlsx_report_is_accepted(warehouse_uri, tmp_path):
    write_landing(FeedSimulator(CAMPAIGN), tmp_path, [DAY], formats=("xlsx",), province_codes=["01"])
    settings = settings_for(warehouse_uri, source="files", landing_dir=tmp_path, recheck_days=0)
    outcome = ingest.ingest_province(settings, CAMPAIGN, "01", DAY, now=AFTER_CUTOFF)
    assert outcome.target_day.status == "accepted"
    expected = FeedSimulator(CAMPAIGN).report("01", DAY)
    assert scalar(warehouse_uri, "select sum(participated) from core.current_commune_total") == sum(
        row["participated"] for row in expected["rows"])


def test_recheck_window_picks_up_a_late_report_for_an_earlier_day(warehouse_uri, tmp_path):
    simulator = FeedSimulator(CAMPAIGN)
    write_landing(simulator, tmp_path, [DAY], province_codes=["30"])
    settings = settings_for(warehouse_uri, source="files", landing_dir=tmp_path, recheck_days=2)
    next_day = DAY + dt.timedelta(days=1)
    outcome = ingest.ingest_province(settings, CAMPAIGN, "30", next_day, now=AFTER_CUTOFF + dt.timedelta(days=1))
    statuses = {day.report_date: day.status for day in outcome.days}
    assert statuses[DAY.isoformat()] == "accepted"
    assert statuses[next_day.isoformat()] == "missing"


def _two_days_with_change(warehouse_uri, tmp_path, change):
    simulator = FeedSimulator(CAMPAIGN)
    next_day = DAY + dt.timedelta(days=1)
    write_landing(simulator, tmp_path, [DAY, next_day], province_codes=["30"])
    folder = tmp_path / CAMPAIGN / "30"
    rewrite_csv(folder / f"{next_day}.csv", folder / f"{next_day}.csv", change)
    settings = settings_for(warehouse_uri, source="files", landing_dir=tmp_path, recheck_days=0)
    ingest.ingest_province(settings, CAMPAIGN, "30", DAY, now=AFTER_CUTOFF)
    return ingest.ingest_province(settings, CAMPAIGN, "30", next_day, now=AFTER_CUTOFF + dt.timedelta(days=1))


def test_a_large_fall_in_participation_quarantines_the_revision(warehouse_uri, tmp_path):
    def halve_first_commune(rows):
        rows[0]["participated"] = str(int(rows[0]["participated"]) // 2)
        rows[0]["agreed"] = "0"

    outcome = _two_days_with_change(warehouse_uri, tmp_path, halve_first_commune)
    assert outcome.target_day.status == "quarantined"
    assert outcome.target_day.reason.startswith("cumulative_regression: commune ")
    assert query(warehouse_uri, "select severity from dq.regression") == [("quarantine",)]
    assert scalar(warehouse_uri, "select count(*) from core.province_report") == 1
    assert scalar(warehouse_uri, "select count(*) from core.commune_report") == 207
    assert scalar(warehouse_uri, "select count(*) from staging.commune_report") == 0


def test_a_small_fall_is_accepted_with_a_recorded_warning(warehouse_uri, tmp_path):
    first = FeedSimulator(CAMPAIGN).report("30", DAY)["rows"][0]
    assert first["participated"] > 0

    def fall_below_yesterday(rows):
        rows[0]["participated"] = str(first["participated"] - 1)
        rows[0]["agreed"] = "0"

    outcome = _two_days_with_change(warehouse_uri, tmp_path, fall_below_yesterday)
    assert outcome.target_day.status == "accepted"
    assert "1 regression(s) (1 warning)" in outcome.target_day.findings
    assert query(warehouse_uri, "select commune_code, severity, previous_participated, participated "
                                "from dq.regression") == [
        (first["commune_code"], "warning", first["participated"], first["participated"] - 1)]


def test_a_quarantined_payload_received_again_is_still_flagged(warehouse_uri, feed_tokens):
    with serve({("30", DAY): Fault("out_of_range")}) as server:
        first = ingest_http(warehouse_uri, server.base_url, "30")
        again = ingest_http(warehouse_uri, server.base_url, "30")
    assert first.quarantined and first.target_day.status == "quarantined"
    assert again.target_day.status == "unchanged" and again.target_day.recorded_status == "quarantined"
    assert again.quarantined == [again.target_day]


def test_breakdown_csv_reaches_core_exactly_as_sent(warehouse_uri, tmp_path):
    """The fast CSV path and the pyarrow COPY keep labels with commas, quotes and diacritics, empty
    labels (commune totals) as '' and an empty agreed as NULL."""
    communes = FeedSimulator(CAMPAIGN).report("30", DAY)["rows"][:4]
    section = 'Chương I, "Điều 1"'
    groups = ("Cán bộ, công chức, viên chức", "Người dân khác")
    expected = []
    for index, commune in enumerate(communes):
        agreed = None if index == 1 else commune["agreed"]
        expected.append((commune["commune_code"], "", "", commune["eligible"], commune["participated"], agreed))
        for group in groups:
            expected.append((commune["commune_code"], section, group, commune["eligible"] // 2,
                             commune["participated"] // 2, None if agreed is None else agreed // 2))
    path = tmp_path / CAMPAIGN / "30" / f"{DAY}.csv"
    path.parent.mkdir(parents=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["commune_code", "commune_name", "eligible", "participated", "agreed", "section", "citizen_group"])
        for code, row_section, group, eligible, participated, agreed in expected:
            writer.writerow([code, "Xã, phường", eligible, participated, "" if agreed is None else agreed, row_section, group])
    settings = settings_for(warehouse_uri, source="files", landing_dir=tmp_path, recheck_days=0)
    outcome = ingest.ingest_province(settings, CAMPAIGN, "30", DAY, now=AFTER_CUTOFF)
    assert outcome.target_day.status == "accepted", outcome.target_day.reason
    stored = query(warehouse_uri, "select commune_code, section, citizen_group, eligible, participated, agreed "
                                  "from core.commune_report")
    assert sorted(stored, key=repr) == sorted(expected, key=repr)


def test_an_accepted_report_keeps_its_rows(warehouse_uri, tmp_path):
    """Without a per-row foreign key (V010), a province report with rows still cannot be deleted or re-keyed."""
    write_landing(FeedSimulator(CAMPAIGN), tmp_path, [DAY], province_codes=["30"])
    settings = settings_for(warehouse_uri, source="files", landing_dir=tmp_path, recheck_days=0)
    assert ingest.ingest_province(settings, CAMPAIGN, "30", DAY, now=AFTER_CUTOFF).target_day.status == "accepted"
    for statement in ("delete from core.province_report",
                      "update core.province_report set payload_id = payload_id + 1000"):
        with pytest.raises(psycopg.errors.ForeignKeyViolation):
            query(warehouse_uri, statement)
    assert scalar(warehouse_uri, "select count(*) from core.commune_report") == 207


def test_a_payload_landed_before_is_not_sent_again(warehouse_uri, tmp_path, monkeypatch):
    write_landing(FeedSimulator(CAMPAIGN), tmp_path, [DAY], province_codes=["30"])
    settings = settings_for(warehouse_uri, source="files", landing_dir=tmp_path, recheck_days=0)
    ingest.ingest_province(settings, CAMPAIGN, "30", DAY, now=AFTER_CUTOFF)
    used = []
    original = ingest.load_sql
    monkeypatch.setattr(ingest, "load_sql", lambda name: used.append(name) or original(name))
    again = ingest.ingest_province(settings, CAMPAIGN, "30", DAY, now=AFTER_CUTOFF)
    assert again.target_day.status == "unchanged" and again.target_day.recorded_status == "accepted"
    # A decided payload is answered by one lookup: no lock, no upload, no second landing.
    assert "ingest/select_decided_payload.sql" in used
    assert not {"ingest/lock_province_day.sql", "ingest/select_raw_payload.sql",
                "ingest/insert_raw_payload.sql"} & set(used), used
    assert scalar(warehouse_uri, "select count(*) from raw.report_payload") == 1


def test_a_payload_landed_but_never_decided_is_decided_without_landing_it_again(warehouse_uri, tmp_path, monkeypatch):
    """A loader that died between landing and deciding left a raw payload with no fate: the next
    run finds it under the lock, does not upload it again, and decides it."""
    write_landing(FeedSimulator(CAMPAIGN), tmp_path, [DAY], province_codes=["30"])
    received = sources.list_landing(tmp_path, CAMPAIGN, "30", DAY)[0]
    with psycopg.connect(warehouse_uri, autocommit=True) as conn:
        ingest._land(conn, received, hashlib.sha256(received.content).hexdigest())
    used = []
    original = ingest.load_sql
    monkeypatch.setattr(ingest, "load_sql", lambda name: used.append(name) or original(name))
    settings = settings_for(warehouse_uri, source="files", landing_dir=tmp_path, recheck_days=0)
    outcome = ingest.ingest_province(settings, CAMPAIGN, "30", DAY, now=AFTER_CUTOFF)
    assert outcome.target_day.status == "accepted", outcome.target_day.reason
    assert "ingest/select_raw_payload.sql" in used and "ingest/insert_raw_payload.sql" not in used
    assert scalar(warehouse_uri, "select count(*) from raw.report_payload") == 1
    assert scalar(warehouse_uri, "select count(*) from dq.report_revision where status = 'accepted'") == 1


def _write_province_30(landing, change_row=None):
    """Province 30's simulated report for DAY as a landing CSV, with `change_row(row)` applied to the first row."""
    rows = FeedSimulator(CAMPAIGN).report("30", DAY)["rows"]
    path = landing / CAMPAIGN / "30" / f"{DAY}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["commune_code", "commune_name", "eligible", "participated", "agreed"])
        for number, row in enumerate(rows):
            row = dict(row)
            if number == 0 and change_row:
                change_row(row)
            writer.writerow([row["commune_code"], "Xã", row["eligible"], row["participated"], row["agreed"]])


def _validated_while_loading(monkeypatch):
    """Spies on the load: returns what each staging attempt did and which threads parsed, validated
    and staged."""
    seen = {"staging": [], "parsed_in": [], "validated_in": [], "staged_in": []}
    stage, parse, validate = ingest._stage_and_insert, ingest.parse_report, ingest.validate_report

    def staging_spy(*args):
        seen["staged_in"].append(threading.current_thread().name)
        try:
            stage(*args)
        except psycopg.DatabaseError as error:
            seen["staging"].append(type(error).__name__)
            raise
        seen["staging"].append("inserted")

    def parse_spy(*args):
        seen["parsed_in"].append(threading.current_thread().name)
        return parse(*args)

    def validation_spy(*args):
        seen["validated_in"].append(threading.current_thread().name)
        return validate(*args)

    monkeypatch.setattr(ingest, "_stage_and_insert", staging_spy)
    monkeypatch.setattr(ingest, "parse_report", parse_spy)
    monkeypatch.setattr(ingest, "validate_report", validation_spy)
    return seen


def _nothing_loaded(uri):
    return [scalar(uri, f"select count(*) from {table}")
            for table in ("core.province_report", "core.commune_report", "staging.commune_report")] == [0, 0, 0]


def test_a_report_validated_while_loading_is_accepted_with_its_verdict_recorded(warehouse_uri, tmp_path, monkeypatch):
    seen = _validated_while_loading(monkeypatch)
    _write_province_30(tmp_path)
    settings = settings_for(warehouse_uri, source="files", landing_dir=tmp_path, recheck_days=0)
    outcome = ingest.ingest_province(settings, CAMPAIGN, "30", DAY, now=AFTER_CUTOFF)
    assert outcome.target_day.status == "accepted", outcome.target_day.reason
    assert seen["staging"] == ["inserted"]
    assert seen["parsed_in"][0].startswith("beside-the-server")
    assert seen["validated_in"][0].startswith("beside-the-server")
    assert seen["staged_in"] == [threading.main_thread().name]
    assert scalar(warehouse_uri, "select count(*) from core.current_commune_total") == 207
    assert scalar(warehouse_uri, "select count(*) from dq.validation_result where success") == len(
        load_suite_definition()["expectations"])
    assert scalar(warehouse_uri, "select count(*) from staging.commune_report") == 0


def test_rows_the_database_refuses_while_the_suite_runs_are_quarantined_with_the_suites_rule(
        warehouse_uri, tmp_path, monkeypatch):
    """participated > eligible breaks core.commune_report's check constraint during the merge, before
    the suite has spoken: the load is rolled back and the suite's rule is the recorded reason."""
    seen = _validated_while_loading(monkeypatch)
    _write_province_30(tmp_path, lambda row: row.update(participated=row["eligible"] + 1))
    settings = settings_for(warehouse_uri, source="files", landing_dir=tmp_path, recheck_days=0)
    outcome = ingest.ingest_province(settings, CAMPAIGN, "30", DAY, now=AFTER_CUTOFF)
    assert seen["staging"] == ["CheckViolation"]
    assert outcome.target_day.status == "quarantined"
    assert "participated_le_eligible" in outcome.target_day.reason
    assert query(warehouse_uri, "select rule, row_number from dq.validation_failure") == [
        ("participated_le_eligible", 1)]
    assert _nothing_loaded(warehouse_uri)


def test_rows_merged_before_the_suite_refuses_them_are_rolled_back(warehouse_uri, tmp_path, monkeypatch):
    """A commune code the province does not have is accepted by the database (core has no key on
    communes) but not by the suite: the rows already merged are rolled back, the report quarantined."""
    seen = _validated_while_loading(monkeypatch)
    _write_province_30(tmp_path, lambda row: row.update(commune_code="99999"))
    settings = settings_for(warehouse_uri, source="files", landing_dir=tmp_path, recheck_days=0)
    outcome = ingest.ingest_province(settings, CAMPAIGN, "30", DAY, now=AFTER_CUTOFF)
    assert seen["staging"] == ["inserted"]
    assert outcome.target_day.status == "quarantined"
    assert query(warehouse_uri, "select status from dq.report_revision") == [("quarantined",)]
    assert scalar(warehouse_uri, "select count(*) from dq.validation_failure") >= 1
    assert _nothing_loaded(warehouse_uri)
