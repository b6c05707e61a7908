"""The province crosswalk from the 63 former provinces to the 34 current ones (2025 reform)."""

from __future__ import annotations

import csv
from collections import defaultdict

from vneid_pipeline import reference
from vneid_pipeline.settings import REFERENCE_DIR

CROSSWALK = REFERENCE_DIR / "crosswalks" / "province_vn-2025-01_to_vn-2025-07.csv"


def rows():
    with CROSSWALK.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_former_province_goes_whole_into_exactly_one_current_province():
    former = {unit.unit_code for unit in reference.admin_versions()["vn-2025-01"].provinces()}
    current = {unit.unit_code for unit in reference.admin_versions()["vn-2025-07"].provinces()}
    mapping = defaultdict(set)
    for row in rows():
        assert row["whole_unit"] == "true"
        mapping[row["from_province_code"]].add(row["to_province_code"])
    assert set(mapping) == former and len(former) == 63
    assert all(len(targets) == 1 for targets in mapping.values())
    assert {target for targets in mapping.values() for target in targets} == current and len(current) == 34


def test_known_mergers():
    formed_by = defaultdict(set)
    for row in rows():
        formed_by[row["to_province_code"]].add(row["from_province_code"])
    assert formed_by["31"] == {"30", "31"}  # Hải Phòng = former Hải Phòng + Hải Dương
    assert formed_by["79"] == {"74", "77", "79"}  # Hồ Chí Minh City = + Bình Dương + Bà Rịa - Vũng Tàu
    assert formed_by["01"] == {"01"} and formed_by["48"] == {"48", "49"}  # Hà Nội unchanged; Đà Nẵng + Quảng Nam
    names = {(row["from_province_code"], row["to_province_code"]): (row["from_province_name"], row["to_province_name"])
             for row in rows()}
    assert names[("30", "31")] == ("Tỉnh Hải Dương", "Thành phố Hải Phòng")


def test_names_in_the_crosswalk_match_the_unit_files():
    former = {u.unit_code: u.name for u in reference.admin_versions()["vn-2025-01"].provinces()}
    current = {u.unit_code: u.name for u in reference.admin_versions()["vn-2025-07"].provinces()}
    for row in rows():
        assert former[row["from_province_code"]] == row["from_province_name"]
        assert current[row["to_province_code"]] == row["to_province_name"]
