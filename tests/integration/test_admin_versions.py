"""A new administrative version is data: add its files, and a campaign runs on it with no code change."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from vneid_pipeline import ingest, publish, warehouse

from .helpers import query, reference_with_version, settings_for

SYNTHETIC_UNITS = """unit_code,level,name,division_type,parent_code,province_code
01,province,Thành phố Hà Nội,thành phố trung ương,,01
99,province,Tỉnh Thử Nghiệm,tỉnh,,99
00070,commune,Phường Hoàn Kiếm,phường,01,01
00073,commune,Phường Cửa Nam,phường,01,01
99001,commune,Xã Một,xã,99,99
99002,commune,Xã Hai,xã,99,99
99003,commune,Xã Ba,xã,99,99
"""
CSV_HEADER = "commune_code,commune_name,eligible,participated,agreed\n"


@pytest.fixture
def reference_with_a_new_version(tmp_path):
    return reference_with_version(tmp_path / "reference", "vn-2027-01", SYNTHETIC_UNITS,
                                  "A future adjustment: 2 provinces, 5 communes",
                                  ["thu-nghiem-2027,Lấy ý kiến thử nghiệm,2027-03-01,2027-03-03,vn-2027-01,0.80"])


def test_a_campaign_runs_on_a_newly_added_version(fresh_database, reference_with_a_new_version, tmp_path):
    warehouse.prepare(fresh_database, reference_with_a_new_version)
    day = dt.date(2027, 3, 1)
    landing = tmp_path / "landing" / "thu-nghiem-2027"
    (landing / "01").mkdir(parents=True)
    (landing / "99").mkdir(parents=True)
    (landing / "01" / f"{day}.csv").write_text(CSV_HEADER + "00070,,1000,500,450\n00073,,2000,600,\n", encoding="utf-8")
    (landing / "99" / f"{day}.csv").write_text(
        CSV_HEADER + "99001,,100,90,80\n99002,,100,10,9\n99003,,50,50,50\n", encoding="utf-8")
    settings = settings_for(fresh_database, source="files", landing_dir=tmp_path / "landing", recheck_days=0)
    now = dt.datetime(2027, 3, 1, 16, tzinfo=ingest.LOCAL_TZ)
    for province in ("01", "99"):
        assert ingest.ingest_province(settings, "thu-nghiem-2027", province, day, now=now).target_day.status == "accepted"
    publish.publish_day(fresh_database, "thu-nghiem-2027", day, tmp_path / "publish")
    assert query(fresh_database, "select province_code, eligible, participated, agreed, national_rank, target_rate "
                                 "from mart.province_daily order by national_rank") == [
        ("99", 250, 150, 139, 1, Decimal("0.8")), ("01", 3000, 1100, None, 2, Decimal("0.8"))]
    assert query(fresh_database, "select count(*) from mart.district_daily") == [(0,)]
    assert not (tmp_path / "publish" / "thu-nghiem-2027" / str(day) / "district_daily.csv").exists()


def test_a_commune_of_another_version_is_rejected_with_a_reason(fresh_database, reference_with_a_new_version, tmp_path):
    warehouse.prepare(fresh_database, reference_with_a_new_version)
    day = dt.date(2027, 3, 1)
    folder = tmp_path / "landing" / "thu-nghiem-2027" / "01"
    folder.mkdir(parents=True)
    # 00001 (Phường Phúc Xá) is a commune of Hà Nội before the 2025 reform, not in this version
    (folder / f"{day}.csv").write_text(CSV_HEADER + "00070,,1000,500,450\n00001,,10,5,5\n", encoding="utf-8")
    settings = settings_for(fresh_database, source="files", landing_dir=tmp_path / "landing", recheck_days=0)
    outcome = ingest.ingest_province(settings, "thu-nghiem-2027", "01", day,
                                     now=dt.datetime(2027, 3, 1, 16, tzinfo=ingest.LOCAL_TZ))
    assert outcome.target_day.status == "quarantined"
    assert "commune_in_province: row 2 (commune 00001)" in outcome.target_day.reason


def test_a_campaign_outside_its_version_dates_is_refused(fresh_database, reference_with_a_new_version):
    with (reference_with_a_new_version / "campaigns.csv").open("a", encoding="utf-8") as campaigns:
        campaigns.write("sai-phien-ban,Wrong version,2026-12-30,2027-01-02,vn-2027-01,0.80\n")
    with pytest.raises(ValueError, match="sai-phien-ban .* must bind to an administrative version in force"):
        warehouse.prepare(fresh_database, reference_with_a_new_version)
