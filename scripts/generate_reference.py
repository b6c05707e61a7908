"""Generate the administrative-unit reference files from the `vietnam-provinces` package data.

The two releases we need (0.6.0: before the 2025 reform; 2025.10.1: after it) both import as
`vietnam_provinces`, so they cannot be installed side by side. This script therefore reads the
JSON data files straight out of the downloaded wheels and writes one CSV per administrative
version into include/reference/admin_units/. Run it once when a new release is adopted:

    pip download --no-deps -d /tmp/vp vietnam-provinces==0.6.0
    pip download --no-deps -d /tmp/vp vietnam-provinces==2025.10.1
    python scripts/generate_reference.py /tmp/vp/vietnam_provinces-0.6.0-py3-none-any.whl \
        /tmp/vp/vietnam_provinces-2025.10.1-py3-none-any.whl
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
import unicodedata
import zipfile
from pathlib import Path

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "include" / "reference" / "admin_units"
DATA_MEMBER = "vietnam_provinces/data/nested-divisions.json"
VERSION_BY_RELEASE = {"0.6.0": "vn-2025-01", "2025.10.1": "vn-2025-07"}
HEADER = ["unit_code", "level", "name", "division_type", "parent_code", "province_code"]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def rows_from_divisions(provinces: list[dict]) -> list[list[str]]:
    rows: list[list[str]] = []
    for province in provinces:
        province_code = f"{province['code']:02d}"
        rows.append([province_code, "province", nfc(province["name"]), nfc(province["division_type"]), "", province_code])
        for district in province.get("districts", []):
            district_code = f"{district['code']:03d}"
            rows.append([district_code, "district", nfc(district["name"]), nfc(district["division_type"]), province_code, province_code])
            for ward in district["wards"]:
                rows.append([f"{ward['code']:05d}", "commune", nfc(ward["name"]), nfc(ward["division_type"]), district_code, province_code])
        for ward in province.get("wards", []):
            rows.append([f"{ward['code']:05d}", "commune", nfc(ward["name"]), nfc(ward["division_type"]), province_code, province_code])
    return rows


def main(wheel_paths: list[str]) -> None:
    for wheel_path in wheel_paths:
        release = Path(wheel_path).name.split("-")[1]
        version_id = VERSION_BY_RELEASE[release]
        with zipfile.ZipFile(wheel_path) as wheel:
            raw = wheel.read(DATA_MEMBER)
        rows = rows_from_divisions(json.loads(raw))
        target = REFERENCE_DIR / f"{version_id}.csv"
        with target.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(HEADER)
            writer.writerows(rows)
        counts = {level: sum(1 for row in rows if row[1] == level) for level in ("province", "district", "commune")}
        print(f"{version_id}: vietnam-provinces {release}, sha256 of source JSON {hashlib.sha256(raw).hexdigest()}, {counts}")


if __name__ == "__main__":
    main(sys.argv[1:])
