"""What every step of bench/run_bench.py shares: the throwaway PostgreSQL and its template
warehouse, the generated data, timings, Markdown tables, the report, and child processes."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
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

import datagen
import psycopg
from psycopg import sql

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = BENCH_DIR.parent
RUN_BENCH = BENCH_DIR / "run_bench.py"  # the entry point; child processes run it in a mode of their own

CAMPAIGN = "hien-phap-2025"
FIRST_DAY = dt.date(2025, 5, 6)
OWNER = "vneid_owner"
TEMPLATE_DB = "bench_template"
AFTER_DEADLINES = dt.datetime(2025, 7, 1, tzinfo=dt.UTC)


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def bench_sql(name: str) -> str:
    return (BENCH_DIR / "sql" / name).read_text(encoding="utf-8")


def median(values: list[float]) -> float:
    return statistics.median(values)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))  # nearest-rank
    return ordered[rank]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fmt_rate(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def fmt_s(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def table(headers: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


@dataclasses.dataclass
class Timing:
    """Repeated wall-clock measurements of one thing (seconds)."""

    runs: list[float]

    @property
    def median(self) -> float:
        return median(self.runs)

    @property
    def spread(self) -> str:
        return f"{min(self.runs):.2f}–{max(self.runs):.2f}" if len(self.runs) > 1 else "-"


class Report:
    """Markdown sections, printed as they complete and written to bench/out/latest.md at the end."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.targets: list[tuple[str, str, str, bool | None]] = []  # (target, measured, threshold, met)

    def section(self, title: str, body: str) -> None:
        text = f"## {title}\n\n{body.strip()}\n"
        self.parts.append(text)
        print(text, flush=True)

    def target(self, name: str, measured: str, threshold: str, met: bool | None) -> None:
        self.targets.append((name, measured, threshold, met))

    def summary(self) -> str:
        if not self.targets:
            return "No target was measured in this run (see the steps run)."
        rows = [[name, measured, threshold, "met" if met else ("NOT met" if met is not None else "not measured")]
                for name, measured, threshold, met in self.targets]
        return table(["target", "measured", "threshold", "verdict"], rows)


# --- the throwaway PostgreSQL and its databases ---------------------------------------------------


class Cluster:
    """A LocalPostgres in a fresh /tmp directory, a template warehouse, and cheap copies of it."""

    def __init__(self, keep: bool) -> None:
        from vneid_pipeline.localpg import LocalPostgres

        self.keep = keep
        self.base_dir = Path(tempfile.mkdtemp(prefix="vneid-bench-pg-", dir="/tmp"))
        os.chmod(self.base_dir, 0o755)  # the server runs as `postgres` when we are root
        self.server = LocalPostgres(port=free_port(), base_dir=self.base_dir)
        self._numbers = iter(range(1, 1_000_000))

    def start(self) -> None:
        from vneid_pipeline import warehouse

        started = time.monotonic()
        self.server.start()
        warehouse.prepare(self.server.create_database(TEMPLATE_DB, recreate=True))
        log(f"PostgreSQL on 127.0.0.1:{self.server.port} ({self.base_dir}), template warehouse ready in "
            f"{time.monotonic() - started:.1f}s")

    def version(self) -> str:
        with psycopg.connect(self.server.uri()) as conn:
            return conn.execute("show server_version").fetchone()[0]

    def settings_summary(self) -> str:
        names = ("shared_buffers", "work_mem", "maintenance_work_mem", "fsync", "synchronous_commit",
                 "full_page_writes", "max_wal_size")
        with psycopg.connect(self.server.uri()) as conn:
            return ", ".join(f"{name}={conn.execute(sql.SQL('show {}').format(sql.Identifier(name))).fetchone()[0]}"
                             for name in names)

    def fresh_database(self, label: str) -> tuple[str, str]:
        """A new database copied from the prepared template; returns (name, owner URI)."""
        name = f"bench_{label}_{next(self._numbers)}"
        with psycopg.connect(self.server.uri(), autocommit=True) as conn:
            conn.execute(sql.SQL("create database {} template {} owner {}").format(
                sql.Identifier(name), sql.Identifier(TEMPLATE_DB), sql.Identifier(OWNER)))
        return name, self.server.uri(name, OWNER)

    def drop_database(self, name: str) -> None:
        with psycopg.connect(self.server.uri(), autocommit=True) as conn:
            conn.execute(sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name)))

    @contextlib.contextmanager
    def database(self, label: str):
        name, uri = self.fresh_database(label)
        try:
            yield uri
        finally:
            self.drop_database(name)

    def close(self) -> None:
        try:
            self.server.stop()
        finally:
            if not self.keep:
                shutil.rmtree(self.base_dir, ignore_errors=True)


