"""Step 9 (`airflow`): scripts/run_pipeline.py against the same data work without Airflow (the
child's side: `--child-datawork`)."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from harness import CAMPAIGN, PROJECT_ROOT, Context, fmt_s, run_child, settings_for, table

DAY_LINE = re.compile(r"^day (\d+) of \d+ (\d{4}-\d{2}-\d{2}): (.*) \[(.*)\] ([0-9.]+)s$")


def step_airflow(ctx: Context) -> None:
    from vneid_pipeline.simulator import FeedSimulator, write_landing

    start, end = ctx.args.airflow_start, ctx.args.airflow_end
    days = [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
    landing = ctx.work / "landing-simulator"
    write_landing(FeedSimulator(CAMPAIGN, seed=ctx.args.seed), landing, days)
    airflow_home = ctx.work / "airflow-home"
    airflow_home.mkdir()
    with ctx.cluster.database("airflow") as uri:
        env = {**os.environ, "AIRFLOW_CONN_VNEID_WAREHOUSE": uri, "AIRFLOW_HOME": str(airflow_home),
               "VNEID_PUBLISH_ROOT": str(ctx.work / "publish-airflow"), "PYTHONUNBUFFERED": "1"}
        log_file = ctx.work / "run_pipeline.log"
        started = time.perf_counter()
        with log_file.open("w") as out:
            result = subprocess.run([sys.executable, str(PROJECT_ROOT / "scripts" / "run_pipeline.py"),
                                     "--source", "files", "--landing", str(landing),
                                     "--start", start.isoformat(), "--end", end.isoformat()],
                                    stdout=out, stderr=subprocess.STDOUT, env=env, cwd=PROJECT_ROOT)
        airflow_total = time.perf_counter() - started
    output = log_file.read_text()
    if result.returncode != 0:
        raise RuntimeError(f"run_pipeline.py exited {result.returncode}; see {log_file}:\n{output[-3000:]}")
    airflow_days = {}
    for line in output.splitlines():
        match = DAY_LINE.match(line.strip())
        if match:
            airflow_days[match.group(2)] = (float(match.group(5)), match.group(3))
    with ctx.cluster.database("datawork") as uri:
        answer, data_wall = run_child("--child-datawork", {
            "uri": uri, "landing": str(landing), "publish_root": str(ctx.work / "publish-datawork"),
            "days": [d.isoformat() for d in days]}, ctx.work / "child-datawork.log")
    rows = []
    for day in days:
        key = day.isoformat()
        airflow_seconds, outcome = airflow_days.get(key, (None, "?"))
        data = answer["days"][key]
        overhead = None if airflow_seconds is None else airflow_seconds - data["total"]
        rows.append([key, outcome, fmt_s(airflow_seconds), fmt_s(data["ingest"]), fmt_s(data["publish"]),
                     fmt_s(data["total"]), fmt_s(overhead),
                     "-" if overhead is None else f"{overhead / airflow_seconds:.0%}"])
    day_sum = sum(seconds for seconds, _ in airflow_days.values())
    startup = airflow_total - day_sum
    data_startup = data_wall - sum(d["total"] for d in answer["days"].values())
    ctx.report.section(
        f"9. Where the time goes in the campaign run ({start} to {end}, simulator data as files, "
        f"{answer['rows_per_day']:,} commune rows a day)",
        table(["day", "outcome (run_pipeline)", "Airflow day s", "data: ingest s", "data: publish s",
               "data: total s", "Airflow overhead s", "overhead share"], rows)
        + f"\n\n`scripts/run_pipeline.py` (both DAGs through `dag.test()`, SQLite metadata) took {airflow_total:.1f}s "
        f"in all: {day_sum:.1f}s in the days above and {startup:.1f}s before them (interpreter, imports, warehouse "
        f"prepare, `airflow db migrate`, DAG parse). The data work alone (`ingest_province` for every province then "
        f"`publish_day`, no Airflow) ran in a child process of {data_wall:.1f}s, of which {data_startup:.1f}s "
        "start-up and imports. Overhead = Airflow day − data total.")


def child_datawork(spec: dict) -> None:
    from vneid_pipeline import ingest, publish

    uri, landing = spec["uri"], Path(spec["landing"])
    settings = settings_for(uri, landing, Path(spec["publish_root"]))
    results, rows_per_day = {}, 0
    provinces = [p["province_code"] for p in ingest.expected_provinces(uri, CAMPAIGN)]
    for text in spec["days"]:
        day = dt.date.fromisoformat(text)
        since = dt.datetime.now(dt.UTC)
        started = time.perf_counter()
        rows = 0
        for code in provinces:
            outcome = ingest.ingest_province(settings, CAMPAIGN, code, day)
            rows += outcome.target_day.rows
        ingest_seconds = time.perf_counter() - started
        for publish_date in ingest.days_to_publish(uri, CAMPAIGN, day, since):
            publish.publish_day(uri, CAMPAIGN, publish_date, settings.publish_root)
        total = time.perf_counter() - started
        rows_per_day = max(rows_per_day, rows)
        results[text] = {"ingest": ingest_seconds, "publish": total - ingest_seconds, "total": total}
    print("BENCH-RESULT " + json.dumps({"days": results, "rows_per_day": rows_per_day}))
