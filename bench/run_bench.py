"""Benchmarks of the VNeID pipeline against baselines measured in the same run, on the same data.

    .venv/bin/python bench/run_bench.py [--quick] [--rows N] [--skip STEP,...] [--only STEP,...]

It starts a throwaway PostgreSQL (the project's LocalPostgres, on a free 127.0.0.1 port, data in a
/tmp directory), prepares a template warehouse, generates one province's breakdown report
(`bench/datagen.py`, deterministic) and measures, printing one Markdown table per section:

  copy     1. raw COPY: `psql \\copy` of the rows into a plain table (the limit); with it 3c, the
              merge statement alone on the server, and 3d, the same into a table without key or index
  load     2. our load step: ingest._copy_rows into staging.commune_report, in a transaction
  ingest   3. our whole province ingest: ingest.ingest_province from a landing folder, fresh database
  steady      the same on the next day (previous day in core, re-check window)
  to_sql   4. pandas DataFrame.to_sql over SQLAlchemy 2 + psycopg 3 (the naive peer)
  scaling  5. whole-ingest time at 1x, 4x, 16x of a base size
  rss      6. peak RSS of the whole ingest in a child process
  publish  7. publish.publish_day after loading a national day (63 provinces; also loaded by --workers processes)
  queries  8. BI query latency over 30 days of marts
  airflow  9. scripts/run_pipeline.py against the same data work without Airflow

Each step lives in bench/steps/ (load: 1-4 and their table; ingest: 3, 3b, 5, 6; publish: 7;
queries: 8; airflow: 9); what they share (the PostgreSQL cluster and its template, the data, timings,
tables, the report, child processes) is in bench/harness.py, and the per-phase timer of 3a and 7 in
bench/phases.py. This file is the entry point: arguments, the machine, the order of the steps.

The report is also written to bench/out/latest.md. `--quick` is a small run (about a minute); the full
run takes about 7 minutes on the 2-core reference machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = BENCH_DIR.parent
sys.path.insert(0, str(PROJECT_ROOT / "plugins"))
sys.path.insert(0, str(BENCH_DIR))

import psycopg  # noqa: E402
from harness import Cluster, Context, Report, bench_sql, communes_by_province, generate, log, table  # noqa: E402
from steps import airflow, ingest, load, publish, queries  # noqa: E402

STEPS = ("copy", "load", "ingest", "steady", "to_sql", "scaling", "rss", "publish", "queries", "airflow")


# --- main ---------------------------------------------------------------------------------------------


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="small run (~2 min): 100k rows, scaling 1x/4x of 25k, 20 query iterations, no step 9")
    parser.add_argument("--rows", type=int, default=None, help="rows of the province report (default 1,000,000)")
    parser.add_argument("--base-rows", type=int, default=None, help="scaling base (default 62,500)")
    parser.add_argument("--scales", type=lambda text: [int(s) for s in text.split(",")], default=None,
                        help="scaling factors, comma separated (default 1,4,16)")
    parser.add_argument("--national-rows", type=int, default=None, help="rows of the national day (default 500,000)")
    parser.add_argument("--to-sql-rows", type=int, default=None, help="to_sql input limit (default 100,000)")
    parser.add_argument("--reps", type=int, default=None, help="repetitions of the COPY and load steps (default 5)")
    parser.add_argument("--ingest-reps", type=int, default=None, help="repetitions of whole ingests (default 3)")
    parser.add_argument("--publish-reps", type=int, default=3)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="processes for the parallel national load in step 7 (default: the CPU count; 1 skips it)")
    parser.add_argument("--query-iterations", type=int, default=None, help="per query (default 100)")
    parser.add_argument("--history-days", type=int, default=30)
    parser.add_argument("--airflow-start", type=dt.date.fromisoformat, default=dt.date(2025, 5, 6))
    parser.add_argument("--airflow-end", type=dt.date.fromisoformat, default=dt.date(2025, 5, 8))
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--province", default=None, help="default: the province with the most communes")
    parser.add_argument("--skip", default="", help=f"comma-separated steps to skip: {','.join(STEPS)}")
    parser.add_argument("--only", default="", help="comma-separated steps to run (the others are skipped)")
    parser.add_argument("--out", type=Path, default=BENCH_DIR / "out" / "latest.md")
    parser.add_argument("--keep", action="store_true", help="keep the temporary PostgreSQL and files")
    args = parser.parse_args(argv)
    quick = args.quick
    defaults = {"rows": 100_000 if quick else 1_000_000, "base_rows": 25_000 if quick else 62_500,
                "scales": [1, 4] if quick else [1, 4, 16], "national_rows": 50_000 if quick else 500_000,
                "to_sql_rows": 50_000 if quick else 100_000, "reps": 3 if quick else 5,
                "ingest_reps": 2 if quick else 3, "query_iterations": 20 if quick else 100}
    for name, value in defaults.items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    skip = {s for s in args.skip.split(",") if s}
    only = {s for s in args.only.split(",") if s}
    unknown = (skip | only) - set(STEPS)
    if unknown:
        parser.error(f"unknown step(s) {', '.join(sorted(unknown))}; steps are {', '.join(STEPS)}")
    if quick:
        skip.add("airflow")
    args.steps = [step for step in STEPS if step not in skip and (not only or step in only)]
    return args


def cpu_speed_probe() -> float:
    """Seconds for a fixed pure-Python loop (best of 5). The reference machine is a shared VM whose
    speed drifts by 2x or more within an hour; printed beside the results, the probes tell a slow
    run from a slow machine."""
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        sum(number * number for number in range(3_000_000))
        timings.append(time.perf_counter() - started)
    return min(timings)


def memory_speed_probe() -> float:
    """Seconds to build a dict of a million float keys, sort them and look a third of them up (best
    of 3): a working set of about 100 MiB, like the pipeline's heaps, which the tight loop of
    `cpu_speed_probe` does not touch (a neighbour thrashing the caches slows this one, not that one)."""
    generator = random.Random(1)
    keys = [generator.random() for _ in range(1_000_000)]
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        positions = {key: position for position, key in enumerate(keys)}
        ordered = sorted(keys)
        sum(positions[key] for key in ordered[::3])
        timings.append(time.perf_counter() - started)
    return min(timings)


def machine_lines(cluster: Cluster) -> list[list[str]]:
    def run(command: list[str]) -> str:
        try:
            return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return "?"

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "?")
    memory = run(["free", "-g"]).splitlines()
    return [["`nproc`", run(["nproc"])], ["CPU", cpu],
            ["speed probes (compare runs with them): a pure-Python loop; a 100 MiB dict and sort",
             f"{cpu_speed_probe() * 1000:.0f} ms; {memory_speed_probe() * 1000:.0f} ms"],
            ["`free -g` (Mem: total used free shared buff/cache available)",
             " ".join(memory[1].split()[1:]) if len(memory) > 1 else "?"],
            ["PostgreSQL server", f"{cluster.version()} (LocalPostgres: {cluster.settings_summary()})"],
            ["Python", f"{platform.python_version()} ({platform.platform()})"]]


def main(argv: list[str]) -> int:
    if argv and argv[0] in ("--child-ingest", "--child-datawork"):
        (ingest.child_ingest if argv[0] == "--child-ingest" else airflow.child_datawork)(json.loads(argv[1]))
        return 0
    args = parse_args(argv)
    report = Report()
    work = Path(tempfile.mkdtemp(prefix="vneid-bench-work-", dir="/tmp"))
    os.chmod(work, 0o755)
    cluster = Cluster(keep=args.keep)
    started = time.monotonic()
    try:
        cluster.start()
        communes = communes_by_province()
        province = args.province or max(sorted(communes), key=lambda code: len(communes[code]))
        ctx = Context(args, cluster, work, report, communes, province)
        mode = "quick" if args.quick else "full"
        now = dt.datetime.now().astimezone()
        report.parts.append(f"# VNeID pipeline benchmark ({mode} mode, {now:%Y-%m-%d %H:%M %Z})\n")
        print(report.parts[0])
        report.section("Machine", table(["", ""], machine_lines(cluster)) + f"\n\nSteps run: {', '.join(args.steps)}; "
                       f"command: `bench/run_bench.py {' '.join(argv)}`")
        needs_main = {"copy", "load", "ingest", "steady", "to_sql", "rss"} & set(args.steps) or (
            "scaling" in args.steps and args.rows in [args.base_rows * s for s in args.scales])
        if needs_main:
            ctx.main, ctx.landing = generate(ctx, args.rows, "main", with_staging=True)
        if {"copy", "load", "to_sql"} & set(args.steps):
            with cluster.database("copy") as uri:
                with psycopg.connect(uri, autocommit=True) as conn:
                    conn.execute(bench_sql("create_baseline_tables.sql"))
                if {"copy", "load"} & set(args.steps):
                    load.step_copy_and_load(ctx, uri, "copy" in args.steps, "load" in args.steps)
                if "to_sql" in args.steps:
                    load.step_to_sql(ctx, uri)
        if "ingest" in args.steps:
            ingest.step_ingest(ctx)
        if "steady" in args.steps:
            ingest.step_steady(ctx)
        if ctx.load_rows:
            load.emit_load_table(ctx)
        for title, body in ctx.deferred:
            report.section(title, body)
        load.report_targets(ctx)
        if "scaling" in args.steps:
            ingest.step_scaling(ctx)
        if "rss" in args.steps:
            ingest.step_rss(ctx)
        if "publish" in args.steps:
            publish.step_publish(ctx)
        if "queries" in args.steps:
            queries.step_queries(ctx)
        if "airflow" in args.steps:
            airflow.step_airflow(ctx)
        report.section("Summary of targets", report.summary()
                       + f"\n\nBenchmark wall time {time.monotonic() - started:.0f}s.")
    finally:
        cluster.close()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            log(f"kept {work} and {cluster.base_dir}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(report.parts), encoding="utf-8")
    log(f"report written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
