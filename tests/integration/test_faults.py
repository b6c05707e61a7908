"""Fault injection: the loader SIGKILLed mid-COPY and mid-merge, PostgreSQL restarted mid-run, HTTP
5xx and time-outs, a day run twice, and a retried task racing its still-running first try.

After the retries the warehouse must equal a clean run's: every table that holds report data
(core facts, dq fates and findings, every mart) is compared by checksum with a run in another
fresh database that saw no fault. Rows lost (source rows missing from core or from the marts) and
duplicates created must both be 0.

Compared across two databases, a table is stripped of what cannot be equal: the timestamps the
pipeline stamps itself (`accepted_at`, `decided_at`, `received_at`, `attempted_at`, `published_at`)
and the surrogate `payload_id`, replaced by the payload's SHA-256 (identity values are consumed by
every landing attempt, so a killed and resumed run numbers its payloads differently).

The scenarios are plain functions, so `tests/integration/reliability_report.py` reruns exactly
these and prints the figures.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import datetime as dt
import hashlib
import itertools
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from vneid_pipeline import ingest, publish, sources, warehouse
from vneid_pipeline.localpg import LocalPostgres
from vneid_pipeline.simulator import Fault, FeedSimulator, default_tokens, serve_feed, write_landing

from . import fault_worker
from .helpers import settings_for, table_digest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).with_name("fault_worker.py")
CAMPAIGN = "hien-phap-2025"
DAY1, DAY = dt.date(2025, 5, 15), dt.date(2025, 5, 16)
BIG = "30"  # its DAY report carries breakdown rows: 207 communes x (1 + 40 sections x 12 groups)
SECTIONS, GROUPS = 40, 12
LANDING_PROVINCES = ["01", "02", "04", "31", BIG]
KILL_PROVINCES = ["31", BIG]  # a small province commits first, then the big one is killed
RESTART_PROVINCES = ["01", "02", "04", "31", BIG]  # the big one last: the run cannot end before the restart
HTTP_PROVINCES = ["01", "30", "31"]
HTTP_FAULTS = {
    ("30", DAY): Fault("server_error", count=2),  # two 503s, the third attempt succeeds
    ("31", DAY): Fault("timeout", count=1, delay_seconds=2),  # 2 s silence against a 1 s time-out
    ("01", DAY): Fault("server_error", count=4),  # outlasts 3 attempts: the task fails and is retried
}
TWICE_PROVINCES = ["01", "02", "04", "31"]
PIPELINE_CLOCK = ("accepted_at", "decided_at", "received_at", "attempted_at", "published_at")
POLL_INTERVAL = 0.002
_worker_numbers = itertools.count(1)


class ScenarioError(RuntimeError):
    """A scenario could not inject its fault as intended (not a finding about the pipeline)."""


# --------------------------------------------------------------------------- landing data


def write_breakdown_report(simulator: FeedSimulator, landing: Path, province: str, day: dt.date,
                           sections: int = SECTIONS, groups: int = GROUPS) -> int:
    """Replace a province-day's landing CSV by one with breakdown rows; return its data rows.

    Each commune keeps its total row (empty section and citizen_group) and gets one row per
    (section, citizen group) with a share of its figures, so every row keeps the invariants.
    """
    report = simulator.report(province, day)
    names = simulator.commune_names(province)
    parts = sections * groups
    path = landing / simulator.campaign_id / province / f"{day.isoformat()}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["commune_code", "commune_name", "eligible", "participated", "agreed", "section",
                         "citizen_group"])
        for row in report["rows"]:
            code, eligible, participated, agreed = (row["commune_code"], row["eligible"], row["participated"],
                                                    row["agreed"])
            writer.writerow([code, names[code], eligible, participated, agreed, "", ""])
            written += 1
            for section in range(1, sections + 1):
                for group in range(1, groups + 1):
                    writer.writerow([code, names[code], eligible // parts, participated // parts, agreed // parts,
                                     f"Chương {section}", f"Nhóm đối tượng {group}"])
                    written += 1
    stamp = dt.datetime.fromisoformat(report["generated_at"]).timestamp()
    os.utime(path, (stamp, stamp))
    return written


def make_landing(root: Path) -> Path:
    """DAY1 and DAY for LANDING_PROVINCES, with BIG's DAY report made large."""
    simulator = FeedSimulator(CAMPAIGN)
    write_landing(simulator, root, [DAY1, DAY], province_codes=LANDING_PROVINCES)
    write_breakdown_report(simulator, root, BIG, DAY)
    return root


def _nfc(text: str | None) -> str:
    return unicodedata.normalize("NFC", text or "").strip()


def expected_from_landing(landing: Path, provinces, days, skip=()) -> dict[tuple[str, dt.date], set]:
    """The (commune, section, citizen_group) keys of the highest revision of each province-day's CSV."""
    expected = {}
    for province, day in itertools.product(provinces, days):
        if (province, day) in skip:
            continue
        folder = landing / CAMPAIGN / province
        revisions = {}
        for path in folder.glob(f"{day.isoformat()}*.csv"):
            match = sources.LANDING_NAME.fullmatch(path.name)
            if match:
                revisions[int(match.group("revision") or 1)] = path
        if not revisions:
            continue
        files = [revisions[max(revisions)]]
        with files[-1].open(encoding="utf-8-sig", newline="") as handle:
            expected[(province, day)] = {
                (row["commune_code"].zfill(5), _nfc(row.get("section")), _nfc(row.get("citizen_group")))
                for row in csv.DictReader(handle)
            }
    return expected


