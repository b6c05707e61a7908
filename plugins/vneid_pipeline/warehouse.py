"""Connections, schema migrations and reference loading for the PostgreSQL warehouse."""

from __future__ import annotations

import csv
import hashlib
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

from vneid_pipeline import reference
from vneid_pipeline.settings import REFERENCE_DIR, SQL_DIR
from vneid_pipeline.sqlfiles import load_sql

log = logging.getLogger(__name__)

MIGRATIONS_DIR = SQL_DIR / "migrations"
MIGRATION_NAME = re.compile(r"^V(\d{3})__[a-z0-9_]+\.sql$")


class MigrationError(RuntimeError):
    pass


@contextmanager
def connect(uri: str, autocommit: bool = False) -> Iterator[psycopg.Connection]:
    with psycopg.connect(uri, autocommit=autocommit, application_name="vneid_pipeline") as conn:
        yield conn


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def migration_files() -> list[tuple[int, str, str]]:
    files = []
    for path in sorted(MIGRATIONS_DIR.iterdir()):
        match = MIGRATION_NAME.match(path.name)
        if not match:
            raise MigrationError(f"{path.name} is not named V<nnn>__<name>.sql")
        files.append((int(match.group(1)), path.name, path.read_text(encoding="utf-8")))
    return files


def pending_migrations(conn: psycopg.Connection) -> list[str] | None:
    """Names of the migrations not applied yet; None when the version table does not exist."""
    if conn.execute(load_sql("meta/select_schema_migration_table.sql")).fetchone()[0] is None:
        conn.rollback()
        return None
    applied = {version: checksum for version, _, checksum in conn.execute(load_sql("meta/select_schema_migration.sql"))}
    conn.rollback()
    pending = []
    for version, name, text in migration_files():
        if version not in applied:
            pending.append(name)
        elif applied[version] != _sha256(text.encode()):
            raise MigrationError(f"migration {name} changed after it was applied; add a new migration instead")
    return pending


def migrate(uri: str) -> list[str]:
    """Apply pending migrations in order, each in its own transaction; return the applied names."""
    applied_now = []
    with connect(uri) as conn:
        if pending_migrations(conn) == []:
            return applied_now
        conn.execute(load_sql("meta/create_schema_migration.sql"))
        conn.commit()
        for version, filename, text in migration_files():
            with conn.transaction():
                conn.execute(load_sql("meta/lock_migrations.sql"))
                applied = {row[0]: row for row in conn.execute(load_sql("meta/select_schema_migration.sql"))}
                checksum = _sha256(text.encode())
                if version in applied:
                    if applied[version][2] != checksum:
                        raise MigrationError(
                            f"migration {filename} changed after it was applied; add a new migration instead"
                        )
                    continue
                conn.execute(text)
                conn.execute(
                    load_sql("meta/record_schema_migration.sql"),
                    {"version": version, "filename": filename, "checksum": checksum},
                )
                applied_now.append(filename)
                log.info("applied migration %s", filename)
    return applied_now


def _reference_checksum(reference_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(reference_dir.rglob("*.csv")):
        digest.update(path.relative_to(reference_dir).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _read_reference_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_reference(uri: str, reference_dir: Path = REFERENCE_DIR) -> bool:
    """Upsert administrative versions, units, campaigns and targets; skip when unchanged.

    Returns True when the reference data was (re)loaded.
    """
    checksum = _reference_checksum(reference_dir)
    with connect(uri) as conn, conn.transaction():
        if conn.execute(load_sql("reference/select_reference_load.sql"), {"checksum": checksum}).fetchone():
            return False
        versions = reference.admin_versions(reference_dir)
        for version in versions.values():
            conn.execute(
                load_sql("reference/upsert_admin_version.sql"),
                {
                    "version_id": version.version_id,
                    "title": version.title,
                    "valid_from": version.valid_from,
                    "valid_to": version.valid_to,
                    "has_districts": version.has_districts,
                },
            )
        conn.execute(load_sql("reference/create_incoming_admin_unit.sql"))
        with conn.cursor().copy(load_sql("reference/copy_incoming_admin_unit.sql")) as copy:
            for version in versions.values():
                for unit in version.units:
                    copy.write_row(
                        (version.version_id, unit.unit_code, unit.level, unit.name, unit.division_type,
                         unit.parent_code, unit.province_code)
                    )
        conn.execute(load_sql("reference/upsert_admin_unit.sql"))
        for campaign in reference.campaigns(reference_dir).values():
            version = versions.get(campaign.admin_version_id)
            if version is None or campaign.first_day < version.valid_from or (
                    version.valid_to is not None and campaign.last_day > version.valid_to):
                raise ValueError(
                    f"campaign {campaign.campaign_id} ({campaign.first_day} to {campaign.last_day}) must bind to "
                    f"an administrative version in force on all its days; {campaign.admin_version_id} is not")
            conn.execute(
                load_sql("reference/upsert_campaign.sql"),
                {
                    "campaign_id": campaign.campaign_id,
                    "title": campaign.title,
                    "first_day": campaign.first_day,
                    "last_day": campaign.last_day,
                    "admin_version_id": campaign.admin_version_id,
                    "target_rate": campaign.target_rate,
                },
            )
        for target in _read_reference_csv(reference_dir / "campaign_targets.csv"):
            conn.execute(load_sql("reference/upsert_campaign_target.sql"), target)
        for crosswalk_file in sorted((reference_dir / "crosswalks").glob("province_*.csv")):
            for row in _read_reference_csv(crosswalk_file):
                conn.execute(load_sql("reference/upsert_province_crosswalk.sql"),
                             {**row, "whole_unit": row["whole_unit"] == "true"})
        conn.execute(load_sql("reference/record_reference_load.sql"), {"checksum": checksum})
        conn.execute(load_sql("reference/analyze_reference.sql"))
    log.info("reference data loaded (checksum %s)", checksum[:12])
    return True


def prepare(uri: str, reference_dir: Path = REFERENCE_DIR) -> None:
    """Bring a warehouse to the current schema and reference data; safe to run any number of times."""
    migrate(uri)
    load_reference(uri, reference_dir)


