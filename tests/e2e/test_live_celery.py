"""The compose file's executor for real: a campaign day through CeleryExecutor, a Redis broker and a Celery worker.

The same synthetic administrative version as tests/e2e/test_live_scheduler.py (three provinces
served by the feed simulator, one quarantined by a fault), but Airflow's scheduler, dag-processor
and api-server run with `AIRFLOW__CORE__EXECUTOR=CeleryExecutor` and the Celery settings of
docker-compose.yaml (the names in CELERY_ENV_NAMES, held to the compose file by
tests/dags/test_docker_compose.py): a Redis server of this test as the broker
(`redis-server`, password protected as in the compose file), the metadata database as the result
backend (`db+postgresql://`), and one `airflow celery worker` that runs every task. One day goes
through ingest -> Asset -> publish and the marts are checked against the feed's own figures.
Every process is stopped at the end, also on failure.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from vneid_pipeline.localairflow import DEFAULT_COMPONENTS, LocalAirflow, free_port

from ..dags.test_docker_compose import CELERY_ENV_NAMES
from ..integration.helpers import query
from .live_helpers import feed_tokens, live_reference, runs, wait_for
from .redis_server import RedisServer
from .test_live_scheduler import CAMPAIGN, DAY1, QUARANTINED, VERSION, provinces

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CELERY_APP = "airflow.providers.celery.executors.celery_executor.app"  # as in the compose worker's health check
WORKER_CONCURRENCY = 2
LOGICAL_DATE = f"{DAY1}T08:30:00Z"  # 15:30 in Asia/Ho_Chi_Minh, the ingest DAG's schedule


def celery_env(broker_url: str, metadata_uri: str) -> dict[str, str]:
    """The compose file's executor and Celery variables, pointed at this test's Redis and PostgreSQL."""
    env = {
        "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
        "AIRFLOW__CELERY__BROKER_URL": broker_url,
        "AIRFLOW__CELERY__RESULT_BACKEND": "db+" + metadata_uri,
        "AIRFLOW__CELERY__WORKER_CONCURRENCY": str(WORKER_CONCURRENCY),
    }
    assert set(env) == CELERY_ENV_NAMES
    return env


def celery_inspect(airflow: LocalAirflow, node: str, command: str) -> dict | None:
    """`celery inspect <command>` of one worker, as the compose file's health check calls it; None if it does not answer."""
    result = subprocess.run([sys.executable, "-m", "celery", "--app", CELERY_APP, "inspect", command, "-d", node,
                             "--json", "--timeout", "10"], env=airflow.env, capture_output=True, text=True, timeout=120)
    return json.loads(result.stdout.strip().splitlines()[-1]).get(node) if result.returncode == 0 else None


