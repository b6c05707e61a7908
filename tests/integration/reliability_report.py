"""Reliability figures: the fault-injection scenarios of test_faults.py, run once, as a Markdown table.

    .venv/bin/python tests/integration/reliability_report.py

Starts a throwaway PostgreSQL on a free port (data under /tmp, removed afterwards), runs each
scenario (a real SIGKILL of the loader mid-COPY and mid-merge, PostgreSQL stopped and started
mid-run, HTTP 503s and time-outs, the same days run twice, a retried task racing its first try),
and prints for each: what was injected, source rows lost, duplicates created, whether the
warehouse equals a clean run's, and loader runs that failed for another reason than the fault.
Exit status 0 when every scenario ends with nothing lost, nothing duplicated, equal checksums and
no such failure; 1 otherwise.
"""

from __future__ import annotations

import logging
import sys
import tempfile
import time
import traceback
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
for path in (PROJECT_ROOT / "plugins", PROJECT_ROOT):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import psycopg  # noqa: E402

from tests.integration import test_faults as faults  # noqa: E402

HEADER = ("scenario", "injected", "rows lost", "duplicates created", "digests equal to clean run",
          "loader runs failing for another reason")


def scenarios(server, landing: Path, work: Path):
    yield "loader killed mid-COPY", lambda: faults.kill_mid_copy(server, landing, work / "copy", prefix="report")
    yield "loader killed mid-merge", lambda: faults.kill_mid_merge(server, landing, work / "merge", prefix="report")
    yield "PostgreSQL restarted mid-run", lambda: faults.restart_mid_run(server, landing, work / "restart",
                                                                         prefix="report")
    yield "HTTP 5xx and time-outs", lambda: faults.http_faults(server, work / "http", prefix="report")
    yield "same days run twice", lambda: faults.run_day_twice(server, work / "twice", prefix="report")
    yield "retry racing its first try (merge)", lambda: faults.race_in_merge(server, landing, work / "race-merge",
                                                                               prefix="report")
    yield "retry racing its first try (landing)", lambda: faults.race_in_landing(server, landing,
                                                                                   work / "race-landing",
                                                                                   prefix="report")


def row_for(result: faults.ScenarioResult, figures: dict) -> tuple[str, ...]:
    equal = "yes" if not figures["differing_tables"] else "no: " + ", ".join(figures["differing_tables"])
    if result.clean_uri is None and not figures["differing_tables"]:
        equal = "yes (to the first run, strictly) ¹"
    lost = f"{figures['rows_lost']} of {figures['rows_expected']:,}"
    if figures["rows_extra"]:
        lost += f" (+{figures['rows_extra']} unexpected)"
    failures = "; ".join(result.unexpected_failures) or "none"
    return result.name, result.injected, lost, str(figures["duplicates"]), equal, failures


def main() -> int:
    logging.basicConfig(level=logging.ERROR)  # the pipeline's retry and quarantine warnings are expected here
    rows, clean, started = [], True, time.monotonic()
    with faults.own_server() as server, tempfile.TemporaryDirectory(prefix="vneid-reliability-") as folder:
        work = Path(folder)
        landing = faults.make_landing(work / "landing")
        with psycopg.connect(server.uri()) as conn:
            version = conn.execute("show server_version").fetchone()[0]
        for name, run in scenarios(server, landing, work):
            try:
                result = run()
                figures = result.figures()
            except Exception as error:  # report it in the table, keep going with the other scenarios
                traceback.print_exc(file=sys.stderr)
                rows.append((name, "(scenario failed)", "?", "?", "?", f"{type(error).__name__}: {error}"))
                clean = False
                continue
            rows.append(row_for(result, figures))
            clean = clean and not (figures["rows_lost"] or figures["rows_extra"] or figures["duplicates"]
                                   or figures["differing_tables"] or result.unexpected_failures)
    print(f"Fault injection on PostgreSQL {version}, campaign `{faults.CAMPAIGN}`, "
          f"report dates {faults.DAY1} and {faults.DAY} (`tests/integration/reliability_report.py`).\n")
    print("| " + " | ".join(HEADER) + " |")
    print("|" + "|".join("---" for _ in HEADER) + "|")
    for row in rows:
        print("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
    print()
    print("Rows lost: source rows (commune, section, citizen group) of each accepted province-day missing "
          "from the current revision in core, plus commune totals and accepted provinces missing from the "
          "published marts. Duplicates: a commune row twice among current revisions, two current "
          "revisions for one province-day, one revision accepted twice, one payload landed twice.")
    print("Digests: SHA-256 of every core and dq table holding report data and of every mart table, "
          "compared with a clean run in a fresh database; `payload_id` is replaced by the payload's "
          "checksum and the pipeline's own clock columns (accepted_at, decided_at, received_at, "
          "attempted_at, published_at) are left out.")
    print("Loader runs failing for another reason: a loader or retry that ended in an error other than the "
          "injected fault (the SIGKILLed process, the connection cut by the shutdown, and a task whose HTTP "
          "attempts ran out are the injected faults, not counted). In both races the warehouse still ends "
          "right (by the other loader's commit, or the retry's); the failure is a spurious failed task.")
    print("¹ Every table of raw, staging, core, dq and mart, payload ids and stamps included, is identical "
          "after the second pass, except published_at and dq.ingest_attempt.attempted_at; the published "
          "files are identical apart from their published_at column.")
    print(f"\n({time.monotonic() - started:.0f} s)", file=sys.stderr)
    return 0 if clean else 1


if __name__ == "__main__":
    sys.exit(main())
