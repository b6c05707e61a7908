"""A national day through the live scheduler against the same day through `dag.test()`, in one run.

    .venv/bin/python bench/live_scheduler.py [--start 2025-05-06] [--end 2025-05-29]

Both paths read the same landing files (the bundled simulator's reports of `hien-phap-2025`,
written once) into warehouses of their own on one throwaway PostgreSQL (LocalPostgres, /tmp):

  dag.test()  scripts/run_pipeline.py over every day (what `make run` does), each day's time as it
              prints it (ingest DAG + publish DAG)
  live        a live Airflow (plugins/vneid_pipeline/localairflow.py: scheduler with LocalExecutor
              and its fork-server preload, dag-processor, triggerer, api-server), warm: the first
              day is triggered and published first, not timed. Then
                day       the second day: from `POST /api/v2/dags/vneid_ingest/dagRuns` (logical
                          date D 15:30 +07:00) to its row in mart.national_daily
                backfill  the remaining days with `airflow backfill create` (days in order, as the
                          checks of day D read day D-1), to the last day's publication

Targets (issue 14): live day <= 4x the dag.test() day; backfill <= days x that day target. The
published figures of both warehouses are compared (mart.province_daily and mart.national_daily
without published_at). Prints Markdown.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = BENCH_DIR.parent
sys.path.insert(0, str(PROJECT_ROOT / "plugins"))

CAMPAIGN = "hien-phap-2025"
DAY_TARGET = 4.0
DAY_LINE = re.compile(r"^day \d+ of \d+ (\d{4}-\d{2}-\d{2}): .* ([0-9.]+)s$")
COMPARED = {"mart.province_daily": "report_date, province_code", "mart.national_daily": "report_date"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_date(day: dt.date) -> str:
    return f"{day.isoformat()}T15:30:00+07:00"


def published_rows(uri: str, table: str, order_by: str) -> dict[tuple, dict]:
    """The mart's rows (all columns but published_at), keyed by the order_by columns."""
    import psycopg
    from psycopg import sql
    from psycopg.rows import dict_row

    key_columns = [name.strip() for name in order_by.split(",")]
    with psycopg.connect(uri, row_factory=dict_row) as conn:
        columns = [row["column_name"] for row in conn.execute(
            "select column_name from information_schema.columns where table_schema || '.' || table_name = %s "
            "order by ordinal_position", [table]) if row["column_name"] != "published_at"]
        rows = conn.execute(sql.SQL("select {} from {}").format(
            sql.SQL(", ").join(map(sql.Identifier, columns)), sql.Identifier(*table.split(".")))).fetchall()
    return {tuple(row[name] for name in key_columns): row for row in rows}


def differences(uri_a: str, uri_b: str, table: str, order_by: str) -> list[str]:
    """Where the two warehouses' published figures differ: row key, column, both values."""
    a, b = published_rows(uri_a, table, order_by), published_rows(uri_b, table, order_by)
    found = [f"{table} {key}: only in {'dag.test()' if key in a else 'live'}" for key in sorted(set(a) ^ set(b), key=str)]
    for key in sorted(set(a) & set(b), key=str):
        found += [f"{table} {key}: {column} {a[key][column]!r} (dag.test()) vs {b[key][column]!r} (live)"
                  for column in a[key] if a[key][column] != b[key][column]]
    return found


def published_days(uri: str) -> set[dt.date]:
    import psycopg

    with psycopg.connect(uri) as conn:
        return {day for (day,) in conn.execute("select report_date from mart.national_daily where campaign_id = %s",
                                               [CAMPAIGN])}