def feed_report(feed_url: str, code: str) -> dict:
    request = urllib.request.Request(f"{feed_url}/v1/campaigns/{CAMPAIGN}/provinces/{code}/reports/{DAY1}",
                                     headers={"Authorization": f"Bearer sim-token-{code}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


@pytest.fixture(scope="module")
def celery_day(postgres_server, tmp_path_factory):
    """One Airflow start (CeleryExecutor) and one campaign day run through it; yields what the tests check."""
    root = tmp_path_factory.mktemp("celery")
    # The version in force on DAY1, a past day (a backfill refuses future dates), as in test_live_scheduler.
    reference = live_reference(root / "reference", VERSION, "Live Celery test: 3 provinces",
                               f"{CAMPAIGN},Lấy ý kiến trực tiếp,{DAY1},{DAY1},{VERSION},0.80",
                               valid_from=DAY1, valid_to=DAY1)
    warehouse_uri = postgres_server.create_database("celery_warehouse", recreate=True)
    metadata_uri = postgres_server.create_database("celery_airflow", owner="airflow", recreate=True)
    feed_url = f"http://127.0.0.1:{free_port()}"
    node = f"vneid-test-{os.getpid()}@localhost"
    with RedisServer(free_port(), root / "redis") as redis:
        env = {
            **celery_env(redis.url, metadata_uri),
            "VNEID_REFERENCE_DIR": str(reference),
            "AIRFLOW_CONN_VNEID_WAREHOUSE": warehouse_uri,
            "VNEID_CAMPAIGN": CAMPAIGN,
            "VNEID_SOURCE": "http",
            "VNEID_FEED_URL": feed_url,
            "VNEID_PUBLISH_ROOT": str(root / "publish"),
            **feed_tokens(),
        }
        components = {name: DEFAULT_COMPONENTS[name] for name in ("scheduler", "dag-processor", "api-server")}
        components["celery-worker"] = ["celery", "worker", "--celery-hostname", node]
        airflow = LocalAirflow(PROJECT_ROOT, home=root / "airflow", executor="CeleryExecutor", api_port=free_port(),
                               extra_env=env, components=components,
                               metadata_uri=metadata_uri.replace("postgresql://", "postgresql+psycopg2://", 1))
        try:
            airflow.spawn("simulator", [sys.executable, "-m", "vneid_pipeline.simulator", "serve", "--campaign", CAMPAIGN,
                                        "--port", feed_url.rsplit(":", 1)[1], "--fault", f"{QUARANTINED}:{DAY1}:out_of_range"])
            started = time.monotonic()
            airflow.start(timeout=300)
            stats = wait_for(lambda: celery_inspect(airflow, node, "stats"), timeout=120,
                             what=f"the Celery worker {node} to answer (see {airflow.log_path('celery-worker')})")
            up = time.monotonic()
            airflow.unpause("vneid_ingest", "vneid_publish")
            # A backfill of the day (REST API v2), as an operator would run a past campaign day.
            airflow.api("POST", "/api/v2/backfills", {"dag_id": "vneid_ingest", "from_date": f"{DAY1}T00:00:00+07:00",
                                                      "to_date": f"{DAY1}T23:59:59+07:00", "max_active_runs": 1})
            run = wait_for(lambda: next((r for r in runs(airflow, "vneid_ingest") if r["logical_date"] == LOGICAL_DATE
                                         and r["state"] in ("success", "failed")), None), timeout=600, what="the backfilled run")
            published = wait_for(lambda: [r for r in runs(airflow, "vneid_publish") if r["state"] in ("success", "failed")],
                                 timeout=600, what="the asset-triggered vneid_publish run")
            print(f"\nCeleryExecutor: Airflow and worker up in {up - started:.1f}s, "
                  f"one day (3 provinces) from trigger to publication in {time.monotonic() - up:.1f}s")
            yield {
                "airflow": airflow, "redis": redis, "warehouse_uri": warehouse_uri, "metadata_uri": metadata_uri,
                "feed_url": feed_url, "stats": stats, "run": run, "published": published,
                "publish_root": root / "publish",
            }
        finally:
            airflow.stop()
            assert not airflow.running()
    assert redis.process.poll() is not None


def test_the_day_runs_through_ingest_asset_and_publish_on_celery(celery_day):
    airflow = celery_day["airflow"]
    assert (celery_day["run"]["run_type"], celery_day["run"]["state"]) == ("backfill", "success")
    assert [(r["run_type"], r["state"]) for r in celery_day["published"]] == [("asset_triggered", "success")]
    states = {code: ti["state"] for code, ti in provinces(airflow, celery_day["run"]["dag_run_id"]).items()}
    assert states == {"01": "success", QUARANTINED: "failed", "99": "success"}


def test_every_task_ran_on_the_celery_worker(celery_day):
    """The worker took the tasks from Redis and stored each outcome in the result backend."""
    assert celery_day["stats"]["pool"]["max-concurrency"] == WORKER_CONCURRENCY  # AIRFLOW__CELERY__WORKER_CONCURRENCY
    assert celery_day["stats"]["broker"]["transport"] == "redis"
    runs_checked = [(r["dag_id"], r["dag_run_id"]) for r in (celery_day["run"], *celery_day["published"])]
    # Each task instance records the Celery task id it was sent as; the worker stored that task's outcome.
    def outcomes() -> list[tuple]:
        return query(celery_day["metadata_uri"], """
            select ti.dag_id, ti.task_id, ti.map_index, ti.queue, meta.status
            from task_instance as ti left join celery_taskmeta as meta on meta.task_id = ti.external_executor_id
            where (ti.dag_id, ti.run_id) in (select * from unnest(%s::text[], %s::text[]))
            order by 1, 2, 3""", [[dag_id for dag_id, _ in runs_checked], [run_id for _, run_id in runs_checked]])

    # The Celery task ends a moment after Airflow records the task's state (STARTED until then).
    found = wait_for(lambda: (rows := outcomes()) and all(row[-1] != "STARTED" for row in rows) and rows, timeout=60,
                     what="the Celery tasks to finish")
    assert len(found) == 6 + 4, found  # plan 2, ingest 3 provinces, announce 1; publish: resolve, publish, report, announce
    assert {(queue, status) for *_, queue, status in found} == {("default", "SUCCESS")}, found
    assert celery_day["redis"].command("DBSIZE") > 0  # kombu's bindings: the broker was this Redis


def test_the_marts_hold_the_feeds_figures(celery_day):
    uri = celery_day["warehouse_uri"]
    assert query(uri, "select province_code, status from mart.report_status where report_date = %s order by 1",
                 [DAY1]) == [("01", "accepted"), (QUARANTINED, "quarantined"), ("99", "accepted")]
    eligible = participated = 0
    for code in ("01", "99"):
        report = feed_report(celery_day["feed_url"], code)
        total = report["province_total"]
        assert query(uri, "select eligible, participated, agreed from mart.province_daily "
                          "where report_date = %s and province_code = %s", [DAY1, code]) == [
            (total["eligible"], total["participated"], total["agreed"])]
        assert query(uri, "select commune_code, eligible, participated from mart.commune_daily "
                          "where report_date = %s and province_code = %s order by 1", [DAY1, code]) == sorted(
            (row["commune_code"], row["eligible"], row["participated"]) for row in report["rows"])
        eligible += total["eligible"]
        participated += total["participated"]
    assert query(uri, "select eligible, participated, provinces_reported, provinces_expected from mart.national_daily "
                      "where campaign_id = %s and report_date = %s", [CAMPAIGN, DAY1]) == [(eligible, participated, 2, 3)]
    assert (celery_day["publish_root"] / CAMPAIGN / DAY1 / "province_daily.csv").is_file()
