"""The cost of one province task as a LocalExecutor worker runs it: fork, DAG parse, imports, GX set-up, data work.

    .venv/bin/python bench/task_cost.py [--tasks 6] [--day 2025-05-06]

On Linux a LocalExecutor worker is a long-lived process and each task is a child forked from it
(Airflow's supervisor, `os.fork`), which parses its DAG file again and then runs the task. This
reproduces that path without a scheduler, with the project's own pieces: a throwaway PostgreSQL
(LocalPostgres, /tmp) with a prepared warehouse, the province-feed simulator over HTTP, and one
worker process per mode that forks `--tasks` children in turn, each ingesting one province of
`--day` (different provinces, a fresh database per mode, so each mode does the same data work).
Each child times its phases with `time.perf_counter` (the fork from just before `os.fork` in the
worker to the child's first line):

  fork       os.fork of the worker, to the child's first statement
  runner     importing Airflow's task runner and DagBag modules in the child
  parse      Airflow's BundleDagBag over dags/vneid_ingest.py, as task_runner.parse does
  imports    the domain modules a province task calls (vneid_pipeline.ingest: pandas, pyarrow, psycopg)
  gx import  great_expectations
  gx set-up  the suite's context and the first validation (validation.warm_up)
  data work  ingest.ingest_province: pull, land, validate, load

Modes (what the worker holds before it forks):

  plain      Airflow's task SDK only: what a LocalExecutor worker forked from the scheduler holds
  preloaded  also the modules of the preload list imported (Airflow's task runner and DagBag
             modules, `vneid_pipeline.worker_preload`), as `[scheduler] mp_start_method = forkserver`
             with that `mp_forkserver_preload` makes the fork server import them once, before it
             starts the workers (tests/integration/test_worker_preload.py checks that it does)

Prints one Markdown table (median over the children, in seconds) and the ratio plain/preloaded.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = BENCH_DIR.parent
sys.path.insert(0, str(PROJECT_ROOT / "plugins"))

CAMPAIGN = "hien-phap-2025"
PHASES = ("fork", "runner", "parse", "imports", "gx import", "gx set-up", "data work", "total")
MODES = ("plain", "preloaded")
HEAVY = ("pandas", "pyarrow", "psycopg", "great_expectations")

WORKER = r"""
import json, os, sys, time
mode, tasks_json, day = sys.argv[1], sys.argv[2], sys.argv[3]
import airflow.sdk  # noqa: F401  what every worker holds
import airflow.sdk.execution_time.supervisor  # noqa: F401
if mode == "preloaded":  # the modules the fork server imports with the preload list of docs/performance.md
    import airflow.sdk.execution_time.task_runner, airflow.dag_processing.dagbag  # noqa: F401,E401
    import vneid_pipeline.worker_preload  # noqa: F401
