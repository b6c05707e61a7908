"""The real scheduler path: scheduler, dag-processor and api-server (LocalExecutor), started once for the module.

A synthetic administrative version (three provinces) served by the feed simulator in its own
process, one province quarantined by a simulator fault. A backfilled day goes through ingest ->
Asset -> publish; one province is cleared through the REST API v2 and re-runs with identical marts;
the re-run commands of docs/operations.md section 3.1 are executed as written; the
publication-deadline DAG, triggered through REST for a day not yet published, posts its alert to a
webhook served by this test.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from vneid_pipeline.localairflow import LocalAirflow

from ..integration.helpers import query, table_digest
from .live_helpers import Feed, live_reference, runs, scheduler_path_airflow, wait_for

PROJECT_ROOT = Path(__file__).resolve().parents[2]
VERSION = "vn-2025-06-live"
CAMPAIGN = "truc-tiep-2025-06"
DAY1, DAY2, UNPUBLISHED = "2025-06-02", "2025-06-03", "2025-06-04"
QUARANTINED = "98"
MARTS = {"mart.national_daily": "campaign_id, report_date", "mart.province_daily": "campaign_id, report_date, province_code",
         "mart.commune_daily": "campaign_id, report_date, commune_code",
         "mart.report_status": "campaign_id, report_date, province_code"}


def documented_commands() -> list[str]:
    """The shell lines of docs/operations.md section 3.1, as an operator would paste them."""
    text = (PROJECT_ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    section = text[text.index("### 3.1 "):text.index("### 3.2 ")]
    lines = []
    for block in re.findall(r"```bash\n(.*?)```", section, re.S):
        lines += [line for line in block.splitlines() if line.strip() and not line.startswith("#")]
    lines += re.findall(r"`(airflow backfill create [^`]*)`", section)
    return lines


def command(prefix: str) -> str:
    found = [line for line in documented_commands() if line.startswith(prefix)]
    assert len(found) == 1, f"docs/operations.md 3.1 should hold one line starting {prefix!r}: {found}"
    return found[0]


@pytest.fixture(scope="module")
def live(postgres_server, tmp_path_factory):
    root = tmp_path_factory.mktemp("live")
    # In the past (a backfill refuses future dates) and after the DAGs' start_date: June 2025.
    reference = live_reference(root / "reference", VERSION, "Live scheduler test: 3 provinces",
                               f"{CAMPAIGN},Lấy ý kiến trực tiếp,{DAY1},{UNPUBLISHED},{VERSION},0.80",
                               valid_from="2025-06-01", valid_to="2025-06-30")
    airflow, feed_port = scheduler_path_airflow(postgres_server, root, "live", reference, CAMPAIGN, {
        "VNEID_DEADLINE_RETRIES": "0",
        "VNEID_DEADLINE_RETRY_DELAY_SECONDS": "1",
    })
    try:
        Feed(airflow, CAMPAIGN, feed_port).start([f"{QUARANTINED}:{DAY1}:out_of_range", f"{QUARANTINED}:{DAY2}:out_of_range"])
        started = time.monotonic()
        airflow.start(timeout=300)
        print(f"\nAirflow (scheduler, dag-processor, api-server) up in {time.monotonic() - started:.1f}s")
        airflow.unpause("vneid_ingest", "vneid_publish", "vneid_publication_deadline")
        yield airflow
    finally:
        airflow.stop()
        airflow.webhook.shutdown()
        assert not airflow.running()


def shell(live: LocalAirflow, line: str, **values: str) -> str:
    """Run a documented line with its <placeholders> filled, in the components' environment."""
    for name, value in values.items():
        line = line.replace(f"<{name}>", value)
    line = line.replace("http://127.0.0.1:8080", live.api_url)
    env = live.env | {"PATH": f"{Path(sys.executable).parent}:{live.env['PATH']}",
                      "AIRFLOW_PASSWORD": live.login["admin"]}
    result = subprocess.run(["bash", "-c", line], env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{line}\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
    return result.stdout


def provinces(live: LocalAirflow, run_id: str) -> dict[str, dict]:
    """The run's ingest_province instances by province code (from their labels)."""
    instances = live.api("GET", f"/api/v2/dags/vneid_ingest/dagRuns/{run_id}/taskInstances?limit=100")
    return {ti["rendered_map_index"].split()[0]: ti for ti in instances["task_instances"]
            if ti["task_id"] == "ingest.ingest_province" and ti["rendered_map_index"]}


def wait_publish_runs(live: LocalAirflow, count: int) -> list[dict]:
    """Until `count` vneid_publish runs exist and have all finished."""
    def finished():
        found = runs(live, "vneid_publish")
        return found if len(found) >= count and all(r["state"] in ("success", "failed") for r in found) else None
    return wait_for(finished, what=f"{count} finished vneid_publish runs")


def digests(uri: str) -> dict[str, str]:
    return {table: table_digest(uri, table, order, exclude=("published_at",)) for table, order in MARTS.items()}


def backfilled_run(live: LocalAirflow) -> dict:
    return next(r for r in runs(live, "vneid_ingest") if r["logical_date"] == f"{DAY1}T08:30:00Z")


def test_a_backfilled_day_goes_through_ingest_asset_and_publish(live):
    started = time.monotonic()
    shell(live, command("airflow backfill create"), D1=DAY1, D2=DAY1)
    run = wait_for(lambda: next((r for r in runs(live, "vneid_ingest") if r["logical_date"] == f"{DAY1}T08:30:00Z"
                                 and r["state"] in ("success", "failed")), None), what="the backfilled run")
    assert run["run_type"] == "backfill" and run["state"] == "success"
    # one day at a time: a backfill has its own limit (10 by default), not the DAG's max_active_runs
    [backfill] = live.api("GET", "/api/v2/backfills?dag_id=vneid_ingest")["backfills"]
    assert backfill["max_active_runs"] == 1
    published = wait_publish_runs(live, 1)
    print(f"\none day (3 provinces) from backfill to publication: {time.monotonic() - started:.1f}s")
    assert [(r["run_type"], r["state"]) for r in published] == [("asset_triggered", "success")]
    states = {code: ti["state"] for code, ti in provinces(live, run["dag_run_id"]).items()}
    assert states == {"01": "success", QUARANTINED: "failed", "99": "success"}
    assert query(live.warehouse_uri, "select province_code, status from mart.report_status where report_date = %s "
                                     "order by 1", [DAY1]) == [("01", "accepted"), (QUARANTINED, "quarantined"),
                                                               ("99", "accepted")]
    assert query(live.warehouse_uri, "select count(*) from mart.national_daily where report_date = %s", [DAY1]) == [(1,)]


def test_one_province_cleared_through_rest_reruns_and_republishes_the_same_marts(live):
    run_id = backfilled_run(live)["dag_run_id"]
    before = digests(live.warehouse_uri)
    province = provinces(live, run_id)["01"]
    token_line, clear_line = command("TOKEN="), command("curl")
    shell(live, f"{token_line}\n{clear_line}", run_id=run_id, map_index=str(province["map_index"]))
    rerun = wait_for(lambda: (ti := provinces(live, run_id)["01"])["try_number"] == province["try_number"] + 1
                     and ti["state"] == "success" and ti, what="province 01 re-run")
    assert rerun["try_number"] == province["try_number"] + 1
    assert provinces(live, run_id)["99"]["try_number"] == 1
    assert live.wait_for_run("vneid_ingest", run_id) == "success"
    wait_publish_runs(live, 2)  # record_ingest_day (downstream) announced the Asset again
    assert digests(live.warehouse_uri) == before


def test_documented_clear_of_a_backfilled_day_reruns_its_failed_province(live):
    run_id = backfilled_run(live)["dag_run_id"]
    before = provinces(live, run_id)
    shell(live, command("airflow tasks clear"), D=DAY1)
    after = wait_for(lambda: (found := provinces(live, run_id))[QUARANTINED]["try_number"]
                     == before[QUARANTINED]["try_number"] + 1 and found[QUARANTINED]["state"] in ("success", "failed")
                     and found, what="the quarantined province re-run")
    assert after["01"]["try_number"] == before["01"]["try_number"]  # -f: only the failed one
    assert live.wait_for_run("vneid_ingest", run_id) == "success"
    assert query(live.warehouse_uri, "select status from mart.report_status where report_date = %s and "
                                     "province_code = %s", [DAY1, QUARANTINED]) == [("quarantined",)]


def test_documented_clear_of_a_run_triggered_with_report_date_reruns_its_failed_province(live):
    run = live.api("POST", "/api/v2/dags/vneid_ingest/dagRuns", {"logical_date": None, "conf": {"report_date": DAY2}})
    assert run["logical_date"] is None
    assert live.wait_for_run("vneid_ingest", run["dag_run_id"]) == "success"
    before = provinces(live, run["dag_run_id"])
    assert before[QUARANTINED]["state"] == "failed"
    shell(live, command("airflow dags clear"), run_id=run["dag_run_id"])
    after = wait_for(lambda: (found := provinces(live, run["dag_run_id"]))[QUARANTINED]["try_number"]
                     == before[QUARANTINED]["try_number"] + 1 and found[QUARANTINED]["state"] in ("success", "failed")
                     and found, what="the quarantined province re-run")
    assert after["99"]["try_number"] == before["99"]["try_number"]
    assert live.wait_for_run("vneid_ingest", run["dag_run_id"]) == "success"


def test_the_deadline_alert_fires_for_a_day_not_yet_published(live):
    live.webhook.received.clear()
    late = live.api("POST", "/api/v2/dags/vneid_publication_deadline/dagRuns",
                    {"logical_date": None, "conf": {"report_date": UNPUBLISHED}})
    on_time = live.api("POST", "/api/v2/dags/vneid_publication_deadline/dagRuns",
                       {"logical_date": None, "conf": {"report_date": DAY1}})
    assert live.wait_for_run("vneid_publication_deadline", late["dag_run_id"], timeout=300) == "failed"
    assert live.wait_for_run("vneid_publication_deadline", on_time["dag_run_id"], timeout=300) == "success"
    alerts = [message["text"] for message in live.webhook.received]
    assert len(alerts) == 1 and "vneid_publication_deadline" in alerts[0] and UNPUBLISHED in alerts[0], alerts


def test_the_api_server_answers_health(live):
    with urllib.request.urlopen(f"{live.api_url}/api/v2/monitor/health", timeout=10) as response:
        health = json.load(response)
    assert health["scheduler"]["status"] == "healthy" and health["metadatabase"]["status"] == "healthy"


def test_the_dag_docs_give_the_commands_tested_here():
    ingest_docs = (PROJECT_ROOT / "dags" / "vneid_ingest.py").read_text(encoding="utf-8")
    for prefix in ("airflow tasks clear", "airflow dags clear"):
        assert command(prefix) in ingest_docs
