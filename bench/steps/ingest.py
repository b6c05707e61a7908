"""Steps 3, 3b, 5 and 6 (`ingest`, `steady`, `scaling`, `rss`): whole province ingests, each in a
fresh child process on a fresh database, and the child's side (`--child-ingest`)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
import time
from pathlib import Path

from harness import FIRST_DAY, Context, Timing, fmt_rate, fmt_s, generate, ingest_one, landing_path, log, median, run_child, status_mib, table
from phases import PhaseTimer

LINEAR_TOLERANCE = 1.2  # time per row at the largest size / at 1x
RSS_LIMIT_MIB = 1024


def ingest_in_child(ctx: Context, landing: Path, day: dt.date, label: str,
                    warm_days: tuple[dt.date, ...] = ()) -> dict:
    """One whole province ingest, timed inside a fresh process on a fresh database.

    A fresh process per ingest is what an Airflow worker gives each task, and it keeps the
    benchmark's own heap (the parsed reports of the other steps) out of the measurement.
    """
    with ctx.cluster.database(label) as uri:
        answer, wall = run_child("--child-ingest", {
            "uri": uri, "landing": str(landing), "province": ctx.province, "day": day.isoformat(),
            "warm_days": [d.isoformat() for d in warm_days]}, ctx.work / f"child-{label}.log")
    answer["wall"] = wall
    return answer


def step_ingest(ctx: Context) -> None:
    rows = ctx.main.rows
    answers = []
    for rep in range(ctx.args.ingest_reps):
        answers.append(ingest_in_child(ctx, ctx.landing, FIRST_DAY, "ingest"))
        log(f"whole ingest {rep + 1}/{ctx.args.ingest_reps}: {answers[-1]['seconds']:.1f}s "
            f"(peak RSS {answers[-1]['vm_hwm_mib']:,.0f} MiB)")
    ctx.ingest_answers = answers
    ctx.ingest_timing = Timing([answer["seconds"] for answer in answers])
    ctx.load_rows.append(["3. our whole province ingest", "`ingest.ingest_province` (files source): read, land raw, "
                          "parse, validate (GE), quality checks, COPY, merge into core; fresh database and fresh "
                          "process each time, Great Expectations context built before the clock starts",
                          len(answers), fmt_s(ctx.ingest_timing.median), ctx.ingest_timing.spread,
                          fmt_rate(rows / ctx.ingest_timing.median), None])
    gx = median([answer["gx_seconds"] for answer in answers])
    ctx.deferred.append((
        f"3a. Where the time goes in one whole province ingest ({rows:,} rows, median of {len(answers)})",
        PhaseTimer().table(ctx.ingest_timing.median, [answer["phases"] for answer in answers])
        + f"\n\nNot in the times above, once per process: importing Great Expectations and building its context, "
        f"{gx:.2f}s (an Airflow worker pays it in every task process)."))


def step_steady(ctx: Context) -> None:
    """Day 2 of a campaign: the previous day's rows are in core (regression and outlier checks read
    them) and the re-check window lands day 1's file again (an unchanged payload)."""
    rows = ctx.main.rows
    next_day = FIRST_DAY + dt.timedelta(days=1)
    target = landing_path(ctx.landing, ctx.province, next_day)
    shutil.copyfile(landing_path(ctx.landing, ctx.province, FIRST_DAY), target)
    try:
        answer = ingest_in_child(ctx, ctx.landing, next_day, "steady", warm_days=(FIRST_DAY,))
    finally:
        target.unlink()
    seconds = answer["seconds"]
    top = sorted(answer["phases"].items(), key=lambda item: -item[1])[:4]
    ctx.load_rows.append(["3b. whole ingest, next day", "the same file as day 2 (day 1 loaded first, not timed): "
                          "previous day's rows in core (regressions, outliers), day 1 re-checked (landed again, "
                          "unchanged); slowest: " + ", ".join(f"{name} {value:.1f}s" for name, value in top),
                          1, fmt_s(seconds), "-", fmt_rate(rows / seconds), None])
    log(f"steady-state ingest: {seconds:.1f}s")


