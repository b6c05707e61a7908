"""The bundled regional groupings partition the provinces of their versions as their sources say,
and a grouping that does not is refused before anything is loaded."""

from __future__ import annotations

import dataclasses
import unicodedata
from collections import Counter

import pytest

from vneid_pipeline import reference
from vneid_pipeline.regions import RegionGroupingError, RegionMember, read_groupings, validate_groupings
from vneid_pipeline.settings import REFERENCE_DIR

# The provinces of each region, by name, as the sources list them (PROVENANCE.md, section Regions).
EXPECTED = {
    "vung-kt-xh-2023": ("vn-2025-01", "official", {
        "Trung du và miền núi phía Bắc": "Hà Giang, Cao Bằng, Bắc Kạn, Tuyên Quang, Lào Cai, Yên Bái, Thái Nguyên, "
                                         "Lạng Sơn, Bắc Giang, Phú Thọ, Điện Biên, Lai Châu, Sơn La, Hòa Bình",
        "Đồng bằng sông Hồng": "Hà Nội, Vĩnh Phúc, Bắc Ninh, Quảng Ninh, Hải Dương, Hải Phòng, Hưng Yên, Thái Bình, "
                               "Hà Nam, Nam Định, Ninh Bình",
        "Bắc Trung Bộ và duyên hải miền Trung": "Thanh Hóa, Nghệ An, Hà Tĩnh, Quảng Bình, Quảng Trị, Thừa Thiên Huế, "
                                                "Đà Nẵng, Quảng Nam, Quảng Ngãi, Bình Định, Phú Yên, Khánh Hòa, "
                                                "Ninh Thuận, Bình Thuận",
        "Tây Nguyên": "Kon Tum, Gia Lai, Đắk Lắk, Đắk Nông, Lâm Đồng",
        "Đông Nam Bộ": "Hồ Chí Minh, Đồng Nai, Bà Rịa - Vũng Tàu, Bình Dương, Bình Phước, Tây Ninh",
        "Đồng bằng sông Cửu Long": "Cần Thơ, Long An, Tiền Giang, Bến Tre, Trà Vinh, Vĩnh Long, An Giang, Đồng Tháp, "
                                   "Kiên Giang, Hậu Giang, Sóc Trăng, Bạc Liêu, Cà Mau",
    }),
    "vung-kt-xh-2025": ("vn-2025-07", "draft", {
        "Trung du và miền núi phía Bắc": "Lạng Sơn, Cao Bằng, Thái Nguyên, Tuyên Quang, Phú Thọ, Lào Cai, Lai Châu, "
                                         "Điện Biên, Sơn La",
        "Đồng bằng sông Hồng": "Hà Nội, Hải Phòng, Ninh Bình, Hưng Yên, Bắc Ninh, Quảng Ninh",
        "Bắc Trung Bộ": "Thanh Hóa, Nghệ An, Hà Tĩnh, Quảng Trị, Huế",
        "Duyên hải Nam Trung Bộ và Tây Nguyên": "Đà Nẵng, Quảng Ngãi, Gia Lai, Đắk Lắk, Khánh Hòa, Lâm Đồng",
        "Đông Nam Bộ": "Hồ Chí Minh, Đồng Nai, Tây Ninh",
        "Đồng bằng sông Cửu Long": "Cần Thơ, Vĩnh Long, Đồng Tháp, An Giang, Cà Mau",
    }),
}
# Spellings that differ between the sources and the statistics office list: the old tone-mark
# placement of "Hoà", and Thừa Thiên Huế, a city named Huế since January 2025.
SAME_PROVINCE = {"Hoà Bình": "Hòa Bình", "Huế": "Thừa Thiên Huế"}


def bare_name(name: str, version_id: str) -> str:
    name = unicodedata.normalize("NFC", name)
    for prefix in ("Thành phố ", "Tỉnh "):
        name = name.removeprefix(prefix)
    return name if version_id == "vn-2025-07" else SAME_PROVINCE.get(name, name)


@pytest.fixture(scope="module")
def groupings():
    return {grouping.grouping_id: grouping for grouping in read_groupings(REFERENCE_DIR)}


@pytest.fixture(scope="module")
def versions():
    return reference.admin_versions(REFERENCE_DIR)


def test_the_bundled_groupings_pass_the_load_validation(groupings, versions):
    assert sorted(groupings) == sorted(EXPECTED)
    validate_groupings(list(groupings.values()), versions)


@pytest.mark.parametrize("grouping_id", sorted(EXPECTED))
def test_each_region_holds_the_provinces_its_source_lists(groupings, versions, grouping_id):
    version_id, status, regions = EXPECTED[grouping_id]
    grouping = groupings[grouping_id]
    assert (grouping.version_id, grouping.status, grouping.is_primary) == (version_id, status, True)
    provinces = {unit.unit_code: bare_name(unit.name, version_id) for unit in versions[version_id].provinces()}
    placed = Counter(member.province_code for member in grouping.members)
    assert set(placed) == set(provinces) and set(placed.values()) == {1}
    by_region: dict[str, set[str]] = {}
    for member in grouping.members:
        by_region.setdefault(member.region_name, set()).add(provinces[member.province_code])
    assert by_region == {name: set(listed.split(", ")) for name, listed in regions.items()}
    assert [len(by_region[name]) for name in regions] == (
        [14, 11, 14, 5, 6, 13] if version_id == "vn-2025-01" else [9, 6, 5, 6, 3, 5])


def test_region_codes_are_short_ascii_and_one_per_name(groupings):
    for grouping in groupings.values():
        codes = grouping.regions()
        assert len(codes) == 6 and len(set(codes.values())) == 6
        assert all(code.isascii() and code.isupper() and code.isalpha() for code in codes)
        assert all(unicodedata.is_normalized("NFC", name) for name in codes.values())


def with_members(grouping, members):
    return dataclasses.replace(grouping, members=tuple(members))


def test_a_province_in_two_regions_is_refused(groupings, versions):
    grouping = groupings["vung-kt-xh-2025"]
    extra = RegionMember("DNB", "Đông Nam Bộ", grouping.members[0].province_code)
    with pytest.raises(RegionGroupingError, match="in more than one region"):
        validate_groupings([with_members(grouping, [*grouping.members, extra])], versions)


def test_a_province_of_another_version_is_refused(groupings, versions):
    grouping = groupings["vung-kt-xh-2025"]
    # 30 was Hải Dương before the reform; it is no province of vn-2025-07
    members = [*grouping.members, RegionMember("DBSH", "Đồng bằng sông Hồng", "30")]
    with pytest.raises(RegionGroupingError, match="30 do not exist in vn-2025-07"):
        validate_groupings([with_members(grouping, members)], versions)


def test_a_region_with_two_names_and_a_second_primary_grouping_are_refused(groupings, versions):
    grouping = groupings["vung-kt-xh-2025"]
    renamed = [dataclasses.replace(grouping.members[0], region_name="Miền núi")] + list(grouping.members[1:])
    with pytest.raises(RegionGroupingError, match="is named both"):
        validate_groupings([with_members(grouping, renamed)], versions)
    twin = dataclasses.replace(grouping, grouping_id="twin")
    with pytest.raises(RegionGroupingError, match="2 primary region groupings"):
        validate_groupings([grouping, twin], versions)
    with pytest.raises(RegionGroupingError, match="status 'adopted'"):
        validate_groupings([dataclasses.replace(grouping, status="adopted")], versions)
