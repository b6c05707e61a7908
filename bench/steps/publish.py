"""Step 7 (`publish`): a national day loaded one province after the other and by worker
processes, then published (first publication timed by phase, then again)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path

import datagen
import psycopg
from harness import CAMPAIGN, FIRST_DAY, Context, Timing, ingest_one, landing_path, log, median, table
from phases import PhaseTimer


def _pool_init() -> None:
    from vneid_pipeline import validation

    validation._suite_and_batch_definition(validation.REPORT_SUITE)


def _pool_warm(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def _pool_ingest(job: tuple[str, str, str, str, str]) -> float:
    uri, landing, code, day, publish_root = job
    started = time.perf_counter()
    ingest_one(uri, Path(landing), code, dt.date.fromisoformat(day), Path(publish_root))
    return time.perf_counter() - started


def parallel_load(ctx: Context, landing: Path, provinces: list[str], workers: int) -> float:
    """The national day loaded by `workers` processes at once, largest provinces first, as that many
    Airflow workers taking mapped province tasks would; their Great Expectations contexts are built first."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    name, uri = ctx.cluster.fresh_database("parallel")
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"), initializer=_pool_init) as pool:
            list(pool.map(_pool_warm, [1.0] * workers))
            jobs = [(uri, str(landing), code, FIRST_DAY.isoformat(), str(ctx.work / "publish-parallel")) for code in provinces]
            started = time.perf_counter()
            list(pool.map(_pool_ingest, jobs))
            return time.perf_counter() - started
    finally:
        ctx.cluster.drop_database(name)


def step_publish(ctx: Context) -> None:
    from vneid_pipeline import publish, validation

    total_communes = sum(len(c) for c in ctx.communes.values())
    per_commune = max(1, round(ctx.args.national_rows / total_communes))
    landing = ctx.work / "landing-national"
    started = time.monotonic()
    generated = {code: datagen.write_report(communes, code, len(communes) * per_commune, ctx.args.seed,
                                            landing_path(landing, code, FIRST_DAY))
                 for code, communes in sorted(ctx.communes.items())}
    national_rows = sum(g.rows for g in generated.values())
    sample = generated[ctx.province]
    log(f"generated the national day: {national_rows:,} rows for {len(generated)} provinces in "
        f"{time.monotonic() - started:.1f}s")
    started = time.perf_counter()
    validation._suite_and_batch_definition(validation.REPORT_SUITE)  # once per process; not part of the day's load
    gx_seconds = time.perf_counter() - started
    name, uri = ctx.cluster.fresh_database("national")
    ctx.national_db = (name, uri)
    per_province = []
    started = time.perf_counter()
    for code in sorted(generated):
        province_started = time.perf_counter()
        ingest_one(uri, landing, code, FIRST_DAY, ctx.work / "publish-national")
        per_province.append(time.perf_counter() - province_started)
    load_seconds = time.perf_counter() - started
    log(f"loaded the national day in {load_seconds:.1f}s")
    parallel_seconds = None
    if ctx.args.workers > 1:
        by_size = sorted(generated, key=lambda code: -generated[code].rows)
        parallel_seconds = parallel_load(ctx, landing, by_size, ctx.args.workers)
        log(f"loaded the national day with {ctx.args.workers} worker processes in {parallel_seconds:.1f}s")
    publish_root = ctx.work / "publish-national"
    timer = PhaseTimer()
    with timer.publish():
        started = time.perf_counter()
        published = publish.publish_day(uri, CAMPAIGN, FIRST_DAY, publish_root)
        first = time.perf_counter() - started
    log(f"first publish of the national day: {first:.1f}s")
    # Later publications of the day run once autovacuum has analysed the marts; do it now rather
    # than wait for it, so the repetitions are comparable.
    with psycopg.connect(uri, autocommit=True) as conn:
        conn.execute("analyze")
    runs = []
    for _ in range(ctx.args.publish_reps):
        started = time.perf_counter()
        published = publish.publish_day(uri, CAMPAIGN, FIRST_DAY, publish_root)
        runs.append(time.perf_counter() - started)
    timing = Timing(runs)
    file_bytes = sum(Path(path).stat().st_size for path in published.files)
    rows = [
        ["national day", f"{national_rows:,} rows = {total_communes:,} communes × (1 total + {per_commune - 1} "
         f"breakdowns, {sample.sections}×{sample.groups} labels), {len(generated)} provinces"],
        ["load: ingest_province × 63, one after the other", f"{load_seconds:.1f}s ({national_rows / load_seconds:,.0f}"
         f" rows/s; per province median {median(per_province):.2f}s, max {max(per_province):.2f}s; Great Expectations "
         f"context built before, {gx_seconds:.1f}s)"],
        *([[f"load with {ctx.args.workers} worker processes at once (fresh database, largest provinces first)",
            f"{parallel_seconds:.1f}s ({national_rows / parallel_seconds:,.0f} rows/s; {load_seconds / parallel_seconds:.2f}× "
            "the sequential load; PostgreSQL shares the same cores)"]] if parallel_seconds else []),
        ["publish_day, first publication of the day (as the pipeline runs it)", f"{first:.2f}s"],
        [f"publish_day again, marts analysed (median of {len(runs)})",
         f"{timing.median:.2f}s (min–max {timing.spread})"],
        ["first publish / load", f"{first / load_seconds:.2f}"],
        ["mart rows written", ", ".join(f"{mart} {count:,}" for mart, count in published.rows.items() if count)],
        ["files exported", f"{len(published.files)} files, {file_bytes / 2**20:.1f} MiB"],
    ]
    ctx.report.section(
        "7. Publishing a full national day vs loading it",
        table(["measure", "value"], rows)
        + f"\n\nWhere the time goes in the first publication ({first:.1f}s):\n\n" + timer.table(first, top=8))
    ctx.report.target("publish a national day faster than loading it (first publication)",
                      f"{first:.1f}s vs {load_seconds:.1f}s", "publish < load", first < load_seconds)
    shutil.rmtree(landing, ignore_errors=True)
