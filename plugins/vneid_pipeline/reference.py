"""Reference data: administrative-unit versions and campaigns, read from include/reference/."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

from vneid_pipeline.settings import REFERENCE_DIR


@dataclass(frozen=True)
class AdminUnit:
    unit_code: str
    level: str  # province | district | commune
    name: str
    division_type: str
    parent_code: str | None
    province_code: str


@dataclass(frozen=True)
class AdminVersion:
    version_id: str
    title: str
    valid_from: dt.date
    valid_to: dt.date | None
    has_districts: bool
    units: tuple[AdminUnit, ...] = field(repr=False)

    def provinces(self) -> list[AdminUnit]:
        return [unit for unit in self.units if unit.level == "province"]

    def communes_of(self, province_code: str) -> list[AdminUnit]:
        return [unit for unit in self.units if unit.level == "commune" and unit.province_code == province_code]

    def province(self, province_code: str) -> AdminUnit:
        for unit in self.units:
            if unit.level == "province" and unit.unit_code == province_code:
                return unit
        raise KeyError(f"province {province_code!r} does not exist in administrative version {self.version_id}")


@dataclass(frozen=True)
class Campaign:
    campaign_id: str
    title: str
    first_day: dt.date
    last_day: dt.date
    admin_version_id: str
    target_rate: Decimal

    def days(self) -> list[dt.date]:
        count = (self.last_day - self.first_day).days + 1
        return [self.first_day + dt.timedelta(days=offset) for offset in range(count)]

    def covers(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def read_csv(path: Path, header: tuple[str, ...] | None = None, error: type[Exception] = ValueError) -> list[dict]:
    """A reference file's rows by header (UTF-8); `error` when the header is not exactly `header`."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if header is not None and tuple(reader.fieldnames or ()) != header:
            raise error(f"{path.name}: header must be {','.join(header)}, not {','.join(reader.fieldnames or ())}")
        return list(reader)


@cache
def admin_versions(reference_dir: Path = REFERENCE_DIR) -> dict[str, AdminVersion]:
    versions = {}
    for row in read_csv(reference_dir / "admin_versions.csv"):
        units = tuple(
            AdminUnit(
                unit_code=unit["unit_code"],
                level=unit["level"],
                name=_nfc(unit["name"]),
                division_type=_nfc(unit["division_type"]),
                parent_code=unit["parent_code"] or None,
                province_code=unit["province_code"],
            )
            for unit in read_csv(reference_dir / row["units_file"])
        )
        versions[row["version_id"]] = AdminVersion(
            version_id=row["version_id"],
            title=row["title"],
            valid_from=dt.date.fromisoformat(row["valid_from"]),
            valid_to=dt.date.fromisoformat(row["valid_to"]) if row["valid_to"] else None,
            has_districts=row["has_districts"] == "true",
            units=units,
        )
    return versions


@cache
def campaigns(reference_dir: Path = REFERENCE_DIR) -> dict[str, Campaign]:
    return {
        row["campaign_id"]: Campaign(
            campaign_id=row["campaign_id"],
            title=_nfc(row["title"]),
            first_day=dt.date.fromisoformat(row["first_day"]),
            last_day=dt.date.fromisoformat(row["last_day"]),
            admin_version_id=row["admin_version_id"],
            target_rate=Decimal(row["target_rate"]),
        )
        for row in read_csv(reference_dir / "campaigns.csv")
    }


def campaign(campaign_id: str, reference_dir: Path = REFERENCE_DIR) -> Campaign:
    known = campaigns(reference_dir)
    if campaign_id not in known:
        raise KeyError(f"unknown campaign {campaign_id!r}; known campaigns: {', '.join(sorted(known))}")
    return known[campaign_id]


def version_of(campaign_: Campaign, reference_dir: Path = REFERENCE_DIR) -> AdminVersion:
    return admin_versions(reference_dir)[campaign_.admin_version_id]


# Reference changes ----------------------------------------------------------------------------
# A unit list may be corrected inside a version (e.g. the official list replacing a draft). What
# that does to units that already carry accepted facts is decided by people, in a reviewed recode
# file `recodes/<version_id>.csv`, never by the loader alone.

RECODES_DIR = "recodes"
RECODE_COLUMNS = ("unit_code", "action", "new_unit_code", "reviewed_by", "reviewed_on", "reason")
RECODE_ACTIONS = ("rename", "recode")
UNIT_FIELDS = ("level", "name", "division_type", "parent_code", "province_code")
MAX_LISTED = 20