def expected_from_simulator(simulator: FeedSimulator, provinces, days) -> dict[tuple[str, dt.date], set]:
    return {(province, day): {(row["commune_code"], "", "") for row in simulator.report(province, day)["rows"]}
            for province, day in itertools.product(provinces, days)}


# --------------------------------------------------------------------------- the loader process


@dataclasses.dataclass
class Worker:
    """tests/integration/fault_worker.py running as a real process, output in a log file."""

    process: subprocess.Popen
    log_path: Path

    @classmethod
    def start(cls, uri: str, provinces, dates, workdir: Path, *, landing: Path | None = None,
              publish_root: Path | None = None, extra=()) -> Worker:
        argv = [sys.executable, str(WORKER), "--uri", uri]
        for province in provinces:
            argv += ["--province", province]
        for day in dates:
            argv += ["--date", day.isoformat()]
        if landing is not None:
            argv += ["--landing", str(landing)]
        argv += ["--publish-root", str(publish_root or workdir / "publish"), *extra]
        workdir.mkdir(parents=True, exist_ok=True)
        log_path = workdir / f"worker-{next(_worker_numbers)}.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, cwd=PROJECT_ROOT)
        return cls(process, log_path)

    def output(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def records(self) -> list[dict]:
        return [json.loads(line) for line in self.output().splitlines() if line.startswith("{")]

    def statuses(self) -> dict[tuple[str, str], str]:
        """(province, date) -> status of the last payload handled, from the worker's JSON lines."""
        found = {}
        for record in self.records():
            for day in record.get("days", []):
                found[(record["province_code"], day["report_date"])] = day["status"]
        return found

    def wait_ok(self, timeout: float = 240) -> Worker:
        returncode = self.process.wait(timeout)
        if returncode != 0:
            raise AssertionError(f"worker exited with {returncode}:\n{self.output()[-4000:]}")
        return self

    def __enter__(self) -> Worker:
        return self

    def __exit__(self, *exc_info) -> None:
        if self.process.poll() is None:  # a scenario that failed half-way leaves no loader behind
            self.kill()

    def kill(self) -> int:
        """SIGKILL: no exception handler, no finally block, no clean disconnect."""
        os.kill(self.process.pid, signal.SIGKILL)
        return self.process.wait(30)

    def poll_until(self, conn: psycopg.Connection, query_text: str, params: dict, what: str,
                   timeout: float = 180) -> tuple:
        """Run a query until it returns a row; fail if the worker ends first."""
        return poll_until(conn, query_text, params, what, lambda: self.process.poll() is not None,
                          lambda: f"the worker exited ({self.process.returncode}) before {what}:\n"
                                  f"{self.output()[-4000:]}", timeout)


def poll_until(conn: psycopg.Connection, query_text: str, params: dict, what: str, ended=lambda: False,
               why_ended=lambda: "", timeout: float = 180) -> tuple:
    """Run a query until it returns a row; fail if the observed loader ends first or time runs out."""
    deadline = time.monotonic() + timeout
    while True:
        row = conn.execute(query_text, params).fetchone()
        if row is not None:
            return row
        if ended():
            raise ScenarioError(why_ended() or f"the loader ended before {what}")
        if time.monotonic() > deadline:
            raise ScenarioError(f"timed out waiting for {what}")
        time.sleep(POLL_INTERVAL)


def database_of(uri: str) -> str:
    return psycopg.conninfo.conninfo_to_dict(uri)["dbname"]


def probe(server: LocalPostgres, uri: str) -> psycopg.Connection:
    """A superuser connection to the warehouse database, autocommit, so pg_stat_* are fresh each time."""
    return psycopg.connect(server.uri(database_of(uri)), autocommit=True, application_name="fault_probe")


COPY_IN_PROGRESS = """
select activity.pid, progress.tuples_processed
from pg_stat_progress_copy as progress
inner join pg_stat_activity as activity on activity.pid = progress.pid
where progress.datname = current_database()
    and activity.application_name = 'vneid_pipeline'
    and progress.command = 'COPY FROM'
    and progress.relid = 'staging.commune_report'::regclass
    and progress.tuples_processed >= %(min_rows)s
"""

BLOCKED_IN_COMMUNE_INSERT = """
select pid, xact_start is not null, wait_event_type, wait_event
from pg_stat_activity
where datname = current_database()
    and application_name = 'vneid_pipeline'
    and state = 'active'
    and wait_event_type = 'Lock'
    and query ilike %(pattern)s
"""

RELATIONS_LOCKED_BY = """
select relation::regclass::text
from pg_locks
where pid = %(pid)s and locktype = 'relation' and granted
order by 1
"""

# A loader waiting for another one, whatever it waits on (the province-day advisory lock, a row
# or index entry of the other's open transaction).
WAITING_ON_ANOTHER_LOADER = """
select pid, wait_event, left(query, 80)
from pg_stat_activity
where datname = current_database()
    and application_name = 'vneid_pipeline'
    and wait_event_type = 'Lock'
    and pid <> all(%(except_pids)s::int[])
"""

BACKEND_ALIVE = "select pid from pg_stat_activity where pid = %(pid)s"

UNDECIDED_PAYLOADS = """
select payload.payload_id, payload.province_code, payload.report_date
from raw.report_payload as payload
where not exists (select 1 from dq.report_revision as fate where fate.payload_id = payload.payload_id)
order by payload.payload_id
"""

HALF_LOADED_REVISIONS = """
select count(*)
from core.province_report as report
inner join dq.report_revision as fate on fate.payload_id = report.payload_id
where fate.row_count <> (select count(*) from core.commune_report as fact where fact.payload_id = report.payload_id)
"""


def wait_backend_gone(conn: psycopg.Connection, pid: int, timeout: float = 60) -> float:
    started = time.monotonic()
    while conn.execute(BACKEND_ALIVE, {"pid": pid}).fetchone():
        if time.monotonic() - started > timeout:
            raise ScenarioError(f"backend {pid} still alive {timeout}s after its client was killed")
        time.sleep(0.01)
    return time.monotonic() - started


def server_log_lines(server: LocalPostgres, pid: int) -> list[str]:
    if not server.log_file.exists():
        return []
    marker = f"[{pid}]"
    return [line for line in server.log_file.read_text(encoding="utf-8", errors="replace").splitlines()
            if marker in line]


def province_day_state(uri: str, province: str, day: dt.date) -> dict:
    """What the warehouse holds of one province-day, seen from a fresh connection (committed data only)."""
    key = {"province": province, "day": day}
    with psycopg.connect(uri) as conn:
        def count(table: str) -> int:
            return conn.execute(sql.SQL("select count(*) from {} where province_code = %(province)s "
                                        "and report_date = %(day)s").format(sql.SQL(table)), key).fetchone()[0]

        return {
            "raw": count("raw.report_payload"),
            "core_province_report": count("core.province_report"),
            "core_commune_report": count("core.commune_report"),
            "staging": conn.execute("select count(*) from staging.commune_report").fetchone()[0],
            "fates": [status for (status,) in conn.execute(
                "select status from dq.report_revision where province_code = %(province)s "
                "and report_date = %(day)s order by payload_id", key)],
            "half_loaded_revisions": conn.execute(HALF_LOADED_REVISIONS).fetchone()[0],
            "mart_rows": conn.execute("select count(*) from mart.province_daily where report_date = %(day)s",
                                      key).fetchone()[0],
        }


# --------------------------------------------------------------------------- comparing warehouses


def _columns(conn: psycopg.Connection, table: str) -> list[str]:
    return [name for (name,) in conn.execute(
        "select column_name from information_schema.columns "
        "where table_schema || '.' || table_name = %s order by ordinal_position", [table])]


def _tables(conn: psycopg.Connection, schemas) -> list[str]:
    return [name for (name,) in conn.execute(
        "select table_schema || '.' || table_name from information_schema.tables "
        "where table_schema = any(%s) and table_type = 'BASE TABLE' order by 1", [list(schemas)])]


def _order_by(conn: psycopg.Connection, table: str, exclude=()) -> str:
    """The primary key columns, else every column, as an ORDER BY list."""
    key = [name for (name,) in conn.execute(
        "select attribute.attname from pg_index as idx "
        "inner join pg_attribute as attribute "
        "    on attribute.attrelid = idx.indrelid and attribute.attnum = any(idx.indkey) "
        "where idx.indrelid = %s::regclass and idx.indisprimary "
        "order by array_position(idx.indkey::int2[], attribute.attnum)", [table])]
    names = key or [name for name in _columns(conn, table) if name not in exclude]
    return ", ".join(sql.Identifier(name).as_string(conn) for name in names)


def payload_keyed_digest(uri: str, table: str, exclude=PIPELINE_CLOCK) -> str:
    """A checksum of a table with payload_id replaced by the payload's SHA-256, rows in a total order."""
    with psycopg.connect(uri) as conn:
        columns = [name for name in _columns(conn, table) if name not in exclude]
        select_list = sql.SQL(", ").join(
            sql.SQL("payload.checksum") if name == "payload_id" else sql.SQL("fact.{}").format(sql.Identifier(name))
            for name in columns)
        rows = conn.execute(sql.SQL(
            "select {} from {} as fact inner join raw.report_payload as payload "
            "on payload.payload_id = fact.payload_id order by {}").format(
            select_list, sql.Identifier(*table.split(".")),
            sql.SQL(", ").join(sql.Literal(n) for n in range(1, len(columns) + 1)))).fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def cross_run_digests(uri: str) -> dict[str, str]:
    """Checksums of every table holding report data, comparable between two databases."""
    with psycopg.connect(uri) as conn:
        payload_tables = [table for table in _tables(conn, ("core", "dq")) if "payload_id" in _columns(conn, table)]
        other_tables = ["dq.ingest_attempt", *_tables(conn, ("mart",))]
        orders = {table: _order_by(conn, table, PIPELINE_CLOCK) for table in other_tables}
    digests = {table: payload_keyed_digest(uri, table) for table in payload_tables}
    digests.update({table: table_digest(uri, table, orders[table], exclude=PIPELINE_CLOCK) for table in other_tables})
    return digests


def strict_digests(uri: str) -> dict[str, str]:
    """Checksums of every table of the warehouse layers, payload ids and stamps included, except
    `published_at` (a new publication) and `dq.ingest_attempt.attempted_at` (by contract, the time
    of the latest pull)."""
    with psycopg.connect(uri) as conn:
        tables = _tables(conn, ("raw", "staging", "core", "dq", "mart"))
        orders = {table: _order_by(conn, table) for table in tables}
    digests = {}
    for table in tables:
        exclude = ("published_at",) if table.startswith("mart.") else ()
        if table == "dq.ingest_attempt":
            exclude = ("attempted_at",)
        digests[table] = table_digest(uri, table, orders[table], exclude=exclude)
    return digests


CURRENT_ROWS = """
select report.province_code, report.report_date, fact.commune_code, fact.section, fact.citizen_group
from core.commune_report as fact
inner join core.province_report as report on report.payload_id = fact.payload_id and report.is_current
where report.campaign_id = %(campaign_id)s
"""

PUBLISHED_ROWS_LOST = """
select
    (select count(*)
     from core.current_commune_total as fact
     where fact.campaign_id = %(campaign_id)s
         and exists (select 1 from mart.national_daily as nation
                     where nation.campaign_id = fact.campaign_id and nation.report_date = fact.report_date)
         and not exists (select 1 from mart.commune_daily as mart
                         where mart.campaign_id = fact.campaign_id and mart.report_date = fact.report_date
                             and mart.commune_code = fact.commune_code))
    + (select count(*)
       from core.province_report as report
       where report.campaign_id = %(campaign_id)s and report.is_current
           and exists (select 1 from mart.national_daily as nation
                       where nation.campaign_id = report.campaign_id and nation.report_date = report.report_date)
           and not exists (select 1 from mart.province_daily as mart
                           where mart.campaign_id = report.campaign_id and mart.report_date = report.report_date
                               and mart.province_code = report.province_code and mart.report_status = 'accepted'))
"""

DUPLICATES = """
select
    -- the same commune row twice among the current revisions
    (select count(*) - count(distinct (fact.campaign_id, fact.report_date, fact.commune_code, fact.section,
                                       fact.citizen_group))
     from core.commune_report as fact
     inner join core.province_report as report on report.payload_id = fact.payload_id and report.is_current)
    -- more than one current revision for a province-day
    + (select coalesce(sum(n - 1), 0) from (
        select count(*) as n from core.province_report where is_current
        group by campaign_id, province_code, report_date) as current_revisions)
    -- one revision of a province-day accepted twice
    + (select count(*) - count(distinct (campaign_id, province_code, report_date, revision))
       from dq.report_revision where status = 'accepted')
    -- one payload landed twice
    + (select count(*) - count(distinct (campaign_id, province_code, report_date, checksum)) from raw.report_payload)
"""


def rows_lost_and_extra(uri: str, expected: dict[tuple[str, dt.date], set]) -> tuple[int, int]:
    """(source rows missing from core or from the published marts, core rows no source sent)."""
    present: dict[tuple[str, dt.date], set] = defaultdict(set)
    with psycopg.connect(uri) as conn:
        for province, day, commune, section, group in conn.execute(CURRENT_ROWS, {"campaign_id": CAMPAIGN}):
            present[(province, day)].add((commune, section, group))
        lost_in_marts = conn.execute(PUBLISHED_ROWS_LOST, {"campaign_id": CAMPAIGN}).fetchone()[0]
    lost = sum(len(keys - present.get(key, set())) for key, keys in expected.items())
    extra = sum(len(keys - expected.get(key, set())) for key, keys in present.items())
    return lost + lost_in_marts, extra


def duplicates(uri: str) -> int:
    with psycopg.connect(uri) as conn:
        return int(conn.execute(DUPLICATES).fetchone()[0])


@dataclasses.dataclass
class ScenarioResult:
    name: str
    injected: str
    uri: str
    clean_uri: str | None  # None: the evidence carries its own comparison (differing_tables_strict)
    expected: dict
    evidence: dict = dataclasses.field(default_factory=dict)
    # loader runs that failed for a reason other than the injected fault itself
    unexpected_failures: list[str] = dataclasses.field(default_factory=list)

    def figures(self) -> dict:
        lost, extra = rows_lost_and_extra(self.uri, self.expected)
        if self.clean_uri is None:
            differing = self.evidence["differing_tables_strict"]
        else:
            faulted, clean = cross_run_digests(self.uri), cross_run_digests(self.clean_uri)
            differing = sorted(t for t in faulted.keys() | clean.keys() if faulted.get(t) != clean.get(t))
        return {"rows_lost": lost, "rows_extra": extra, "duplicates": duplicates(self.uri),
                "differing_tables": differing,
                "rows_expected": sum(len(keys) for keys in self.expected.values())}


def files_settings(uri: str, landing: Path):
    return settings_for(uri, source="files", landing_dir=landing, recheck_days=0)


def new_warehouse(server: LocalPostgres, name: str) -> str:
    uri = server.create_database(name, recreate=True)
    warehouse.prepare(uri)
    return uri


def clean_files_run(server: LocalPostgres, name: str, landing: Path, provinces, dates, workdir: Path) -> str:
    uri = new_warehouse(server, name)
    fault_worker.run(files_settings(uri, landing), CAMPAIGN, list(provinces), list(dates), workdir / f"{name}-publish")
    return uri


# --------------------------------------------------------------------------- scenarios


def kill_mid_copy(server: LocalPostgres, landing: Path, workdir: Path, prefix: str = "faults") -> ScenarioResult:
    """SIGKILL the loader while its COPY into staging.commune_report is streaming BIG's rows."""
    uri = new_warehouse(server, f"{prefix}_kill_copy")
    clean_uri = clean_files_run(server, f"{prefix}_kill_copy_clean", landing, KILL_PROVINCES, [DAY], workdir)
    big_rows = len(expected_rows(landing, BIG, DAY))
    with Worker.start(uri, KILL_PROVINCES, [DAY], workdir / "kill_copy", landing=landing) as worker, \
            probe(server, uri) as conn:
        pid, copied = worker.poll_until(conn, COPY_IN_PROGRESS, {"min_rows": 1000}, "the COPY into staging")
        returncode = worker.kill()
        gone_after = wait_backend_gone(conn, pid)
    cut = [int(match.group(1)) for line in server_log_lines(server, pid)
           for match in [re.search(r"COPY commune_report, line (\d+)", line)] if match]
    evidence = {"returncode": returncode, "backend_pid": pid, "rows_in_report": big_rows,
                "rows_copied_when_seen": copied,
                "copy_cut_at_line": cut[-1] if cut else None, "backend_gone_after_s": round(gone_after, 3),
                "after_kill": province_day_state(uri, BIG, DAY),
                "small_province_fates": province_day_state(uri, "31", DAY)["fates"]}
    with Worker.start(uri, KILL_PROVINCES, [DAY], workdir / "kill_copy", landing=landing) as rerun:
        evidence["rerun_statuses"] = rerun.wait_ok().statuses()
    return ScenarioResult("loader killed mid-COPY", f"SIGKILL during the COPY of {BIG}'s {big_rows:,} rows "
                          "into staging, then rerun",
                          uri, clean_uri, expected_from_landing(landing, KILL_PROVINCES, [DAY]), evidence)


def expected_rows(landing: Path, province: str, day: dt.date):
    return expected_from_landing(landing, [province], [day])[(province, day)]


def kill_mid_merge(server: LocalPostgres, landing: Path, workdir: Path, prefix: str = "faults") -> ScenarioResult:
    """Hold a lock on core.commune_report so the loader blocks inside its merge transaction (after
    the COPY and the province_report insert, inside INSERT INTO core.commune_report), SIGKILL it
    there, then release the lock."""
    provinces = [BIG, "31"]
    uri = new_warehouse(server, f"{prefix}_kill_merge")
    clean_uri = clean_files_run(server, f"{prefix}_kill_merge_clean", landing, provinces, [DAY], workdir)
    locker = psycopg.connect(uri, application_name="fault_locker")
    try:
        locker.execute("lock table core.commune_report in share row exclusive mode")
        with Worker.start(uri, provinces, [DAY], workdir / "kill_merge", landing=landing) as worker, \
                probe(server, uri) as conn:
            pid, in_transaction, wait_type, wait_event = worker.poll_until(
                conn, BLOCKED_IN_COMMUNE_INSERT, {"pattern": "%insert into core.commune_report%"},
                "the merge to block on core.commune_report")
            held = [name for (name,) in conn.execute(RELATIONS_LOCKED_BY, {"pid": pid})]
            returncode = worker.kill()
            still_there = conn.execute(BACKEND_ALIVE, {"pid": pid}).fetchone() is not None
            locker.rollback()  # release: the orphaned backend finishes its statement, finds no client, aborts
            gone_after = wait_backend_gone(conn, pid)
    finally:
        locker.close()
    evidence = {"returncode": returncode, "backend_pid": pid, "in_transaction": in_transaction,
                "wait": f"{wait_type}/{wait_event}", "relations_held": held,
                "backend_alive_after_kill": still_there, "backend_gone_after_release_s": round(gone_after, 3),
                "after_kill": province_day_state(uri, BIG, DAY)}
    with Worker.start(uri, provinces, [DAY], workdir / "kill_merge", landing=landing) as rerun:
        evidence["rerun_statuses"] = rerun.wait_ok().statuses()
    return ScenarioResult("loader killed mid-merge", f"SIGKILL inside INSERT INTO core.commune_report of {BIG} "
                          "(held by a table lock), then rerun",
                          uri, clean_uri, expected_from_landing(landing, provinces, [DAY]), evidence)


def restart_mid_run(server: LocalPostgres, landing: Path, workdir: Path, prefix: str = "faults") -> ScenarioResult:
    """Day 1 completes; during day 2's multi-province run, once two provinces are in, the next merge
    is held by a lock and PostgreSQL is stopped (fast shutdown) and started again; then rerun."""
    uri = new_warehouse(server, f"{prefix}_restart")
    fault_worker.run(files_settings(uri, landing), CAMPAIGN, RESTART_PROVINCES, [DAY1], workdir / "restart-publish")
    worker = Worker.start(uri, RESTART_PROVINCES, [DAY], workdir / "restart", landing=landing)
    locker = psycopg.connect(uri, application_name="fault_locker")
    try:
        with probe(server, uri) as conn:
            worker.poll_until(conn, "select 1 where (select count(*) from core.province_report "
                                    "where report_date = %(day)s) >= 2", {"day": DAY}, "two provinces of day 2")
            locker.execute("lock table core.commune_report in share row exclusive mode")
            worker.poll_until(conn, BLOCKED_IN_COMMUNE_INSERT, {"pattern": "%insert into core.commune_report%"},
                              "the next merge to block")
            accepted_before = conn.execute("select province_code from core.province_report where report_date = %s "
                                           "order by province_code", [DAY]).fetchall()
            in_flight = conn.execute(UNDECIDED_PAYLOADS).fetchall()
        server.stop()
        returncode = worker.process.wait(60)
    finally:
        worker.__exit__(None, None, None)
        with contextlib.suppress(psycopg.Error):
            locker.close()
        server.start()
    if len(in_flight) != 1:
        raise ScenarioError(f"expected one payload in flight, found {in_flight}")
    _, in_flight_province, _ = in_flight[0]
    evidence = {"worker_returncode": returncode, "worker_error": worker.output().strip().splitlines()[-1:],
                "accepted_before_stop": [code for (code,) in accepted_before],
                "in_flight_province": in_flight_province,
                "after_restart": province_day_state(uri, in_flight_province, DAY)}
    with Worker.start(uri, RESTART_PROVINCES, [DAY], workdir / "restart", landing=landing) as rerun:
        evidence["rerun_statuses"] = rerun.wait_ok().statuses()
    clean_uri = clean_files_run(server, f"{prefix}_restart_clean", landing, RESTART_PROVINCES, [DAY1, DAY], workdir)
    return ScenarioResult("PostgreSQL restarted mid-run", "fast shutdown + start while day 2 was being loaded "
                          f"({in_flight_province} blocked in its merge), then rerun",
                          uri, clean_uri, expected_from_landing(landing, RESTART_PROVINCES, [DAY1, DAY]), evidence)


@contextlib.contextmanager
def feed_tokens(provinces):
    names = {f"VNEID_FEED_TOKEN_{code}": token for code, token in default_tokens(provinces).items()}
    saved = {name: os.environ.get(name) for name in names}
    os.environ.update(names)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def http_faults(server: LocalPostgres, workdir: Path, prefix: str = "faults") -> ScenarioResult:
    """503s and a time-out retried within the task; a 503 streak that outlasts the attempts fails
    the task, which is then retried as Airflow would (same process here)."""
    uri = new_warehouse(server, f"{prefix}_http")
    clean_uri = new_warehouse(server, f"{prefix}_http_clean")
    evidence: dict = {"task_failures": {}, "recorded_after_failure": {}}
    with feed_tokens(HTTP_PROVINCES):
        with serve_feed(FeedSimulator(CAMPAIGN)) as feed:
            fault_worker.run(settings_for(clean_uri, source="http", feed_base_url=feed.base_url, recheck_days=0),
                             CAMPAIGN, HTTP_PROVINCES, [DAY], workdir / "http-clean-publish")
        with serve_feed(FeedSimulator(CAMPAIGN, faults=HTTP_FAULTS)) as feed:
            settings = dataclasses.replace(
                settings_for(uri, source="http", feed_base_url=feed.base_url, recheck_days=0),
                http_timeout_seconds=1, http_attempts=3)
            now = dt.datetime.combine(DAY, fault_worker.CUTOFF_CHECK_TIME, tzinfo=ingest.LOCAL_TZ)
            started = time.monotonic()
            statuses = {}
            for province in HTTP_PROVINCES:
                for task_try in range(1, 4):  # the DAG's task: 1 try + 2 retries
                    try:
                        outcome = ingest.ingest_province(settings, CAMPAIGN, province, DAY, now=now)
                    except sources.FeedUnavailableError as error:
                        evidence["task_failures"][province] = str(error)
                        with psycopg.connect(uri) as conn:
                            evidence["recorded_after_failure"][province] = conn.execute(
                                "select (select count(*) from raw.report_payload where province_code = %(p)s)"
                                " + (select count(*) from dq.ingest_attempt where province_code = %(p)s)",
                                {"p": province}).fetchone()[0]
                        continue
                    statuses[province] = (outcome.target_day.status, task_try)
                    break
            publish.publish_day(uri, CAMPAIGN, DAY, workdir / "http-publish")
            evidence["requests"] = {province: feed.request_count(province, DAY) for province in HTTP_PROVINCES}
            evidence["statuses_and_task_try"] = statuses
            evidence["elapsed_s"] = round(time.monotonic() - started, 1)
    return ScenarioResult("HTTP 5xx and time-outs", "503 x2 (30), 2 s stall vs 1 s time-out (31), "
                          "503 x4 > 3 attempts then task retry (01)", uri, clean_uri,
                          expected_from_simulator(FeedSimulator(CAMPAIGN), HTTP_PROVINCES, [DAY]), evidence)


def _settle(future) -> str:
    """A loader thread's end: the status of its report day, or the exception that ended it."""
    try:
        records = future.result(timeout=180)
    except Exception as error:  # the finding itself: keep its type and message for the report
        return f"{type(error).__name__}: {str(error).splitlines()[0]}"
    return [day["status"] for record in records for day in record.get("days", [])][-1]


def race_in_merge(server: LocalPostgres, landing: Path, workdir: Path, prefix: str = "faults") -> ScenarioResult:
    """Two loaders on one province-day at once (a retried task racing its still-running first try).

    The first is held inside its merge (a lock on core.commune_report) while holding the
    province-day lock; the second, past its own "already decided?" check, waits for that lock.
    When the first commits, the second must find the payload decided and change nothing.
    """
    uri = new_warehouse(server, f"{prefix}_race_merge")
    clean_uri = clean_files_run(server, f"{prefix}_race_merge_clean", landing, ["31"], [DAY], workdir)
    settings = files_settings(uri, landing)
    locker = psycopg.connect(uri, application_name="fault_locker")
    try:
        locker.execute("lock table core.commune_report in share row exclusive mode")
        with ThreadPoolExecutor(2) as pool, probe(server, uri) as conn:
            def load():
                return pool.submit(fault_worker.run, settings, CAMPAIGN, ["31"], [DAY], workdir / "race-publish")

            first = load()
            first_pid = poll_until(conn, BLOCKED_IN_COMMUNE_INSERT, {"pattern": "%insert into core.commune_report%"},
                                   "the first loader to block in its merge", first.done, lambda: _settle(first))[0]
            second = load()
            poll_until(conn, WAITING_ON_ANOTHER_LOADER, {"except_pids": [first_pid]},
                       "the second loader to wait for the first", second.done, lambda: _settle(second))
            locker.rollback()
            outcomes = {"first": _settle(first), "second": _settle(second)}
    finally:
        locker.close()
    return ScenarioResult("retry racing its first try (merge)", "two loaders on one province-day, the second "
                          "waiting on the province-day lock while the first merges", uri, clean_uri,
                          expected_from_landing(landing, ["31"], [DAY]), {"loaders": outcomes},
                          [f"{name}: {end}" for name, end in outcomes.items() if ":" in end])


def race_in_landing(server: LocalPostgres, landing: Path, workdir: Path, prefix: str = "faults") -> ScenarioResult:
    """Another loader lands the same payload at the same moment: its landing transaction is still
    open when this loader inserts the same raw row, and commits while this one waits on it."""
    uri = new_warehouse(server, f"{prefix}_race_landing")
    clean_uri = clean_files_run(server, f"{prefix}_race_landing_clean", landing, ["31"], [DAY], workdir)
    other = psycopg.connect(uri, application_name="fault_other_loader")
    try:
        other.execute("select 1")  # an open transaction: the landing below stays uncommitted
        received = sources.list_landing(landing, CAMPAIGN, "31", DAY)[0]
        ingest._land(other, received, hashlib.sha256(received.content).hexdigest())
        with ThreadPoolExecutor(1) as pool, probe(server, uri) as conn:
            loader = pool.submit(fault_worker.run, files_settings(uri, landing), CAMPAIGN, ["31"], [DAY],
                                 workdir / "race-publish")
            poll_until(conn, WAITING_ON_ANOTHER_LOADER, {"except_pids": []}, "the loader to wait on the other landing",
                       loader.done, lambda: _settle(loader))
            other.commit()
            outcomes = {"loader": _settle(loader)}
            # then the task is retried, as Airflow would after a failure
            outcomes["retry"] = _settle(pool.submit(fault_worker.run, files_settings(uri, landing), CAMPAIGN,
                                                    ["31"], [DAY], workdir / "race-publish"))
    finally:
        other.close()
    return ScenarioResult("retry racing its first try (landing)", "the same payload landed by another loader "
                          "whose transaction commits while this one waits on it; then a task retry", uri,
                          clean_uri, expected_from_landing(landing, ["31"], [DAY]), {"loaders": outcomes},
                          [f"{name}: {end}" for name, end in outcomes.items() if ":" in end])


def published_files(root: Path) -> dict[str, list[list[str]]]:
    """Every published CSV under root, minus its published_at column."""
    found = {}
    for path in sorted(root.rglob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        if rows and "published_at" in rows[0]:
            index = rows[0].index("published_at")
            rows = [row[:index] + row[index + 1:] for row in rows]
        found[str(path.relative_to(root))] = rows
    return found


def run_day_twice(server: LocalPostgres, workdir: Path, prefix: str = "faults") -> ScenarioResult:
    """Two days with an accepted correction (01 revision 2), a quarantine (04), a missing (02) and a
    late (31) report; both days run again (ingest + publish), the later day first."""
    simulator = FeedSimulator(CAMPAIGN, faults={("04", DAY): Fault("out_of_range"), ("02", DAY): Fault("missing"),
                                                ("31", DAY): Fault("late")})
    landing = workdir / "twice-landing"
    write_landing(simulator, landing, [DAY1, DAY], province_codes=TWICE_PROVINCES)
    first_revision = landing / CAMPAIGN / "01" / f"{DAY.isoformat()}.csv"
    correction = first_revision.read_text(encoding="utf-8-sig").splitlines()
    header, first_row = correction[0].split(","), correction[1].split(",")
    first_row[header.index("participated")] = str(int(first_row[header.index("participated")]) + 1)
    correction[1] = ",".join(first_row)
    first_revision.with_name(f"{DAY.isoformat()}.r2.csv").write_text("\n".join(correction) + "\n", encoding="utf-8")
    uri = new_warehouse(server, f"{prefix}_twice")
    publish_root = workdir / "twice-publish"
    settings = dataclasses.replace(files_settings(uri, landing), recheck_days=1)
    fault_worker.run(settings, CAMPAIGN, TWICE_PROVINCES, [DAY1], publish_root)
    fault_worker.run(settings, CAMPAIGN, TWICE_PROVINCES, [DAY], publish_root)
    first, first_files = strict_digests(uri), published_files(publish_root)
    with psycopg.connect(uri) as conn:
        first_published = conn.execute("select max(published_at) from mart.national_daily").fetchone()[0]
    second_pass = fault_worker.run(settings, CAMPAIGN, TWICE_PROVINCES, [DAY], publish_root)
    second_pass += fault_worker.run(settings, CAMPAIGN, TWICE_PROVINCES, [DAY1], publish_root)
    second, second_files = strict_digests(uri), published_files(publish_root)
    with psycopg.connect(uri) as conn:
        second_published = conn.execute("select max(published_at) from mart.national_daily").fetchone()[0]
    evidence = {
        "differing_tables_strict": sorted(t for t in first.keys() | second.keys() if first.get(t) != second.get(t)),
        "differing_files": sorted(f for f in first_files.keys() | second_files.keys()
                                  if first_files.get(f) != second_files.get(f)),
        "files": len(first_files),
        "republished": second_published > first_published,
        "second_pass_statuses": sorted({day["status"] for record in second_pass for day in record.get("days", [])}),
    }
    expected = expected_from_landing(landing, TWICE_PROVINCES, [DAY1, DAY], skip={("04", DAY)})
    # The reference here is the first pass itself, compared strictly (payload ids and stamps included).
    return ScenarioResult("same days run twice", "ingest + publish of both days again (later day first)",
                          uri, None, expected, evidence)


# --------------------------------------------------------------------------- tests


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def own_server():
    """A throwaway PostgreSQL on a free port, data under /tmp (readable by the server's user)."""
    base_dir = Path(tempfile.mkdtemp(prefix="vneid-pg-faults-", dir="/tmp"))
    os.chmod(base_dir, 0o755)
    server = LocalPostgres(port=free_port(), base_dir=base_dir)
    server.start()
    try:
        yield server
    finally:
        with contextlib.suppress(Exception):
            server.stop()
        shutil.rmtree(base_dir, ignore_errors=True)


@pytest.fixture(scope="module")
def landing(tmp_path_factory):
    return make_landing(tmp_path_factory.mktemp("fault-landing"))


def assert_equals_clean_run(result: ScenarioResult) -> None:
    figures = result.figures()
    assert figures["rows_lost"] == 0, figures
    assert figures["rows_extra"] == 0, figures
    assert figures["duplicates"] == 0, figures
    assert figures["differing_tables"] == [], figures


def test_loader_killed_mid_copy_loses_nothing_and_rerun_equals_clean_run(postgres_server, landing, tmp_path):
    result = kill_mid_copy(postgres_server, landing, tmp_path)
    evidence = result.evidence
    total = len(expected_rows(landing, BIG, DAY))
    assert total > 99_000
    assert evidence["returncode"] == -signal.SIGKILL
    # the server saw its client vanish in the middle of the COPY's data
    assert evidence["copy_cut_at_line"] is not None and 1000 <= evidence["copy_cut_at_line"] < total, evidence
    after = evidence["after_kill"]
    assert after["raw"] == 1  # landed (committed) before the load transaction began
    assert (after["core_province_report"], after["core_commune_report"], after["staging"]) == (0, 0, 0), after
    assert after["fates"] == []  # neither accepted nor anything else: the rerun decides it
    assert after["half_loaded_revisions"] == 0 and after["mart_rows"] == 0
    assert evidence["small_province_fates"] == ["accepted"]  # committed before the kill, kept
    assert evidence["rerun_statuses"] == {("31", DAY.isoformat()): "unchanged", (BIG, DAY.isoformat()): "accepted"}
    assert_equals_clean_run(result)


def test_loader_killed_mid_merge_loses_nothing_and_rerun_equals_clean_run(postgres_server, landing, tmp_path):
    result = kill_mid_merge(postgres_server, landing, tmp_path)
    evidence = result.evidence
    assert evidence["returncode"] == -signal.SIGKILL
    assert evidence["in_transaction"] and evidence["wait"].startswith("Lock/")
    # the blocked statement's transaction had already written staging and core.province_report
    assert {"staging.commune_report", "core.province_report"} <= set(evidence["relations_held"]), evidence
    after = evidence["after_kill"]
    assert after["raw"] == 1
    assert (after["core_province_report"], after["core_commune_report"], after["staging"]) == (0, 0, 0), after
    assert after["fates"] == [] and after["half_loaded_revisions"] == 0 and after["mart_rows"] == 0
    assert evidence["rerun_statuses"] == {(BIG, DAY.isoformat()): "accepted", ("31", DAY.isoformat()): "accepted"}
    assert_equals_clean_run(result)


def test_postgres_restarted_mid_run_then_rerun_equals_clean_run(landing, tmp_path):
    # Its own server: stopping the session's shared one would break the connections of other tests.
    with own_server() as server:
        result = restart_mid_run(server, landing, tmp_path)
        evidence = result.evidence
        assert evidence["worker_returncode"] not in (0, None), evidence
        assert len(evidence["accepted_before_stop"]) >= 2
        assert evidence["in_flight_province"] not in evidence["accepted_before_stop"]
        after = evidence["after_restart"]
        assert (after["core_province_report"], after["core_commune_report"], after["staging"]) == (0, 0, 0), after
        assert after["fates"] == [] and after["half_loaded_revisions"] == 0
        assert set(evidence["rerun_statuses"].values()) <= {"accepted", "unchanged"}
        assert evidence["rerun_statuses"][(evidence["in_flight_province"], DAY.isoformat())] == "accepted"
        assert_equals_clean_run(result)
        assert server.is_running()


def test_server_errors_and_timeouts_are_retried_to_the_clean_result(postgres_server, tmp_path):
    result = http_faults(postgres_server, tmp_path)
    evidence = result.evidence
    # 30: 503, 503, 200; 31: time-out, 200; 01: 503 x3 (task fails), then 503, 200 in the retried task
    assert evidence["requests"] == {"01": 5, "30": 3, "31": 2}
    assert evidence["statuses_and_task_try"] == {"01": ("accepted", 2), "30": ("accepted", 1), "31": ("accepted", 1)}
    assert "still failing after 3 attempts" in evidence["task_failures"]["01"]
    assert evidence["recorded_after_failure"] == {"01": 0}  # a failed pull leaves no trace to clean up
    assert_equals_clean_run(result)


def test_running_the_same_days_twice_changes_only_publication_times(postgres_server, tmp_path):
    result = run_day_twice(postgres_server, tmp_path)
    evidence = result.evidence
    assert evidence["republished"]
    assert set(evidence["second_pass_statuses"]) <= {"unchanged", "missing", "not_yet_published"}, evidence
    assert evidence["differing_tables_strict"] == []
    assert evidence["files"] >= 10 and evidence["differing_files"] == []
    figures = result.figures()
    assert (figures["rows_lost"], figures["rows_extra"], figures["duplicates"]) == (0, 0, 0), figures


def test_a_retry_racing_its_first_try_in_the_merge_changes_nothing(postgres_server, landing, tmp_path):
    result = race_in_merge(postgres_server, landing, tmp_path)
    assert result.evidence["loaders"] == {"first": "accepted", "second": "unchanged"}, result.evidence
    assert_equals_clean_run(result)


def test_the_same_payload_landed_by_two_loaders_at_once_is_accepted_once(postgres_server, landing, tmp_path):
    result = race_in_landing(postgres_server, landing, tmp_path)
    assert result.evidence["loaders"] == {"loader": "accepted", "retry": "unchanged"}, result.evidence
    assert_equals_clean_run(result)
