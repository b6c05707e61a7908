"""Reference data: the two administrative-unit versions and the campaigns."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter
from decimal import Decimal

import pytest

from vneid_pipeline import reference
from vneid_pipeline.settings import REFERENCE_DIR

BEFORE = "vn-2025-01"
AFTER = "vn-2025-07"
CODE_WIDTH = {"province": 2, "district": 3, "commune": 5}


@pytest.fixture(scope="module")
def versions():
    return reference.admin_versions()


def levels(version) -> Counter:
    return Counter(unit.level for unit in version.units)


def test_before_the_reform_counts(versions):
    version = versions[BEFORE]
    assert levels(version) == {"province": 63, "district": 696, "commune": 10051}
    assert version.has_districts is True
    assert len(version.provinces()) == 63


def test_after_the_reform_counts(versions):
    version = versions[AFTER]
    assert levels(version) == {"province": 34, "commune": 3321}
    assert version.has_districts is False
    assert len(version.provinces()) == 34


def test_versions_are_effective_dated_back_to_back(versions):
    assert versions[BEFORE].valid_from == dt.date(2025, 1, 1)
    assert versions[BEFORE].valid_to == dt.date(2025, 6, 30)
    assert versions[AFTER].valid_from == dt.date(2025, 7, 1)
    assert versions[AFTER].valid_to is None
    assert versions[BEFORE].valid_to + dt.timedelta(days=1) == versions[AFTER].valid_from


def test_same_code_different_units_across_versions(versions):
    assert versions[BEFORE].province("30").name == "Tỉnh Hải Dương"
    with pytest.raises(KeyError, match="30"):
        versions[AFTER].province("30")
    assert versions[BEFORE].province("31").name == "Thành phố Hải Phòng"
    assert versions[AFTER].province("31").name == "Thành phố Hải Phòng"


@pytest.mark.parametrize("version_id", [BEFORE, AFTER])
def test_every_unit_belongs_to_an_existing_province(versions, version_id):
    version = versions[version_id]
    provinces = {unit.unit_code for unit in version.provinces()}
    assert all(unit.province_code in provinces for unit in version.units)
    for unit in version.provinces():
        assert unit.province_code == unit.unit_code
        assert unit.parent_code is None


@pytest.mark.parametrize("version_id", [BEFORE, AFTER])
def test_parents_follow_the_levels(versions, version_id):
    version = versions[version_id]
    by_key = {(unit.level, unit.unit_code): unit for unit in version.units}
    parent_level = "district" if version.has_districts else "province"
    for unit in version.units:
        if unit.level == "commune":
            parent = by_key[(parent_level, unit.parent_code)]
            assert parent.province_code == unit.province_code
        elif unit.level == "district":
            assert unit.parent_code == unit.province_code


@pytest.mark.parametrize("version_id", [BEFORE, AFTER])
def test_codes_are_zero_padded_and_unique_per_level(versions, version_id):
    version = versions[version_id]
    for unit in version.units:
        assert unit.unit_code.isascii() and unit.unit_code.isdigit(), unit
        assert len(unit.unit_code) == CODE_WIDTH[unit.level], unit
        assert len(unit.province_code) == 2
    keys = [(unit.level, unit.unit_code) for unit in version.units]
    assert len(keys) == len(set(keys))


def test_some_codes_start_with_zero(versions):
    # the leading zeros survived the generation of the files
    assert versions[BEFORE].province("01").name == "Thành phố Hà Nội"
    assert any(unit.unit_code.startswith("000") for unit in versions[AFTER].communes_of("01"))


@pytest.mark.parametrize("version_id", [BEFORE, AFTER])
def test_names_are_nfc(versions, version_id):
    for unit in versions[version_id].units:
        assert unit.name and unicodedata.is_normalized("NFC", unit.name), unit
        assert unicodedata.is_normalized("NFC", unit.division_type), unit


@pytest.mark.parametrize("path", sorted(REFERENCE_DIR.rglob("*.csv")), ids=lambda p: p.name)
def test_reference_files_are_stored_in_nfc(path):
    text = path.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)
    assert not text.startswith("\ufeff")


def test_loader_normalises_names_to_nfc(tmp_path):
    (tmp_path / "units").mkdir()
    nfd = unicodedata.normalize("NFD", "Tỉnh Hải Dương")
    (tmp_path / "units" / "v.csv").write_text(
        "unit_code,level,name,division_type,parent_code,province_code\n"
        f"30,province,{nfd},{unicodedata.normalize('NFD', 'tỉnh')},,30\n", encoding="utf-8")
    (tmp_path / "admin_versions.csv").write_text(
        "version_id,title,valid_from,valid_to,has_districts,units_file\nv,t,2025-01-01,,false,units/v.csv\n",
        encoding="utf-8")
    (tmp_path / "campaigns.csv").write_text(
        "campaign_id,title,first_day,last_day,admin_version_id,target_rate\n"
        f"c,{unicodedata.normalize('NFD', 'Lấy ý kiến')},2025-01-02,2025-01-03,v,0.5\n", encoding="utf-8")
    version = reference.admin_versions(tmp_path)["v"]
    assert version.province("30").name == "Tỉnh Hải Dương"
    assert version.province("30").division_type == "tỉnh"
    assert version.valid_to is None and version.has_districts is False
    assert reference.campaign("c", tmp_path).title == "Lấy ý kiến"


def test_hien_phap_campaign():
    campaign = reference.campaign("hien-phap-2025")
    assert (campaign.first_day, campaign.last_day) == (dt.date(2025, 5, 6), dt.date(2025, 5, 29))
    assert campaign.admin_version_id == BEFORE
    assert campaign.target_rate == Decimal("0.90")
    days = campaign.days()
    assert len(days) == 24
    assert (days[0], days[-1]) == (campaign.first_day, campaign.last_day)
    assert all(later - earlier == dt.timedelta(days=1) for earlier, later in zip(days, days[1:], strict=False))
    assert campaign.covers(dt.date(2025, 5, 6)) and campaign.covers(dt.date(2025, 5, 29))
    assert not campaign.covers(dt.date(2025, 5, 5)) and not campaign.covers(dt.date(2025, 5, 30))
    assert reference.version_of(campaign).version_id == BEFORE


def test_van_kien_campaign():
    campaign = reference.campaign("van-kien-dai-hoi-xiv")
    assert (campaign.first_day, campaign.last_day) == (dt.date(2025, 10, 30), dt.date(2025, 11, 15))
    assert campaign.admin_version_id == AFTER
    assert len(campaign.days()) == 17
    assert reference.version_of(campaign).has_districts is False


def test_campaign_dates_lie_within_their_version(versions):
    for campaign in reference.campaigns().values():
        version = versions[campaign.admin_version_id]
        assert campaign.first_day <= campaign.last_day
        assert version.valid_from <= campaign.first_day
        assert version.valid_to is None or campaign.last_day <= version.valid_to
        assert Decimal(0) < campaign.target_rate <= Decimal(1)


def test_unknown_campaign_names_the_known_ones():
    with pytest.raises(KeyError) as caught:
        reference.campaign("no-such-campaign")
    assert "hien-phap-2025" in str(caught.value) and "van-kien-dai-hoi-xiv" in str(caught.value)
