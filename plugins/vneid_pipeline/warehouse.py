"""Connections, schema migrations and reference loading for the PostgreSQL warehouse."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from psycopg.rows import class_row

from vneid_pipeline import crosswalks, dictionary, reference, regions
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


def fetch_campaign(conn: psycopg.Connection, campaign_id: str) -> reference.Campaign:
    with conn.cursor(row_factory=class_row(reference.Campaign)) as cursor:
        campaign = cursor.execute(load_sql("reference/select_campaign.sql"), {"campaign_id": campaign_id}).fetchone()
    if campaign is None:
        raise LookupError(f"campaign {campaign_id!r} is not in core.campaign; load the reference data first")
    return campaign


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
    """Apply pending migrations in order, each in its own transaction, then the data dictionary's
    comments that the catalogue lacks (committed as the connection closes); return the applied names."""
    applied_now = []
    with connect(uri) as conn:
        if pending_migrations(conn) == []:
            dictionary.apply(conn)
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
        dictionary.apply(conn)
    return applied_now


def _reference_checksum(reference_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(reference_dir.rglob("*.csv")):
        digest.update(path.relative_to(reference_dir).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


# Reference loaders -------------------------------------------------------------------------------
# Each loader takes the load's connection and the reference folder and brings one part of `core`
# to what the files say; they run in this order in one transaction (a later one may rely on an
# earlier one, e.g. targets on campaigns), and any exception rolls the whole load back. A pure
# reference table derived wholly from files is replaced whole, so a row removed from a file goes.
# To add one: write `load_<thing>(conn, reference_dir)` and append it to REFERENCE_LOADERS.

ReferenceLoader = Callable[[psycopg.Connection, Path], object]


def load_admin_versions(conn: psycopg.Connection, reference_dir: Path) -> None:
    """Upsert the versions; refuse two that start on the same day (the latest would be ambiguous)."""
    versions = reference.admin_versions(reference_dir)
    starts = {version_id: valid_from for version_id, valid_from in conn.execute(load_sql("reference/select_admin_version.sql"))}
    starts.update({version.version_id: version.valid_from for version in versions.values()})
    by_start: dict = {}
    for version_id, valid_from in sorted(starts.items()):
        by_start.setdefault(valid_from, []).append(version_id)
    clashes = [f"{', '.join(ids)} all from {start}" for start, ids in sorted(by_start.items()) if len(ids) > 1]
    if clashes:
        raise reference.AdminVersionDateConflict(
            f"administrative versions must start on different days, or none is the latest: {'; '.join(clashes)}; "
            "give each its own valid_from in admin_versions.csv")
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


def _stored_units(conn: psycopg.Connection, version_ids: list[str]) -> dict[str, dict[str, reference.AdminUnit]]:
    stored: dict[str, dict[str, reference.AdminUnit]] = {version_id: {} for version_id in version_ids}
    for version_id, code, *fields in conn.execute(load_sql("reference/select_admin_unit.sql"), {"version_ids": version_ids}):
        stored[version_id][code] = reference.AdminUnit(code, *fields)
    return stored


def load_admin_units(conn: psycopg.Connection, reference_dir: Path) -> list[reference.UnitChange]:
    """Bring each version's units to its file: add, change and remove units, per version.

    A unit with accepted facts is changed or removed only as a reviewed recode file says
    (reference.decide_unit_changes); otherwise UnreviewedUnitChange stops the load. Recoded facts
    move before the units change; every change is logged in dq.reference_change."""
    versions = reference.admin_versions(reference_dir)
    recode_paths = reference.recode_files(reference_dir)
    unknown = sorted(set(recode_paths) - set(versions))
    if unknown:
        raise reference.RecodeFileError(f"recode files for unknown administrative versions: {', '.join(unknown)} "
                                        f"(name them recodes/<version_id>.csv)")
    stored = _stored_units(conn, list(versions))
    decided: list[reference.UnitChange] = []
    unreviewed: list[str] = []
    for version_id, version in versions.items():
        incoming = {unit.unit_code: unit for unit in version.units}
        if len(incoming) != len(version.units):
            raise ValueError(f"{version_id}: a unit code appears twice in its units file")
        recodes = reference.read_recodes(recode_paths[version_id]) if version_id in recode_paths else {}
        candidates = {change.unit_code for change in reference.unit_changes(version_id, stored[version_id], incoming)
                      if change.change != "added"}
        candidates |= {entry.new_unit_code for entry in recodes.values() if entry.new_unit_code}
        with_facts = {code for (code,) in conn.execute(load_sql("reference/select_units_with_facts.sql"),
                                                       {"version_id": version_id, "unit_codes": sorted(candidates)})}
        logged = {code for (code,) in conn.execute(load_sql("reference/select_logged_unit_codes.sql"),
                                                   {"version_id": version_id})} if recodes else set()
        changes, problems = reference.decide_unit_changes(
            version_id, stored[version_id], incoming, with_facts, recodes, logged,
            f"{reference.RECODES_DIR}/{version_id}.csv")
        decided += changes
        unreviewed += problems
    if unreviewed:
        raise reference.UnreviewedUnitChange(
            f"the reference files would rename, re-code or remove {len(unreviewed)} unit(s) that have accepted facts: "
            f"{reference.listed(unreviewed)}. Nothing was loaded. Either keep those units as they were, or "
            f"write a reviewed entry for each in {reference.RECODES_DIR}/<version_id>.csv "
            f"({','.join(reference.RECODE_COLUMNS)}; action rename = the same unit under its new attributes, "
            f"recode = its facts move to new_unit_code); see docs/operations.md section 8")
    moved = _move_recoded_facts(conn, [change for change in decided if change.action == "recoded"])
    conn.execute(load_sql("reference/create_incoming_admin_unit.sql"))
    with conn.cursor().copy(load_sql("reference/copy_incoming_admin_unit.sql")) as copy:
        for version in versions.values():
            for unit in version.units:
                copy.write_row((version.version_id, unit.unit_code, unit.level, unit.name, unit.division_type,
                                unit.parent_code, unit.province_code))
    conn.execute(load_sql("reference/delete_removed_admin_unit.sql"), {"version_ids": list(versions)})
    conn.execute(load_sql("reference/upsert_admin_unit.sql"))
    _log_unit_changes(conn, decided, moved)
    if decided:
        log.info("administrative units: %d added, %d changed, %d removed (%d reviewed)",
                 *(sum(change.change == kind for change in decided) for kind in ("added", "changed", "removed")),
                 sum(change.action != "applied" for change in decided))
    return decided


def _move_recoded_facts(conn: psycopg.Connection, recoded: list[reference.UnitChange]) -> dict[tuple[str, str], int]:
    """Move the accepted facts of every recoded commune to its new code; rows moved per (version, old code)."""
    if not recoded:
        return {}
    conn.execute(load_sql("reference/create_commune_recode.sql"))
    with conn.cursor().copy(load_sql("reference/copy_commune_recode.sql")) as copy:
        for change in recoded:
            copy.write_row((change.version_id, change.unit_code, change.new_unit_code))
    conn.execute(load_sql("reference/create_moved_commune_report.sql"))
    conn.execute(load_sql("reference/delete_recoded_commune_report.sql"))
    conn.execute(load_sql("reference/insert_recoded_commune_report.sql"))
    counts = {(version_id, code): count for version_id, code, count
              in conn.execute(load_sql("reference/select_moved_commune_report_count.sql"))}
    return {(change.version_id, change.unit_code): counts.get((change.version_id, change.unit_code), 0)
            for change in recoded}


def _log_unit_changes(conn: psycopg.Connection, changes: list[reference.UnitChange],
                      moved: dict[tuple[str, str], int]) -> None:
    if not changes:
        return
    checksum = conn.execute(load_sql("reference/select_reference_checksum.sql")).fetchone()[0]
    with conn.cursor().copy(load_sql("reference/copy_reference_change.sql")) as copy:
        for change in sorted(changes, key=lambda change: (change.version_id, change.unit_code)):
            old = [getattr(change.old, name) if change.old else None for name in reference.UNIT_FIELDS]
            new = [getattr(change.new, name) if change.new else None for name in reference.UNIT_FIELDS]
            entry = change.recode
            copy.write_row((checksum, change.version_id, change.unit_code, change.change, change.action, *old, *new,
                            change.new_unit_code, moved.get((change.version_id, change.unit_code)),
                            entry.reviewed_by if entry else None, entry.reviewed_on if entry else None,
                            entry.reason if entry else None))


def load_campaigns(conn: psycopg.Connection, reference_dir: Path) -> None:
    versions = reference.admin_versions(reference_dir)
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


def load_campaign_targets(conn: psycopg.Connection, reference_dir: Path) -> None:
    conn.execute(load_sql("reference/delete_campaign_target.sql"))
    for target in reference.read_csv(reference_dir / "campaign_targets.csv"):
        conn.execute(load_sql("reference/insert_campaign_target.sql"), target)


def load_province_crosswalks(conn: psycopg.Connection, reference_dir: Path) -> None:
    conn.execute(load_sql("reference/delete_province_crosswalk.sql"))
    for crosswalk_file in sorted((reference_dir / "crosswalks").glob("province_*.csv")):
        for row in reference.read_csv(crosswalk_file):
            conn.execute(load_sql("reference/insert_province_crosswalk.sql"),
                         {**row, "whole_unit": row["whole_unit"] == "true"})


def load_region_groupings(conn: psycopg.Connection, reference_dir: Path) -> None:
    regions.load_region_groupings(conn, reference_dir, reference.admin_versions(reference_dir))


REFERENCE_LOADERS: tuple[ReferenceLoader, ...] = (
    load_admin_versions,
    load_admin_units,  # before campaigns: facts are found through the campaigns as stored
    load_campaigns,
    load_campaign_targets,
    load_province_crosswalks,
    crosswalks.load_commune_crosswalks,
    load_region_groupings,
)


def load_reference(uri: str, reference_dir: Path = REFERENCE_DIR) -> bool:
    """Run every reference loader in one transaction; skip when the files are unchanged.

    Returns True when the reference data was (re)loaded.
    """
    checksum = _reference_checksum(reference_dir)
    with connect(uri) as conn, conn.transaction():
        conn.execute(load_sql("reference/lock_reference_load.sql"))
        if conn.execute(load_sql("reference/select_reference_load.sql"), {"checksum": checksum}).fetchone():
            return False
        # load the files as they are now, not as an earlier call in this process cached them
        reference.admin_versions.cache_clear()
        reference.campaigns.cache_clear()
        conn.execute(load_sql("reference/set_reference_checksum.sql"), {"checksum": checksum})
        for loader in REFERENCE_LOADERS:
            loader(conn, reference_dir)
        conn.execute(load_sql("reference/record_reference_load.sql"), {"checksum": checksum})
        conn.execute(load_sql("reference/analyze_reference.sql"))
    log.info("reference data loaded (checksum %s)", checksum[:12])
    return True


def prepare(uri: str, reference_dir: Path = REFERENCE_DIR) -> None:
    """Bring a warehouse to the current schema and reference data; safe to run any number of times."""
    migrate(uri)
    load_reference(uri, reference_dir)


