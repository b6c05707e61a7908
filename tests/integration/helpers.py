"""Helpers shared by the integration and end-to-end tests."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import io
import shutil
from pathlib import Path

import psycopg

from vneid_pipeline import ingest, publish, warehouse
from vneid_pipeline.settings import load_settings
from vneid_pipeline.simulator import write_landing


def settings_for(uri: str, **overrides):
    return dataclasses.replace(load_settings(), warehouse_uri=uri, http_attempts=3, http_timeout_seconds=5,
                               **overrides)


def query(uri: str, sql: str, params=None) -> list[tuple]:
    with psycopg.connect(uri) as conn:
        return conn.execute(sql, params).fetchall()


def scalar(uri: str, sql: str, params=None):
    rows = query(uri, sql, params)
    return rows[0][0] if rows else None


def table_digest(uri: str, table: str, order_by: str, exclude: tuple[str, ...] = ()) -> str:
    """A checksum of a table's content (minus excluded columns), to compare two runs."""
    with psycopg.connect(uri) as conn:
        columns = [
            name for (name,) in conn.execute(
                "select column_name from information_schema.columns "
                "where table_schema || '.' || table_name = %s order by ordinal_position", [table])
            if name not in exclude
        ]
        rows = conn.execute(
            psycopg.sql.SQL("select {} from {} order by {}").format(
                psycopg.sql.SQL(", ").join(map(psycopg.sql.Identifier, columns)),
                psycopg.sql.Identifier(*table.split(".")),
                psycopg.sql.SQL(order_by),
            )
        ).fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def reference_with_version(target: Path, version_id: str, units_csv: str, version_description: str,
                           campaign_lines: list[str]) -> Path:
    """A copy of the bundled reference data plus one more administrative version and its campaigns."""
    shutil.copytree(warehouse.REFERENCE_DIR, target)
    (target / "admin_units" / f"{version_id}.csv").write_text(units_csv, encoding="utf-8")
    with (target / "admin_versions.csv").open("a", encoding="utf-8") as versions:
        versions.write(f'{version_id},"{version_description}",2027-01-01,,false,admin_units/{version_id}.csv\n')
    with (target / "campaigns.csv").open("a", encoding="utf-8") as campaigns:
        campaigns.writelines(line + "\n" for line in campaign_lines)
    return target


def ingest_and_publish_simulated_days(uri: str, simulator, days, landing: Path, publish_root: Path,
                                      pulled_at: dt.time = dt.time(16)) -> None:
    """The simulator's reports written as landing files, then every province ingested and each day published."""
    warehouse.prepare(uri)
    write_landing(simulator, landing, days)
    settings = settings_for(uri, source="files", landing_dir=landing, recheck_days=0)
    for day in days:
        now = dt.datetime.combine(day, pulled_at, tzinfo=ingest.LOCAL_TZ)
        for province in simulator.province_codes():
            ingest.ingest_province(settings, simulator.campaign_id, province, day, now=now)
        publish.publish_day(uri, simulator.campaign_id, day, publish_root)


def rewrite_csv(source: Path, target: Path, change) -> None:
    """A copy of a landed CSV with change(rows) applied: a new revision of the same report."""
    text = source.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    change(rows)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    target.write_text(out.getvalue(), encoding="utf-8")
