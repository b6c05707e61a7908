"""Regional groupings of provinces (socio-economic regions), read from include/reference/regions/.

A grouping is data bound to one administrative version: `groupings.csv` lists them and
`<grouping_id>.csv` holds its membership (region_code, region_name, province_code). Regions of
different groupings are never compared, so a region code only means something within its grouping.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from vneid_pipeline import reference
from vneid_pipeline.reference import AdminVersion
from vneid_pipeline.sqlfiles import load_sql

REGIONS_DIR = "regions"
GROUPINGS_FILE = "groupings.csv"
STATUSES = ("official", "draft")


class RegionGroupingError(ValueError):
    pass


@dataclass(frozen=True)
class RegionMember:
    region_code: str
    region_name: str
    province_code: str


@dataclass(frozen=True)
class RegionGrouping:
    grouping_id: str
    version_id: str
    title: str
    basis: str
    status: str
    is_primary: bool
    members: tuple[RegionMember, ...]

    def regions(self) -> dict[str, str]:
        return {member.region_code: member.region_name for member in self.members}


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


def read_groupings(reference_dir: Path) -> list[RegionGrouping]:
    """Every grouping of the reference folder; none when it has no regions/ folder (an older layout)."""
    groupings_path = reference_dir / REGIONS_DIR / GROUPINGS_FILE
    if not groupings_path.is_file():
        return []
    groupings = []
    for row in reference.read_csv(groupings_path):
        grouping_id = row["grouping_id"].strip()
        members_path = reference_dir / REGIONS_DIR / f"{grouping_id}.csv"
        if not grouping_id or members_path.name == GROUPINGS_FILE or not members_path.is_file():
            raise RegionGroupingError(f"region grouping {grouping_id!r} has no membership file {members_path.name}")
        members = tuple(RegionMember(member["region_code"].strip(), _nfc(member["region_name"]),
                                     member["province_code"].strip())
                        for member in reference.read_csv(members_path))
        groupings.append(RegionGrouping(grouping_id, row["version_id"].strip(), _nfc(row["title"]), _nfc(row["basis"]),
                                        row["status"].strip(), row["is_primary"].strip() == "true", members))
    return groupings


def validate_groupings(groupings: list[RegionGrouping], versions: dict[str, AdminVersion]) -> None:
    """Refuse a grouping that does not partition the provinces of its version, region by region."""
    primaries = Counter(grouping.version_id for grouping in groupings if grouping.is_primary)
    for version_id, count in primaries.items():
        if count > 1:
            raise RegionGroupingError(f"administrative version {version_id} has {count} primary region groupings; "
                                      "at most one is shown beside the provinces")
    for grouping in groupings:
        where = f"region grouping {grouping.grouping_id}"
        if grouping.status not in STATUSES:
            raise RegionGroupingError(f"{where}: status {grouping.status!r} is not one of {', '.join(STATUSES)}")
        version = versions.get(grouping.version_id)
        if version is None:
            raise RegionGroupingError(f"{where}: unknown administrative version {grouping.version_id!r}")
        if not grouping.members:
            raise RegionGroupingError(f"{where}: no regions")
        names: dict[str, str] = {}
        for member in grouping.members:
            if not member.region_code or not member.region_name:
                raise RegionGroupingError(f"{where}: a row without region_code or region_name")
            if names.setdefault(member.region_code, member.region_name) != member.region_name:
                raise RegionGroupingError(f"{where}: region {member.region_code} is named both "
                                          f"{names[member.region_code]!r} and {member.region_name!r}")
        provinces = {unit.unit_code for unit in version.provinces()}
        placed = Counter(member.province_code for member in grouping.members)
        unknown = sorted(set(placed) - provinces)
        if unknown:
            raise RegionGroupingError(f"{where}: province(s) {', '.join(unknown)} do not exist in {version.version_id}")
        twice = sorted(code for code, count in placed.items() if count > 1)
        if twice:
            raise RegionGroupingError(f"{where}: province(s) {', '.join(twice)} are in more than one region")
        left_out = sorted(provinces - set(placed))
        if left_out:
            raise RegionGroupingError(f"{where}: province(s) {', '.join(left_out)} of {version.version_id} "
                                      "are in no region")


def load_region_groupings(conn, reference_dir: Path, versions: dict[str, AdminVersion] | None = None) -> int:
    """Replace every grouping, region and membership row inside the caller's transaction; returns
    the number of groupings. Rows are replaced whole so a grouping removed from the folder goes."""
    groupings = read_groupings(reference_dir)
    validate_groupings(groupings, versions if versions is not None else reference.admin_versions(reference_dir))
    conn.execute(load_sql("reference/delete_region_groupings.sql"))
    for grouping in groupings:
        conn.execute(load_sql("reference/insert_region_grouping.sql"),
                     {"grouping_id": grouping.grouping_id, "version_id": grouping.version_id, "title": grouping.title,
                      "basis": grouping.basis, "status": grouping.status, "is_primary": grouping.is_primary})
        for region_code, region_name in grouping.regions().items():
            conn.execute(load_sql("reference/insert_region.sql"),
                         {"grouping_id": grouping.grouping_id, "region_code": region_code, "region_name": region_name})
        for member in grouping.members:
            conn.execute(load_sql("reference/insert_region_province.sql"),
                         {"grouping_id": grouping.grouping_id, "version_id": grouping.version_id,
                          "region_code": member.region_code, "province_code": member.province_code})
    return len(groupings)
