"""Commune crosswalks between administrative versions: read, checked against the unit lists, loaded.

A file `crosswalks/commune_<from>_to_<to>.csv` holds one row per (former commune, current commune)
pair. Loading replaces `core.commune_crosswalk` whole, so a pair removed from a file is gone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import psycopg

from vneid_pipeline import reference
from vneid_pipeline.sqlfiles import load_sql

COLUMNS = ("from_version_id", "from_commune_code", "from_commune_name", "from_province_code", "to_version_id",
           "to_commune_code", "to_commune_name", "to_province_code", "from_whole", "to_whole")
FLAGS = {"true": True, "false": False, "": None}


class CrosswalkError(ValueError):
    """A crosswalk file that does not agree with the unit lists it joins."""


@dataclass(frozen=True)
class CommunePair:
    from_version_id: str
    from_commune_code: str
    from_province_code: str
    to_version_id: str
    to_commune_code: str
    to_province_code: str
    from_whole: bool | None
    to_whole: bool | None


def read_commune_crosswalk(path: Path, versions: dict[str, reference.AdminVersion]) -> list[CommunePair]:
    """The pairs of one file, after checking every code and province against the two unit lists."""
    rows = reference.read_csv(path, COLUMNS, CrosswalkError)
    problems: list[str] = []
    pairs: list[CommunePair] = []
    seen: set[tuple[str, str]] = set()
    communes = {}
    for line, row in enumerate(rows, start=2):
        known_problems = len(problems)
        for side in ("from", "to"):
            version_id = row[f"{side}_version_id"]
            if version_id not in versions:
                problems.append(f"line {line}: unknown {side}_version_id {version_id!r}")
                continue
            if version_id not in communes:
                communes[version_id] = {unit.unit_code: unit for unit in versions[version_id].units
                                        if unit.level == "commune"}
            unit = communes[version_id].get(row[f"{side}_commune_code"])
            if unit is None:
                problems.append(f"line {line}: {side}_commune_code {row[f'{side}_commune_code']!r} is not a commune "
                                f"of {version_id}")
            elif unit.province_code != row[f"{side}_province_code"]:
                problems.append(f"line {line}: commune {unit.unit_code} belongs to province {unit.province_code} in "
                                f"{version_id}, not {row[f'{side}_province_code']}")
        for flag in ("from_whole", "to_whole"):
            if row[flag] not in FLAGS:
                problems.append(f"line {line}: {flag} must be true, false or empty, not {row[flag]!r}")
        key = (row["from_commune_code"], row["to_commune_code"])
        if key in seen:
            problems.append(f"line {line}: pair {key[0]} -> {key[1]} appears twice")
        seen.add(key)
        if len(problems) == known_problems:
            pairs.append(CommunePair(row["from_version_id"], row["from_commune_code"], row["from_province_code"],
                                     row["to_version_id"], row["to_commune_code"], row["to_province_code"],
                                     FLAGS[row["from_whole"]], FLAGS[row["to_whole"]]))
    if problems:
        raise CrosswalkError(f"{path.name}: {len(problems)} problem(s): {reference.listed(problems)}")
    return pairs


def commune_crosswalk_files(reference_dir: Path) -> list[Path]:
    return sorted((reference_dir / "crosswalks").glob("commune_*.csv"))


def load_commune_crosswalks(conn: psycopg.Connection, reference_dir: Path) -> int:
    """Replace core.commune_crosswalk with the pairs of every crosswalk file; returns the pair count.

    Runs inside the caller's reference-load transaction."""
    versions = reference.admin_versions(reference_dir)
    pairs = [pair for path in commune_crosswalk_files(reference_dir) for pair in read_commune_crosswalk(path, versions)]
    conn.execute(load_sql("reference/delete_commune_crosswalk.sql"))
    with conn.cursor().copy(load_sql("reference/copy_commune_crosswalk.sql")) as copy:
        for pair in pairs:
            copy.write_row((pair.from_version_id, pair.from_commune_code, pair.from_province_code, pair.to_version_id,
                            pair.to_commune_code, pair.to_province_code, pair.from_whole, pair.to_whole))
    return len(pairs)