# --- data ---------------------------------------------------------------------------------------


def communes_by_province() -> dict[str, list[tuple[str, str]]]:
    from vneid_pipeline import reference

    version = reference.version_of(reference.campaign(CAMPAIGN))
    communes: dict[str, list[tuple[str, str]]] = {}
    for unit in version.units:
        if unit.level == "commune":
            communes.setdefault(unit.province_code, []).append((unit.unit_code, unit.name))
    return communes


def landing_path(landing_root: Path, province_code: str, day: dt.date) -> Path:
    return landing_root / CAMPAIGN / province_code / f"{day.isoformat()}.csv"


def settings_for(uri: str, landing_root: Path, publish_root: Path):
    from vneid_pipeline.settings import load_settings

    return dataclasses.replace(load_settings(), warehouse_uri=uri, campaign_id=CAMPAIGN, source="files",
                               landing_dir=landing_root, publish_root=publish_root)


def ingest_one(uri: str, landing_root: Path, province_code: str, day: dt.date, publish_root: Path):
    from vneid_pipeline import ingest

    outcome = ingest.ingest_province(settings_for(uri, landing_root, publish_root), CAMPAIGN, province_code, day,
                                     now=AFTER_DEADLINES)
    target = outcome.target_day
    if target.status != "accepted":
        raise RuntimeError(f"province {province_code} {day}: {target.status}: {target.reason}")
    return outcome


# --- what the steps share -----------------------------------------------------------------------------


@dataclasses.dataclass
class Context:
    args: argparse.Namespace
    cluster: Cluster
    work: Path
    report: Report
    communes: dict[str, list[tuple[str, str]]]
    province: str
    main: datagen.GeneratedReport | None = None
    landing: Path | None = None
    raw_copy_rate: float | None = None
    ingest_timing: Timing | None = None
    ingest_answers: list[dict] = dataclasses.field(default_factory=list)
    deferred: list[tuple[str, str]] = dataclasses.field(default_factory=list)  # sections printed after 1–4
    load_rows: list[list] = dataclasses.field(default_factory=list)
    national_db: tuple[str, str] | None = None


def generate(ctx: Context, rows: int, label: str, with_staging: bool) -> tuple[datagen.GeneratedReport, Path]:
    landing = ctx.work / f"landing-{label}"
    started = time.monotonic()
    generated = datagen.write_report(ctx.communes[ctx.province], ctx.province, rows, ctx.args.seed,
                                     landing_path(landing, ctx.province, FIRST_DAY),
                                     ctx.work / f"staging-{label}.csv" if with_staging else None)
    log(f"generated {generated.rows:,} rows for province {ctx.province} ({generated.communes} communes x up to "
        f"{generated.sections}x{generated.groups} breakdowns, {generated.report_bytes / 2**20:.1f} MiB) in "
        f"{time.monotonic() - started:.1f}s")
    return generated, landing


def run_child(mode: str, spec: dict, out_file: Path) -> tuple[dict, float]:
    """Run this script in `mode` in a child process; return (its JSON answer, wall seconds)."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    started = time.perf_counter()
    with out_file.open("w") as out:
        result = subprocess.run([sys.executable, str(RUN_BENCH), mode, json.dumps(spec)],
                                stdout=out, stderr=subprocess.STDOUT, env=env)
    wall = time.perf_counter() - started
    lines = out_file.read_text().splitlines()
    answer = next((json.loads(line[len("BENCH-RESULT "):]) for line in reversed(lines)
                   if line.startswith("BENCH-RESULT ")), None)
    if result.returncode != 0 or answer is None:
        raise RuntimeError(f"child {mode} failed ({result.returncode}); last output:\n" + "\n".join(lines[-30:]))
    return answer, wall


def status_mib(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")
