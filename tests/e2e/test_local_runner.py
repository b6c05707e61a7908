"""Whole-pipeline runs: both DAGs through Airflow's dag.test(), via the local runner, over several days."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from vneid_pipeline.simulator import Fault, FeedSimulator, write_landing

from ..integration.helpers import query, scalar, table_digest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CAMPAIGN = "hien-phap-2025"
DAYS = [dt.date(2025, 5, 6), dt.date(2025, 5, 7), dt.date(2025, 5, 8)]
FAULT_SPECS = ["30:2025-05-07:out_of_range", "01:2025-05-08:missing", "02:2025-05-08:late"]
CORE_AND_MART = {
    "core.province_report": ("payload_id", ("accepted_at",)),
    "core.commune_report": ("payload_id, commune_code, section, citizen_group", ()),
    "mart.national_daily": ("campaign_id, report_date", ("published_at",)),
    "mart.province_daily": ("campaign_id, report_date, province_code", ("published_at",)),
    "mart.district_daily": ("campaign_id, report_date, district_code", ("published_at",)),
    "mart.commune_daily": ("campaign_id, report_date, commune_code", ("published_at",)),
    "mart.report_status": ("campaign_id, report_date, province_code", ("published_at",)),
    "mart.province_daily_current_units": ("campaign_id, report_date, province_code", ("published_at",)),
}


def run_pipeline(uri: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "AIRFLOW_CONN_VNEID_WAREHOUSE": uri,
        "AIRFLOW_HOME": str(tmp_path / "airflow"),
        "VNEID_PUBLISH_ROOT": str(tmp_path / "publish"),
    }
    env.pop("AIRFLOW__CORE__DAGS_FOLDER", None)
    return subprocess.run([sys.executable, str(PROJECT_ROOT / "scripts" / "run_pipeline.py"), *args],
                          capture_output=True, text=True, env=env, timeout=1200)


@pytest.fixture(scope="module")
def http_run(postgres_server, tmp_path_factory):
    uri = postgres_server.create_database("test_e2e_http", recreate=True)
    tmp_path = tmp_path_factory.mktemp("e2e_http")
    fault_args = [arg for spec in FAULT_SPECS for arg in ("--fault", spec)]
    result = run_pipeline(uri, tmp_path, "--start", DAYS[0].isoformat(), "--end", DAYS[-1].isoformat(), *fault_args)
    return uri, tmp_path, result


def test_run_succeeds_and_reports_progress_and_ranking(http_run):
    _, _, result = http_run
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "day 1 of 3 2025-05-06: accepted 63, quarantined 0, missing 0" in result.stdout
    assert "day 2 of 3 2025-05-07: accepted 62, quarantined 1, missing 0" in result.stdout
    assert "day 3 of 3 2025-05-08: accepted 62, quarantined 0, missing 1" in result.stdout
    assert "National ranking, hien-phap-2025, 2025-05-08" in result.stdout
    assert "target 90%" in result.stdout and "62 of 63 provinces reported" in result.stdout


def test_without_a_reviewer_every_day_stays_provisional(http_run):
    uri, tmp_path, result = http_run
    assert result.stdout.count("; provisional [") == 3
    assert query(uri, "select distinct figures_status from mart.national_daily") == [("provisional",)]
    assert scalar(uri, "select count(*) from official.national_daily") == 0
    assert "Số liệu tạm tính" in (tmp_path / "publish" / CAMPAIGN / "2025-05-08" / "report"
                                  / "bao-cao-2025-05-08.html").read_text(encoding="utf-8")


def test_marts_match_figures_computed_from_the_simulator(http_run):
    uri, _, _ = http_run
    simulator = FeedSimulator(CAMPAIGN, faults={("30", DAYS[1]): Fault("out_of_range")})
    for day in DAYS:
        rows = query(uri, "select province_code, eligible, participated, participation_rate, national_rank, report_status "
                          "from mart.province_daily where report_date = %s order by province_code", [day])
        assert len(rows) == 63
        accepted = [row for row in rows if row[5] == "accepted"]
        for code, eligible, participated, rate, _, _ in accepted:
            report_rows = simulator.report(code, day)["rows"]
            assert eligible == sum(r["eligible"] for r in report_rows)
            assert participated == sum(r["participated"] for r in report_rows)
            assert abs(rate - Decimal(participated) / Decimal(eligible)) < Decimal("1e-18")
        by_rate = sorted(accepted, key=lambda row: (-row[3], row[0]))
        assert [row[4] for row in by_rate] == list(range(1, len(accepted) + 1))
        national = query(uri, "select eligible, participated, provinces_reported from mart.national_daily "
                              "where report_date = %s", [day])[0]
        assert national == (sum(r[1] for r in accepted), sum(r[2] for r in accepted), len(accepted))


def test_quarantine_missing_and_late_are_visible(http_run):
    uri, tmp_path, _ = http_run
    status = {(str(day), code): (state, late, reason) for day, code, state, late, reason in query(
        uri, "select report_date, province_code, status, is_late, reason from mart.report_status")}
    assert status[("2025-05-07", "30")][0] == "quarantined"
    assert "participated_le_eligible" in status[("2025-05-07", "30")][2]
    assert status[("2025-05-08", "01")][0] == "missing"
    assert status[("2025-05-08", "02")][:2] == ("accepted", True)
    assert (tmp_path / "publish" / CAMPAIGN / "2025-05-07" / "feedback" / "30.csv").is_file()
    for day in DAYS:
        for table in ("national_daily", "province_daily", "district_daily", "commune_daily", "report_status"):
            assert (tmp_path / "publish" / CAMPAIGN / day.isoformat() / f"{table}.csv").is_file()


def test_rerunning_a_day_changes_no_figure(http_run):
    uri, tmp_path, _ = http_run
    before = {table: table_digest(uri, table, key, exclude) for table, (key, exclude) in CORE_AND_MART.items()}
    fault_args = [arg for spec in FAULT_SPECS for arg in ("--fault", spec)]
    result = run_pipeline(uri, tmp_path, "--start", "2025-05-07", "--end", "2025-05-07", *fault_args)
    assert result.returncode == 0, result.stderr[-3000:]
    after = {table: table_digest(uri, table, key, exclude) for table, (key, exclude) in CORE_AND_MART.items()}
    assert after == before


def test_files_source_on_the_current_administrative_units(postgres_server, tmp_path):
    uri = postgres_server.create_database("test_e2e_files", recreate=True)
    days = [dt.date(2025, 10, 30), dt.date(2025, 10, 31)]
    write_landing(FeedSimulator("van-kien-dai-hoi-xiv"), tmp_path / "landing", days, formats=("mixed",))
    result = run_pipeline(uri, tmp_path, "--source", "files", "--landing", str(tmp_path / "landing"),
                          "--campaign", "van-kien-dai-hoi-xiv", "--start", "2025-10-30", "--end", "2025-10-31",
                          "--approve", "c06.demo")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "day 2 of 2 2025-10-31: accepted 34, quarantined 0, missing 0; official, approved by c06.demo" in result.stdout
    # --approve (make run APPROVE=c06.demo) approved each day through the sign-off functions
    assert query(uri, "select report_date, figures_status, approved_by from mart.national_daily order by 1") == [
        (dt.date(2025, 10, 30), "official", "c06.demo"), (dt.date(2025, 10, 31), "official", "c06.demo")]
    assert scalar(uri, "select count(*) from dq.sign_off_answer where decision = 'approved' and outcome = 'applied'") == 2
    assert scalar(uri, "select count(*) from mart.province_daily where report_date = '2025-10-31'") == 34
    assert scalar(uri, "select count(*) from mart.district_daily") == 0
    day_dir = tmp_path / "publish" / "van-kien-dai-hoi-xiv" / "2025-10-31"
    assert (day_dir / "province_daily.csv").is_file() and not (day_dir / "district_daily.csv").exists()
    assert not (day_dir / "province_daily_current_units.csv").exists()  # already in current units


def test_a_configuration_error_fails_the_run(postgres_server, tmp_path, monkeypatch):
    uri = postgres_server.create_database("test_e2e_config", recreate=True)
    monkeypatch.setenv("VNEID_FEED_TOKEN_30", "not-the-right-token")
    result = run_pipeline(uri, tmp_path, "--start", "2025-05-06", "--end", "2025-05-06")
    assert result.returncode == 1
    assert "pipeline failures" in result.stderr and "2025-05-06: ingest failed" in result.stderr
    assert scalar(uri, "select count(*) from core.province_report") == 62