class ReferenceLoadError(ValueError):
    """Reference files the warehouse must not take as they are; nothing of the load is applied."""


class AdminVersionDateConflict(ReferenceLoadError):
    """Two administrative versions start on the same day, so neither would be the latest."""


class RecodeFileError(ReferenceLoadError):
    """A recode file that is malformed or does not fit the units it talks about."""


class UnreviewedUnitChange(ReferenceLoadError):
    """Units with accepted facts would be renamed, re-coded or removed without a reviewed recode entry."""


@dataclass(frozen=True)
class Recode:
    """One reviewed entry: what happens to a changed or removed unit that has accepted facts.

    rename: the same unit under new attributes; its facts stay. recode (communes only): its facts
    move to new_unit_code, a commune of the incoming list in the same province."""

    unit_code: str
    action: str
    new_unit_code: str | None
    reviewed_by: str
    reviewed_on: dt.date
    reason: str
    line: int


@dataclass(frozen=True)
class UnitChange:
    version_id: str
    unit_code: str
    change: str  # added | changed | removed
    old: AdminUnit | None
    new: AdminUnit | None
    action: str = "applied"  # applied | renamed | recoded
    recode: Recode | None = None

    @property
    def new_unit_code(self) -> str | None:
        return self.recode.new_unit_code if self.action == "recoded" else None


def listed(problems: list[str]) -> str:
    """The first MAX_LISTED items and how many more there are."""
    shown = "; ".join(problems[:MAX_LISTED])
    return shown + (f"; and {len(problems) - MAX_LISTED} more" if len(problems) > MAX_LISTED else "")


def recode_files(reference_dir: Path = REFERENCE_DIR) -> dict[str, Path]:
    """The recode file of each version that has one, by version_id."""
    folder = reference_dir / RECODES_DIR
    return {path.stem: path for path in sorted(folder.glob("*.csv"))} if folder.is_dir() else {}


def read_recodes(path: Path) -> dict[str, Recode]:
    """The entries of one recode file by unit_code, after checking each field; RecodeFileError otherwise."""
    rows = read_csv(path, RECODE_COLUMNS, RecodeFileError)
    problems: list[str] = []
    entries: dict[str, Recode] = {}
    for line, row in enumerate(rows, start=2):
        if None in row or any(value is None for value in row.values()):
            problems.append(f"line {line}: expected {len(RECODE_COLUMNS)} fields")
            continue
        row = {key: _nfc(value.strip()) for key, value in row.items()}
        known = len(problems)
        code, action, new_code = row["unit_code"], row["action"], row["new_unit_code"]
        if not (code.isdigit() and len(code) in (2, 3, 5)):
            problems.append(f"line {line}: unit_code {code!r} is not a 2-, 3- or 5-digit code")
        if action not in RECODE_ACTIONS:
            problems.append(f"line {line}: unknown action {action!r} (one of {', '.join(RECODE_ACTIONS)})")
        elif action == "recode" and not (new_code.isdigit() and len(new_code) == 5):
            problems.append(f"line {line}: recode needs new_unit_code, a 5-digit commune code, not {new_code!r}")
        elif action == "recode" and new_code == code:
            problems.append(f"line {line}: recode of {code} to itself; use rename")
        elif action == "rename" and new_code:
            problems.append(f"line {line}: rename keeps the code; leave new_unit_code empty, not {new_code!r}")
        if not row["reviewed_by"]:
            problems.append(f"line {line}: reviewed_by is empty; every entry needs a named reviewer")
        try:
            reviewed_on = dt.date.fromisoformat(row["reviewed_on"])
        except ValueError:
            problems.append(f"line {line}: reviewed_on {row['reviewed_on']!r} is not a YYYY-MM-DD date")
            reviewed_on = None
        if not row["reason"]:
            problems.append(f"line {line}: reason is empty")
        if code in entries:
            problems.append(f"line {line}: unit {code} already has an entry on line {entries[code].line}")
        if len(problems) == known:
            entries[code] = Recode(code, action, new_code or None, row["reviewed_by"], reviewed_on, row["reason"], line)
    if problems:
        raise RecodeFileError(f"{path.name}: {len(problems)} problem(s): {listed(problems)}")
    return entries


def unit_changes(version_id: str, stored: dict[str, AdminUnit], incoming: dict[str, AdminUnit]) -> list[UnitChange]:
    """Added, changed and removed units of one version, by code."""
    changes = []
    for code in sorted(stored.keys() | incoming.keys()):
        old, new = stored.get(code), incoming.get(code)
        if old is None:
            changes.append(UnitChange(version_id, code, "added", None, new))
        elif new is None:
            changes.append(UnitChange(version_id, code, "removed", old, None))
        elif old != new:
            changes.append(UnitChange(version_id, code, "changed", old, new))
    return changes