def wait_until(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(0.5)


def wait_for_publications(uri: str, days: set[dt.date], stall_seconds: float = 300) -> tuple[set[dt.date], float]:
    """Until every day is published, or none has been for stall_seconds; returns the days never
    published and the monotonic time of the last publication seen.

    A backfill whose last Asset event triggered no publish run (seen on 2026-12-06, see
    docs/performance.md) must end the benchmark with that finding, not hang it."""
    published, progress_at = published_days(uri), time.monotonic()
    while not days <= published:
        time.sleep(1)
        now_published = published_days(uri)
        if now_published != published:
            published, progress_at = now_published, time.monotonic()
        elif time.monotonic() - progress_at > stall_seconds:
            return days - published, progress_at
    return set(), time.monotonic()


def dag_test_days(uri: str, landing: Path, work: Path, days: list[dt.date]) -> dict[dt.date, float]:
    env = {**os.environ, "AIRFLOW_CONN_VNEID_WAREHOUSE": uri, "AIRFLOW_HOME": str(work / "airflow-dag-test"),
           "VNEID_PUBLISH_ROOT": str(work / "publish-dag-test"), "PYTHONUNBUFFERED": "1"}
    log_file = work / "run_pipeline.log"
    with log_file.open("w") as out:
        result = subprocess.run([sys.executable, str(PROJECT_ROOT / "scripts" / "run_pipeline.py"), "--source", "files",
                                 "--landing", str(landing), "--start", days[0].isoformat(), "--end", days[-1].isoformat()],
                                stdout=out, stderr=subprocess.STDOUT, env=env, cwd=PROJECT_ROOT)
    if result.returncode != 0:
        raise RuntimeError(f"run_pipeline.py exited {result.returncode}; see {log_file}")
    seconds = {}
    for line in log_file.read_text().splitlines():
        match = DAY_LINE.match(line.strip())
        if match:
            seconds[dt.date.fromisoformat(match.group(1))] = float(match.group(2))
    return seconds


def live_days(server, uri: str, landing: Path, work: Path, days: list[dt.date]) -> dict[str, float]:
    from vneid_pipeline.localairflow import LocalAirflow

    metadata_uri = server.create_database("live_airflow", owner="airflow").replace(
        "postgresql://", "postgresql+psycopg2://", 1)
    env = {"AIRFLOW_CONN_VNEID_WAREHOUSE": uri, "VNEID_CAMPAIGN": CAMPAIGN, "VNEID_SOURCE": "files",
           "VNEID_LANDING_DIR": str(landing), "VNEID_PUBLISH_ROOT": str(work / "publish-live")}
    airflow = LocalAirflow(PROJECT_ROOT, home=work / "airflow-live", api_port=free_port(), extra_env=env,
                           metadata_uri=metadata_uri)
    timings: dict = {}
    try:
        started = time.monotonic()
        airflow.start(timeout=300)
        timings["start"] = time.monotonic() - started
        airflow.unpause("vneid_ingest", "vneid_publish")
        for label, day in (("warm-up", days[0]), ("day", days[1])):
            started = time.monotonic()
            airflow.api("POST", "/api/v2/dags/vneid_ingest/dagRuns",
                        {"dag_run_id": f"bench__{day}", "logical_date": run_date(day)})
            wait_until(lambda day=day: day in published_days(uri), 1800, f"the publication of {day}")
            timings[label] = time.monotonic() - started
            print(f"live {label} {day}: {timings[label]:.1f}s", file=sys.stderr, flush=True)
        if len(days) > 2:
            started = time.monotonic()
            result = airflow.cli("backfill", "create", "--dag-id", "vneid_ingest", "--from-date", run_date(days[2]),
                                 "--to-date", run_date(days[-1]), "--max-active-runs", "1")
            if result.returncode != 0:
                raise RuntimeError(f"airflow backfill create failed: {result.stderr[-2000:]}")
            unpublished, last_publication = wait_for_publications(uri, set(days))
            timings["backfill"] = last_publication - started
            timings["unpublished"] = sorted(unpublished)
            print(f"live backfill of {len(days) - 2} days: {timings['backfill']:.1f}s; never published: "
                  f"{timings['unpublished'] or 'none'}", file=sys.stderr, flush=True)
    finally:
        airflow.stop()
    return timings


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start", type=dt.date.fromisoformat, default=dt.date(2025, 5, 6))
    parser.add_argument("--end", type=dt.date.fromisoformat, default=dt.date(2025, 5, 29))
    args = parser.parse_args(argv)
    days = [args.start + dt.timedelta(days=n) for n in range((args.end - args.start).days + 1)]
    if len(days) < 2:
        parser.error("at least two days: the first warms the live Airflow up, the second is timed")

    from vneid_pipeline import warehouse
    from vneid_pipeline.localpg import LocalPostgres
    from vneid_pipeline.simulator import FeedSimulator, write_landing

    work = Path(tempfile.mkdtemp(prefix="vneid-bench-live-", dir="/tmp"))
    os.chmod(work, 0o755)
    server = LocalPostgres(port=free_port(), base_dir=work / "pg")
    server.start()
    try:
        landing = work / "landing"
        write_landing(FeedSimulator(CAMPAIGN), landing, days)
        uris = {name: server.create_database(name) for name in ("dag_test", "live")}
        for uri in uris.values():
            warehouse.prepare(uri)
        dag_test = dag_test_days(uris["dag_test"], landing, work, days)
        live = live_days(server, uris["live"], landing, work, days)
        found = [line for table, order in COMPARED.items() for line in differences(uris["dag_test"], uris["live"], table, order)]
        same = not found
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)

    day = days[1]
    day_ratio = live["day"] / dag_test[day]
    lines = ["| what | dag.test() | live scheduler | ratio | target | verdict |", "|---|---|---|---|---|---|",
             f"| one national day ({day}, 63 provinces), warm | {dag_test[day]:.1f} s | {live['day']:.1f} s | "
             f"{day_ratio:.1f}× | ≤ {DAY_TARGET:.0f}× | {'met' if day_ratio <= DAY_TARGET else 'NOT met'} |"]
    if "backfill" in live:
        backfilled = days[2:]
        reference = sum(dag_test[d] for d in backfilled)
        ratio = live["backfill"] / (len(backfilled) * dag_test[day])
        verdict = "met" if ratio <= DAY_TARGET and not live["unpublished"] else "NOT met"
        if live["unpublished"]:
            verdict += f" (never published: {', '.join(map(str, live['unpublished']))}; time to the last publication)"
        lines.append(f"| backfill of {len(backfilled)} days ({backfilled[0]} to {backfilled[-1]}) | {reference:.1f} s "
                     f"(sum of its days) | {live['backfill']:.1f} s | {ratio:.1f}× the day | ≤ {DAY_TARGET:.0f}× the day "
                     f"per day | {verdict} |")
    lines += ["", f"Live Airflow start {live['start']:.1f} s; warm-up day {days[0]} {live['warm-up']:.1f} s through the "
              f"live scheduler, {dag_test[days[0]]:.1f} s through dag.test(). Published figures of both paths "
              f"(mart.province_daily, mart.national_daily, {days[0]} to {days[-1]}): "
              f"{'identical' if same else 'DIFFERENT'}."]
    if found:
        lines += [f"{len(found)} difference(s), the first 20:", *found[:20]]
    print("\n".join(lines))
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