def step_scaling(ctx: Context) -> None:
    base = ctx.args.base_rows
    results = []
    for scale in ctx.args.scales:
        rows = base * scale
        if ctx.ingest_timing and ctx.main and rows == ctx.main.rows:
            results.append((scale, rows, ctx.ingest_timing, "step 3"))
            continue
        generated, landing = generate(ctx, rows, f"scale{scale}", with_staging=False)
        runs = [ingest_in_child(ctx, landing, FIRST_DAY, f"scale{scale}")["seconds"]
                for _ in range(ctx.args.ingest_reps)]
        shutil.rmtree(landing, ignore_errors=True)
        results.append((scale, generated.rows, Timing(runs), "measured"))
        log(f"scaling {scale}x ({generated.rows:,} rows): {median(runs):.1f}s")
    first = results[0][2].median / results[0][1]
    rows = [[f"{scale}×", f"{count:,}", len(timing.runs), fmt_s(timing.median), timing.spread,
             fmt_rate(count / timing.median), f"{timing.median / count * 1e6:.1f}",
             f"{(timing.median / count) / first:.2f}", source] for scale, count, timing, source in results]
    last_scale, _, last_timing, _ = results[-1]
    ratio = (last_timing.median / results[-1][1]) / first
    verdict = ("better than linear" if ratio < 0.9 else "linear" if ratio <= LINEAR_TOLERANCE else "worse than linear")
    ctx.report.section(
        f"5. Scaling of the whole province ingest (base {base:,} rows)",
        table(["scale", "rows", "runs", "median s", "min–max s", "rows/s", "µs per row", "time/row vs 1×", "from"],
              rows)
        + f"\n\nTime per row at {last_scale}× is {ratio:.2f}× the time per row at 1×: **{verdict}** "
        f"(linear means ≤ {LINEAR_TOLERANCE}; below 1 the fixed cost per report is being amortised).")
    ctx.report.target(f"whole ingest scales linearly ({last_scale}× vs 1×, time per row)", f"{ratio:.2f}",
                      f"≤ {LINEAR_TOLERANCE}", ratio <= LINEAR_TOLERANCE)


def step_rss(ctx: Context) -> None:
    rows = ctx.main.rows
    answers = ctx.ingest_answers or [ingest_in_child(ctx, ctx.landing, FIRST_DAY, "rss")]
    peaks = [answer["vm_hwm_mib"] for answer in answers]
    peak = max(peaks)
    first = answers[0]
    ctx.report.section(
        f"6. Peak memory of the whole province ingest ({rows:,} rows, child process)",
        table(["measure", "value"], [
            [f"peak RSS (VmHWM of the child's /proc/self/status), max of {len(peaks)} child process(es)",
             f"{peak:,.0f} MiB (each: {', '.join(f'{value:,.0f}' for value in peaks)})"],
            ["RSS after importing vneid_pipeline.ingest (VmRSS)", f"{first['baseline_rss_mib']:,.0f} MiB"],
            ["RSS after importing Great Expectations and building its context (VmRSS)",
             f"{first['gx_rss_mib']:,.0f} MiB"],
            ["CSV size", f"{ctx.main.report_bytes / 2**20:.1f} MiB"],
            ["in the child: import vneid_pipeline.ingest", f"{first['import_seconds']:.2f}s"],
            ["in the child: import Great Expectations + build its context", f"{first['gx_seconds']:.2f}s"],
            ["in the child: ingest_province", f"{first['seconds']:.1f}s"],
            ["child process wall time (interpreter start, imports, ingest)", f"{first['wall']:.1f}s"],
            ["target", f"< {RSS_LIMIT_MIB} MiB"],
        ]) + "\n\nVmHWM is the child's own high-water mark; `ru_maxrss` from `wait4` is not used because it also "
        "counts the benchmark's address space, which the child shares between vfork and exec.")
    ctx.report.target(f"peak RSS of the whole ingest at {rows:,} rows (VmHWM)", f"{peak:,.0f} MiB",
                      f"< {RSS_LIMIT_MIB} MiB", peak < RSS_LIMIT_MIB)


def child_ingest(spec: dict) -> None:
    started = time.perf_counter()
    from vneid_pipeline import validation

    baseline = status_mib("VmRSS")
    import_seconds = time.perf_counter() - started
    started = time.perf_counter()
    validation._suite_and_batch_definition(validation.REPORT_SUITE)  # imports Great Expectations, builds its context
    gx_seconds = time.perf_counter() - started
    gx_rss = status_mib("VmRSS")
    landing, unused = Path(spec["landing"]), Path(tempfile.gettempdir()) / "vneid-bench-unused"
    for day in spec.get("warm_days", []):
        ingest_one(spec["uri"], landing, spec["province"], dt.date.fromisoformat(day), unused)
    timer = PhaseTimer()
    with timer.ingest():
        started = time.perf_counter()
        ingest_one(spec["uri"], landing, spec["province"], dt.date.fromisoformat(spec["day"]), unused)
        seconds = time.perf_counter() - started
    print("BENCH-RESULT " + json.dumps({
        "seconds": seconds, "phases": timer.seconds, "import_seconds": import_seconds, "gx_seconds": gx_seconds,
        "baseline_rss_mib": baseline, "gx_rss_mib": gx_rss, "vm_hwm_mib": status_mib("VmHWM")}))