def _describe(change: UnitChange) -> str:
    if change.change == "removed":
        return f"{change.version_id} {change.unit_code} {change.old.name} → removed"
    differences = [f"{name} {getattr(change.old, name)!s} → {getattr(change.new, name)!s}"
                   for name in UNIT_FIELDS if getattr(change.old, name) != getattr(change.new, name)]
    return f"{change.version_id} {change.unit_code} " + ", ".join(differences)


def decide_unit_changes(version_id: str, stored: dict[str, AdminUnit], incoming: dict[str, AdminUnit],
                        with_facts: set[str], recodes: dict[str, Recode], logged: set[str],
                        recode_file: str) -> tuple[list[UnitChange], list[str]]:
    """Every change of one version with the action it gets, and the changes nobody reviewed.

    with_facts: stored codes (and recode targets) with accepted facts; logged: codes this version's
    earlier loads logged, so that an entry already applied is recognised rather than refused.
    A recode entry applies only while its unit is changed or removed: once applied, the same file
    does nothing on later loads, and it is harmless on a warehouse that never held the old list."""
    changes = unit_changes(version_id, stored, incoming)
    by_code = {change.unit_code: change for change in changes}
    problems: list[str] = []
    for entry in recodes.values():
        where = f"{recode_file} line {entry.line}"
        if entry.unit_code not in stored and entry.unit_code not in incoming and entry.unit_code not in logged:
            problems.append(f"{where}: unknown unit {entry.unit_code} in {version_id}")
            continue
        if entry.action == "recode":
            target = incoming.get(entry.new_unit_code)
            source = stored.get(entry.unit_code) or incoming.get(entry.unit_code)
            if target is None or target.level != "commune":
                problems.append(f"{where}: new_unit_code {entry.new_unit_code} is not a commune of the incoming "
                                f"{version_id} list")
            elif source is not None and source.level != "commune":
                problems.append(f"{where}: only communes can be recoded; {entry.unit_code} is a {source.level}")
            elif source is not None and source.province_code != target.province_code:
                problems.append(f"{where}: {entry.unit_code} (province {source.province_code}) cannot be recoded "
                                f"to {entry.new_unit_code} of province {target.province_code}: its facts were "
                                "reported by its own province")
        change = by_code.get(entry.unit_code)
        if change is None or change.change == "added":
            continue
        if entry.action == "rename" and change.change == "removed":
            problems.append(f"{where}: {entry.unit_code} is removed from the list; rename keeps a unit, "
                            "recode moves its facts to another commune")
        elif (entry.action == "rename" and entry.unit_code in with_facts
              and change.old.province_code != change.new.province_code):
            problems.append(f"{where}: {entry.unit_code} has accepted facts reported by province "
                            f"{change.old.province_code}; it cannot move to province {change.new.province_code}")
    recoded = {entry.unit_code: entry for entry in recodes.values()
               if entry.action == "recode" and entry.unit_code in by_code and by_code[entry.unit_code].change != "added"}
    targets: dict[str, str] = {}
    for entry in recoded.values():
        if entry.new_unit_code in targets:
            problems.append(f"{recode_file} line {entry.line}: {entry.unit_code} and {targets[entry.new_unit_code]} "
                            f"both recoded to {entry.new_unit_code}; merging units is not supported")
        targets[entry.new_unit_code] = entry.unit_code
        if entry.new_unit_code in with_facts and entry.new_unit_code not in recoded:
            problems.append(f"{recode_file} line {entry.line}: {entry.new_unit_code} already has accepted facts of "
                            f"its own; recoding {entry.unit_code} into it would merge two units (not supported)")
    if problems:
        raise RecodeFileError(f"recode file for {version_id}: {len(problems)} problem(s): {listed(problems)}")
    decided, unreviewed = [], []
    for change in changes:
        entry = recodes.get(change.unit_code) if change.change != "added" else None
        if entry is not None:
            decided.append(dataclasses.replace(change, action="renamed" if entry.action == "rename" else "recoded",
                                               recode=entry))
            continue
        if change.change != "added" and change.unit_code in with_facts:
            note = ""
            if change.change == "removed" and change.old.level != "commune":
                note = " (a province or district with accepted facts cannot leave its version: add a new version)"
            unreviewed.append(_describe(change) + note)
        decided.append(change)
    return decided, unreviewed
