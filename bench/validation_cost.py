"""What each run-time patch of Great Expectations was worth to `validation.validate_report`.

    .venv/bin/python bench/validation_cost.py [--baseline /tmp/baseline/plugins] [--rounds 3] [--reps 30]

Two worker processes, one importing the package of this checkout (`plugins/`), the other the
baseline's (`--baseline`, a checkout of 53e376f, whose validation.py sets `HASH_THRESHOLD`, memoises
`Expectation.configuration` and reuses metric graphs). Each builds the simulator's reports
(hien-phap-2025, commune totals) and, in rounds that alternate between the two processes, times:

  valid    one typical report (province 04, 161 rows) that passes the suite, median of --reps
  invalid  the same report with one row breaking participated_le_eligible (a second, detailed pass)
  day      the 63 reports of one campaign day, one after the other (a new day each round)

The baseline process times its code with all three patches, with each one switched off alone, and
with none (variants interleaved within a round). The current process times its code as it is and,
for comparison only, with Great Expectations' batch fingerprint switched off as the baseline did
(`hash off`), and the two passes against a single detailed one (`boolean pass`, `detailed pass`).
Ratios are against the baseline with all its patches, measured in the same round; "% of a day"
is the day's extra validation time over a `make run` day of --day-seconds (dag.test(), 63 provinces).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
CAMPAIGN = "hien-phap-2025"
TYPICAL_PROVINCE = "04"
FIRST_DAY = dt.date(2025, 5, 7)


# ------------------------------------------------------------------------------------------ worker


def _reports(day: dt.date, provinces=None, damage: bool = False) -> list:
    from vneid_pipeline import reference
    from vneid_pipeline.parsing import parse_report
    from vneid_pipeline.simulator import FeedSimulator
    from vneid_pipeline.sources import ReceivedReport
    from vneid_pipeline.validation import ExpectedReport

    simulator = FeedSimulator(CAMPAIGN)
    campaign = reference.campaign(CAMPAIGN)
    version = reference.version_of(campaign)
    days = tuple(d.isoformat() for d in campaign.days())
    found = []
    for province in provinces or simulator.province_codes():
        document = simulator.report(province, day)
        if damage:
            broken = document["rows"][len(document["rows"]) // 2]
            broken["participated"] = broken["eligible"] + 1
        received = ReceivedReport(CAMPAIGN, province, day, "http", "bench", "json", json.dumps(document).encode(), None)
        communes = tuple(unit.unit_code for unit in version.communes_of(province))
        found.append((parse_report(received), ExpectedReport(CAMPAIGN, province, day.isoformat(), days, communes)))
    return found


def _baseline_variants():
    """The baseline's three patches, each switched off alone, and all of them."""
    from great_expectations.execution_engine import pandas_execution_engine

    from vneid_pipeline import validation

    built_once = validation._configurations_built_once

    def variant(hashing: bool, configuration: bool, graphs: bool):
        def apply():
            pandas_execution_engine.HASH_THRESHOLD = 0 if hashing else 1e9
            validation._configurations_built_once = built_once if configuration else contextlib.nullcontext
            validation.REUSE_METRIC_GRAPHS = graphs
        return apply

    return {"baseline (3 patches)": variant(True, True, True),
            "baseline - HASH_THRESHOLD": variant(False, True, True),
            "baseline - configuration memo": variant(True, False, True),
            "baseline - metric graph reuse": variant(True, True, False),
            "baseline, no patch": variant(False, False, False)}


def _current_variants():
    """This checkout's code with gx_speedups (if it has them) on and off, and with the batch fingerprint off."""
    import importlib.util

    from great_expectations.execution_engine import pandas_execution_engine

    speedups = importlib.import_module("vneid_pipeline.gx_speedups") if importlib.util.find_spec(
        "vneid_pipeline.gx_speedups") else None
    default = pandas_execution_engine.HASH_THRESHOLD

    def variant(enabled: bool, threshold):
        def apply():
            pandas_execution_engine.HASH_THRESHOLD = threshold
            if speedups is not None:
                speedups.ENABLED = enabled
        return apply

    found = {"current": variant(True, default), "current, hash off": variant(True, 0)}
    if speedups is not None:
        found["current, plain path"] = variant(False, default)
    return found


def _timed(function, reps: int) -> list[float]:
    times = []
    for _ in range(reps):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return times


