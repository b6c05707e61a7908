"""Reference data: administrative-unit versions and campaigns, read from include/reference/."""

from __future__ import annotations

import csv
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


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def admin_versions(reference_dir: Path = REFERENCE_DIR) -> dict[str, AdminVersion]:
    versions = {}
    for row in _read_csv(reference_dir / "admin_versions.csv"):
        units = tuple(
            AdminUnit(
                unit_code=unit["unit_code"],
                level=unit["level"],
                name=_nfc(unit["name"]),
                division_type=_nfc(unit["division_type"]),
                parent_code=unit["parent_code"] or None,
                province_code=unit["province_code"],
            )
            for unit in _read_csv(reference_dir / row["units_file"])
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
        for row in _read_csv(reference_dir / "campaigns.csv")
    }


def campaign(campaign_id: str, reference_dir: Path = REFERENCE_DIR) -> Campaign:
    known = campaigns(reference_dir)
    if campaign_id not in known:
        raise KeyError(f"unknown campaign {campaign_id!r}; known campaigns: {', '.join(sorted(known))}")
    return known[campaign_id]


def version_of(campaign_: Campaign, reference_dir: Path = REFERENCE_DIR) -> AdminVersion:
    return admin_versions(reference_dir)[campaign_.admin_version_id]