held = sorted(m for m in ("pandas", "pyarrow", "psycopg", "great_expectations") if m in sys.modules)
print(json.dumps({"held": held}), flush=True)
for province in json.loads(tasks_json):
    read, write = os.pipe()
    before = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        marks = {"start": time.perf_counter()}
        os.close(read)
        try:
            import airflow.sdk.execution_time.task_runner  # noqa: F401
            from airflow.dag_processing.dagbag import BundleDagBag
            marks["runner"] = time.perf_counter()
            folder = os.environ["AIRFLOW__CORE__DAGS_FOLDER"]
            bag = BundleDagBag(dag_folder=folder + "/vneid_ingest.py", safe_mode=False, load_op_links=False,
                               bundle_path=folder, bundle_name="dags-folder")
            assert "vneid_ingest" in bag.dags, bag.import_errors
            marks["parse"] = time.perf_counter()
            from vneid_pipeline import ingest, validation
            from vneid_pipeline.settings import load_settings
            marks["imports"] = time.perf_counter()
            import great_expectations  # noqa: F401
            marks["gx import"] = time.perf_counter()
            validation.warm_up()
            marks["gx set-up"] = time.perf_counter()
            settings = load_settings()
            import datetime as dt
            outcome = ingest.ingest_province(settings, settings.campaign_id, province, dt.date.fromisoformat(day),
                                             now=dt.datetime(2025, 7, 1, tzinfo=dt.UTC))
            assert outcome.target_day.status == "accepted", outcome.target_day
            marks["data work"] = time.perf_counter()
            os.write(write, json.dumps({"before": before, **marks}).encode())
        except BaseException as error:
            os.write(write, json.dumps({"error": repr(error)}).encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        marks = json.loads(pipe.read() or '{"error": "child wrote nothing"}')
    os.waitpid(pid, 0)
    marks["end"] = time.perf_counter()
    print(json.dumps(marks), flush=True)
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def phases_of(marks: dict) -> dict[str, float]:
    if "error" in marks:
        raise RuntimeError(f"a task child failed: {marks['error']}")
    order = [("fork", "before", "start"), ("runner", "start", "runner"), ("parse", "runner", "parse"), ("imports", "parse", "imports"),
             ("gx import", "imports", "gx import"), ("gx set-up", "gx import", "gx set-up"),
             ("data work", "gx set-up", "data work"), ("total", "before", "end")]
    return {name: marks[end] - marks[begin] for name, begin, end in order}


def run_worker(mode: str, provinces: list[str], day: dt.date, env: dict) -> tuple[list[str], list[dict]]:
    result = subprocess.run([sys.executable, "-c", WORKER, mode, json.dumps(provinces), day.isoformat()],
                            capture_output=True, text=True, env=env, timeout=1800)
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        raise RuntimeError(f"{mode} worker failed ({result.returncode}):\n{result.stderr[-4000:]}")
    return lines[0]["held"], [phases_of(marks) for marks in lines[1:]]


def measure(tasks: int, day: dt.date) -> str:
    from vneid_pipeline import ingest, warehouse
    from vneid_pipeline.localpg import LocalPostgres
    from vneid_pipeline.simulator import FeedSimulator, default_tokens, serve_feed

    base_dir = Path(tempfile.mkdtemp(prefix="vneid-bench-task-pg-", dir="/tmp"))
    os.chmod(base_dir, 0o755)  # the server runs as `postgres` when we are root
    server = LocalPostgres(port=free_port(), base_dir=base_dir)
    airflow_home = Path(tempfile.mkdtemp(prefix="vneid-bench-task-airflow-"))
    publish_root = Path(tempfile.mkdtemp(prefix="vneid-bench-task-publish-"))
    feed = None
    try:
        server.start()
        simulator = FeedSimulator(CAMPAIGN, seed=2025)
        feed = serve_feed(simulator)
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(PROJECT_ROOT / "plugins"),
               "AIRFLOW_HOME": str(airflow_home), "AIRFLOW__CORE__DAGS_FOLDER": str(PROJECT_ROOT / "dags"),
               "AIRFLOW__CORE__PLUGINS_FOLDER": str(PROJECT_ROOT / "plugins"),
               "AIRFLOW__CORE__LOAD_EXAMPLES": "False", "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
               "GX_ANALYTICS_ENABLED": "False", "VNEID_CAMPAIGN": CAMPAIGN, "VNEID_SOURCE": "http",
               "VNEID_FEED_URL": feed.base_url, "VNEID_PUBLISH_ROOT": str(publish_root)}
        env.update({f"VNEID_FEED_TOKEN_{code}": token
                    for code, token in default_tokens(simulator.province_codes()).items()})
        rows, ratios = [], {}
        held_by_mode = {}
        for mode in MODES:
            uri = server.create_database(f"task_cost_{mode}", recreate=True)
            warehouse.prepare(uri)
            provinces = [p["province_code"] for p in ingest.expected_provinces(uri, CAMPAIGN)][:tasks]
            held, runs = run_worker(mode, provinces, day, {**env, "AIRFLOW_CONN_VNEID_WAREHOUSE": uri})
            held_by_mode[mode] = held
            medians = {phase: statistics.median(run[phase] for run in runs) for phase in PHASES}
            ratios[mode] = medians
            rows.append(f"| {mode} (holds {', '.join(held) or 'none of ' + '/'.join(HEAVY)}) | "
                        + " | ".join(f"{medians[phase]:.3f}" for phase in PHASES) + f" | {len(runs)} |")
        header = "| worker | " + " | ".join(PHASES) + " | tasks |\n|---|" + "---:|" * (len(PHASES) + 1)
        ratio = ratios["plain"]["total"] / ratios["preloaded"]["total"]
        overhead = {mode: ratios[mode]["total"] - ratios[mode]["data work"] for mode in MODES}
        return (f"### The cost of one province task ({day}, median of the children, seconds)\n\n{header}\n"
                + "\n".join(rows)
                + f"\n\nplain / preloaded, whole task: {ratio:.2f}x; before the data work: "
                  f"{overhead['plain']:.2f} s plain, {overhead['preloaded']:.2f} s preloaded\n")
    finally:
        if feed is not None:
            feed.shutdown()
        server.stop()
        for path in (base_dir, airflow_home, publish_root):
            shutil.rmtree(path, ignore_errors=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=6, help="province tasks forked per worker (default 6)")
    parser.add_argument("--day", type=dt.date.fromisoformat, default=dt.date(2025, 5, 6))
    args = parser.parse_args(argv)
    started = time.monotonic()
    print(measure(args.tasks, args.day))
    print(f"({time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
