"""Acceptance: a van-kien-dai-hoi-xiv day reported in the official NSO commune codes is accepted whole and published with the official names."""

from __future__ import annotations

import csv
import datetime as dt

from vneid_pipeline import ingest, publish, warehouse
from vneid_pipeline.settings import REFERENCE_DIR
from vneid_pipeline.simulator import FeedSimulator, write_landing

from .helpers import query, settings_for

CAMPAIGN = "van-kien-dai-hoi-xiv"
DAY = dt.date(2025, 11, 3)
OFFICIAL_UNITS = REFERENCE_DIR / "admin_units" / "vn-2025-07.csv"
# Codes the June 2025 draft list did not have, and codes whose draft name was another: the draft
# said Phường Kim Liên for 00226 and Phường Yên Sở for 00331.
OFFICIAL_ONLY = {"00082": "Phường Cửa Nam", "00229": "Phường Kim Liên"}
RENAMED = {"00226": "Phường Văn Miếu - Quốc Tử Giám", "00331": "Phường Hoàng Mai"}
DRAFT_ONLY_CODE = "00073"  # Phường Cửa Nam in the draft; 00082 officially


def official_units() -> dict[str, dict]:
    with OFFICIAL_UNITS.open(encoding="utf-8", newline="") as handle:
        return {(row["level"], row["unit_code"]): row for row in csv.DictReader(handle)}


def test_a_day_in_official_codes_is_accepted_whole_and_published_with_official_names(fresh_database, tmp_path):
    warehouse.prepare(fresh_database)
    simulator = FeedSimulator(CAMPAIGN)
    paths = write_landing(simulator, tmp_path / "landing", [DAY])
    assert len(paths) == 34
    landed = set()
    for path in paths:
        with path.open(encoding="utf-8-sig", newline="") as handle:  # the simulator writes a BOM, as Excel does
            landed |= {row["commune_code"] for row in csv.DictReader(handle)}
    units = official_units()
    official_communes = {code for level, code in units if level == "commune"}
    assert landed == official_communes and len(landed) == 3321
    assert set(OFFICIAL_ONLY) <= landed and DRAFT_ONLY_CODE not in landed

    settings = settings_for(fresh_database, source="files", landing_dir=tmp_path / "landing", recheck_days=0)
    now = dt.datetime.combine(DAY, dt.time(16), tzinfo=ingest.LOCAL_TZ)
    statuses = [ingest.ingest_province(settings, CAMPAIGN, province, DAY, now=now).target_day.status
                for province in simulator.province_codes()]
    assert statuses.count("accepted") == 34 and "quarantined" not in statuses
    publish.publish_day(fresh_database, CAMPAIGN, DAY, tmp_path / "publish")

    assert query(fresh_database, "select status, count(*) from mart.report_status "
                                 "where campaign_id = %s and report_date = %s group by status", [CAMPAIGN, DAY]) == [("accepted", 34)]
    published = dict(query(fresh_database, "select commune_code, commune_name from mart.commune_daily "
                                           "where campaign_id = %s and report_date = %s", [CAMPAIGN, DAY]))
    assert published == {code: units[("commune", code)]["name"] for code in official_communes}
    assert {code: published[code] for code in RENAMED} == RENAMED
    assert {code: published[code] for code in OFFICIAL_ONLY} == OFFICIAL_ONLY

    provinces = dict(query(fresh_database, "select province_code, province_name from mart.province_daily "
                                           "where campaign_id = %s and report_date = %s", [CAMPAIGN, DAY]))
    assert provinces == {code: row["name"] for (level, code), row in units.items() if level == "province"}
    assert sum(name.startswith("Tỉnh ") for name in provinces.values()) == 28
    assert provinces["04"] == "Tỉnh Cao Bằng" and provinces["01"] == "Thành phố Hà Nội"


def test_a_draft_only_code_is_quarantined(fresh_database, tmp_path):
    warehouse.prepare(fresh_database)
    folder = tmp_path / "landing" / CAMPAIGN / "01"
    folder.mkdir(parents=True)
    (folder / f"{DAY}.csv").write_text("commune_code,commune_name,eligible,participated,agreed\n"
                                       f"00082,,1000,500,450\n{DRAFT_ONLY_CODE},,2000,600,500\n", encoding="utf-8")
    settings = settings_for(fresh_database, source="files", landing_dir=tmp_path / "landing", recheck_days=0)
    outcome = ingest.ingest_province(settings, CAMPAIGN, "01", DAY, now=dt.datetime.combine(DAY, dt.time(16), tzinfo=ingest.LOCAL_TZ))
    assert outcome.target_day.status == "quarantined"
    assert f"commune_in_province: row 2 (commune {DRAFT_ONLY_CODE})" in outcome.target_day.reason