def _passes(valid) -> dict[str, list[float]]:
    """The current code's two result formats on the valid report: does the boolean pass still pay?"""
    from vneid_pipeline import validation

    parsed, expected = valid
    frame = parsed.rows.assign(campaign_id=parsed.campaign_id, province_code=parsed.province_code,
                               report_date=parsed.report_date)
    parameters = {"expected_campaign_id": [expected.campaign_id], "expected_province_code": [expected.province_code],
                  "expected_report_date": [expected.report_date], "campaign_days": list(expected.campaign_days),
                  "commune_codes": list(expected.commune_codes)}
    suite, batch_definition = validation._suite_and_batch_definition(validation.REPORT_SUITE)
    batch = batch_definition.get_batch(batch_parameters={"dataframe": frame})
    formats = {"boolean pass": "BOOLEAN_ONLY",
               "detailed pass": {"result_format": "COMPLETE", "unexpected_index_column_names": ["row_number"]}}
    return {name: _timed(lambda f=f: batch.validate(suite, expectation_parameters=parameters, result_format=f), 5)
            for name, f in formats.items()}


def worker(side: str) -> None:
    from vneid_pipeline import validation

    valid = _reports(FIRST_DAY, [TYPICAL_PROVINCE])[0]
    invalid = _reports(FIRST_DAY, [TYPICAL_PROVINCE], damage=True)[0]
    variants = _baseline_variants() if side == "baseline" else _current_variants()
    for apply in variants.values():  # the first validation of a process pays for the context
        apply()
        assert validation.validate_report(*valid).success and not validation.validate_report(*invalid).success
    print(json.dumps({"ready": list(variants)}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        day_reports = _reports(dt.date.fromisoformat(request["day"]))
        names = list(variants)
        shift = request["round"] % len(names)
        answer = {}
        for name in names[shift:] + names[:shift]:
            variants[name]()
            answer[name] = {
                "valid": _timed(lambda: validation.validate_report(*valid), request["reps"]),
                "invalid": _timed(lambda: validation.validate_report(*invalid), max(3, request["reps"] // 3)),
                "day": [sum(_timed(lambda r=r: validation.validate_report(*r), 1)[0] for r in day_reports)],
            }
        if side == "current":
            next(iter(variants.values()))()
            answer.update({name: {"valid": times} for name, times in _passes(valid).items()})
        print(json.dumps(answer), flush=True)


# ------------------------------------------------------------------------------------------ main


def start_worker(side: str, plugins: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(plugins), GX_ANALYTICS_ENABLED="False")
    process = subprocess.Popen([sys.executable, __file__, "--worker", side], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True, env=env, cwd=plugins.parent)
    ready = json.loads(process.stdout.readline())
    print(f"{side} worker ({plugins}) ready: {', '.join(ready['ready'])}", file=sys.stderr)
    return process


def ask(process: subprocess.Popen, request: dict) -> dict:
    process.stdin.write(json.dumps(request) + "\n")
    process.stdin.flush()
    return json.loads(process.stdout.readline())


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", choices=["baseline", "current"])
    parser.add_argument("--baseline", type=Path, default=Path("/tmp/baseline/plugins"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--reps", type=int, default=30)
    parser.add_argument("--day-seconds", type=float, default=16.5)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker)
        return 0
    workers = {"baseline": start_worker("baseline", args.baseline),
               "current": start_worker("current", PROJECT_ROOT / "plugins")}
    rounds: list[dict] = []
    for number in range(args.rounds):
        request = {"round": number, "reps": args.reps, "day": (FIRST_DAY + dt.timedelta(days=number)).isoformat()}
        answer = {}
        for side in (["baseline", "current"] if number % 2 == 0 else ["current", "baseline"]):
            answer.update(ask(workers[side], request))
        rounds.append(answer)
        print(f"round {number + 1}/{args.rounds} done ({request['day']})", file=sys.stderr)
    for process in workers.values():
        process.stdin.close()
        process.wait()

    reference = "baseline (3 patches)"
    print(f"Per-report validation time (median ms; ratio to {reference!r} in the same round, median over "
          f"{args.rounds} rounds), and a day's extra time as % of a {args.day_seconds} s make-run day\n")
    print("| variant | valid report | ratio | invalid report | ratio | 63 reports of a day | ratio | extra % of a day |")
    print("|---|---|---|---|---|---|---|---|")
    for name in rounds[0]:
        cells = [name]
        for measure in ("valid", "invalid", "day"):
            if measure not in rounds[0][name]:
                cells += ["", ""]
                continue
            medians = [statistics.median(r[name][measure]) for r in rounds]
            ratios = [statistics.median(r[name][measure]) / statistics.median(r[reference][measure]) for r in rounds]
            scale = 1 if measure == "day" else 1000
            unit = " s" if measure == "day" else " ms"
            cells += [f"{statistics.median(medians) * scale:.{2 if measure == 'day' else 1}f}{unit}",
                      f"{statistics.median(ratios):.2f} ({min(ratios):.2f}-{max(ratios):.2f})"]
        if "day" in rounds[0][name]:
            extra = [r[name]["day"][0] - r[reference]["day"][0] for r in rounds]
            cells.append(f"{statistics.median(extra) / args.day_seconds * 100:+.1f}%")
        else:
            cells.append("")
        print("| " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
