"""Where the time goes inside one package call: PhaseTimer wraps the package's functions and SQL
statements for the duration of a `with` block (bench steps 3a and 7)."""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable

import psycopg
from harness import fmt_s, median, table


def _composed_name(text: str) -> str:
    """A statement composed from a declared mart (publish's delete, export and breakdown inserts),
    named by its first keyword and the first mart it names: "SQL delete mart.province_daily"."""
    words = re.sub(r"--[^\n]*", "", text).split()
    mart = re.search(r'"mart"\."(\w+)"', text)
    return f"SQL {words[0] if words else '?'} mart.{mart.group(1)}" if mart else "SQL (composed)"


class PhaseTimer:
    """Times the phases of a package call by wrapping its functions and SQL statements.

    Nothing in the package changes: the wrappers replace module attributes for the duration of a
    `with` block. SQL statements are named by the include/sql file they come from.
    """

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds

    def _wrap(self, name: str, function: Callable) -> Callable:
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.add(name, time.perf_counter() - started)
        return timed

    @contextlib.contextmanager
    def active(self, module, sql_area: str, functions: list[tuple[object, str, str]]):
        """Time `module.connect`'s statements (named by include/sql/<sql_area>/ file) and `functions`."""
        from vneid_pipeline.settings import SQL_DIR
        from vneid_pipeline.sqlfiles import load_sql

        names = {load_sql(str(path.relative_to(SQL_DIR))): f"SQL {path.relative_to(SQL_DIR)}"
                 for path in sorted((SQL_DIR / sql_area).glob("*.sql"))}
        timer = self

        class TimedConnection(psycopg.Connection):
            def execute(self, query, params=None, **kwargs):
                started = time.perf_counter()
                try:
                    return super().execute(query, params, **kwargs)
                finally:
                    name = names.get(query, "SQL (other)") if isinstance(query, str) else _composed_name(query.as_string(self))
                    timer.add(name, time.perf_counter() - started)

        @contextlib.contextmanager
        def timed_connect(uri: str, autocommit: bool = False):
            with TimedConnection.connect(uri, autocommit=autocommit, application_name="vneid_bench") as conn:
                yield conn

        patches = [(module, "connect", timed_connect)] + [
            (owner, attribute, self._wrap(label, getattr(owner, attribute))) for owner, attribute, label in functions]
        originals = [(owner, attribute, getattr(owner, attribute)) for owner, attribute, _ in patches]
        try:
            for owner, attribute, replacement in patches:
                setattr(owner, attribute, replacement)
            yield self
        finally:
            for owner, attribute, original in originals:
                setattr(owner, attribute, original)

    @contextlib.contextmanager
    def ingest(self):
        from vneid_pipeline import ingest, quality, sources

        with self.active(ingest, "ingest", [
            (sources, "receive", "read the file (sources.receive)"),
            (ingest, "parse_report", "parse (parsing.parse_report)"),
            (ingest, "validate_report", "validate (Great Expectations suite + breakdown rules)"),
            (quality, "previous_frame", "quality: previous day frame"),
            (quality, "assess", "quality checks (quality.assess)"),
            (ingest, "_copy_rows", "COPY into staging (ingest._copy_rows)"),
        ]):
            yield self

    @contextlib.contextmanager
    def publish(self):
        from vneid_pipeline import publish

        with self.active(publish, "publish", [(publish, "write_atomically", "export: COPY out + write CSV files")]):
            yield self

    def table(self, total: float, phases: list[dict[str, float]] | None = None, top: int | None = None) -> str:
        """Phases by time, as a Markdown table; with several runs, the median of each phase."""
        phases = phases or [self.seconds]
        names = list(dict.fromkeys(name for phase in phases for name in phase))
        seconds = {name: median([phase.get(name, 0.0) for phase in phases]) for name in names}
        ordered = sorted(names, key=lambda name: -seconds[name])
        shown = [name for name in ordered if seconds[name] >= 0.005][:top]
        rows = [[name, fmt_s(seconds[name]), f"{seconds[name] / total:.0%}"] for name in shown]
        rest = [name for name in ordered if name not in shown]
        if rest:
            rows.append([f"{len(rest)} other statement(s) and calls", fmt_s(sum(seconds[n] for n in rest)),
                         f"{sum(seconds[n] for n in rest) / total:.0%}"])
        other = total - sum(seconds.values())
        if other >= 0:
            rows.append(["not in the above (commits, Python between the phases)", fmt_s(other), f"{other / total:.0%}"])
        else:  # a large report is validated in a thread while its rows are copied and merged
            rows.append(["less: phases that ran at the same time as others (parse beside landing, validation "
                         "beside COPY and merge)",
                         f"-{fmt_s(-other)}", f"-{-other / total:.0%}"])
        return table(["phase", "seconds", "share"], rows)
