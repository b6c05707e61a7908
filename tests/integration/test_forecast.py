"""The forecast marts: projected target day at the recent pace, and the "at risk" flag.

A two-province synthetic version keeps the arithmetic checkable by hand: province 99 gains 0.04 of
its eligible citizens a day for three days and then stalls; province 01 gains 0.10 a day for five
days, misses four days, and reports 0.90 on the ninth.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import pyarrow.parquet as pq
import pytest

from vneid_pipeline import ingest, publish, warehouse

from .helpers import query, reference_with_version, settings_for

CAMPAIGN = "du-bao-2027"
FIRST_DAY = dt.date(2027, 3, 1)
LAST_DAY = dt.date(2027, 3, 15)
UNITS = """unit_code,level,name,division_type,parent_code,province_code
01,province,Thành phố Hà Nội,thành phố trung ương,,01
99,province,Tỉnh Thử Nghiệm,tỉnh,,99
00070,commune,Phường Hoàn Kiếm,phường,01,01
00073,commune,Phường Cửa Nam,phường,01,01
99001,commune,Xã Một,xã,99,99
99002,commune,Xã Hai,xã,99,99
99003,commune,Xã Ba,xã,99,99
"""
CSV_HEADER = "commune_code,commune_name,eligible,participated,agreed\n"
ELIGIBLE = {"01": 3000, "99": 250}


def participated(province: str, day_number: int) -> int | None:
    """Cumulative participants on day N of the campaign (1-based); None when the province sends nothing."""
    if province == "99":
        return 10 * min(day_number, 3)
    if day_number <= 5:
        return 300 * day_number
    return 2700 if day_number == 9 else None


def province_csv(province: str, total: int) -> str:
    if province == "01":
        return CSV_HEADER + f"00070,,1000,{min(total, 1000)},\n00073,,2000,{total - min(total, 1000)},\n"
    return CSV_HEADER + f"99001,,100,{total},{total}\n99002,,100,0,0\n99003,,50,0,0\n"


@pytest.fixture(scope="module")
def forecast_campaign(postgres_server, tmp_path_factory):
    root = tmp_path_factory.mktemp("forecast")
    uri = postgres_server.create_database("test_forecast_module", recreate=True)
    reference = reference_with_version(root / "reference", "vn-2027-02", UNITS, "Forecast test: 2 provinces",
                                       [f"{CAMPAIGN},Dự báo thử nghiệm,{FIRST_DAY},{LAST_DAY},vn-2027-02,0.80"])
    warehouse.prepare(uri, reference)
    settings = settings_for(uri, source="files", landing_dir=root / "landing", recheck_days=0)
    for day_number in range(1, 11):
        day = FIRST_DAY + dt.timedelta(days=day_number - 1)
        for province in ELIGIBLE:
            total = participated(province, day_number)
            if total is not None:
                folder = root / "landing" / CAMPAIGN / province
                folder.mkdir(parents=True, exist_ok=True)
                (folder / f"{day}.csv").write_text(province_csv(province, total), encoding="utf-8")
            now = dt.datetime.combine(day, dt.time(16), tzinfo=ingest.LOCAL_TZ)
            ingest.ingest_province(settings, CAMPAIGN, province, day, now=now)
        publish.publish_day(uri, CAMPAIGN, day, root / "publish")
    return uri, root / "publish"


def province_forecast(uri: str, day: dt.date, province: str) -> dict:
    rows = query(uri, "select as_of_date, participation_rate, pace_from_date, daily_gain, projected_target_date, "
                      "target_reached, at_risk from mart.province_forecast "
                      "where campaign_id = %s and report_date = %s and province_code = %s", [CAMPAIGN, day, province])
    assert len(rows) == 1
    keys = ("as_of_date", "participation_rate", "pace_from_date", "daily_gain", "projected_target_date",
            "target_reached", "at_risk")
    return dict(zip(keys, rows[0]))


def test_a_province_too_slow_for_the_last_day_is_at_risk_with_its_projected_day(forecast_campaign):
    uri, _ = forecast_campaign
    day3 = FIRST_DAY + dt.timedelta(days=2)
    forecast = province_forecast(uri, day3, "99")
    # 0.12 after three days from zero the day before opening: 0.04 a day, 0.68 to go = 17 days
    assert forecast["pace_from_date"] == FIRST_DAY - dt.timedelta(days=1)
    assert forecast["daily_gain"] == Decimal("0.04")
    assert forecast["projected_target_date"] == day3 + dt.timedelta(days=17) > LAST_DAY
    assert forecast["at_risk"] is True and forecast["target_reached"] is False


def test_a_stalled_province_is_at_risk_without_a_projected_day(forecast_campaign):
    uri, _ = forecast_campaign
    day10 = FIRST_DAY + dt.timedelta(days=9)
    forecast = province_forecast(uri, day10, "99")
    assert forecast["pace_from_date"] == day10 - dt.timedelta(days=7)
    assert forecast["daily_gain"] == 0
    assert forecast["projected_target_date"] is None and forecast["at_risk"] is True


def test_a_missing_day_uses_the_latest_accepted_report(forecast_campaign):
    uri, _ = forecast_campaign
    day7 = FIRST_DAY + dt.timedelta(days=6)
    forecast = province_forecast(uri, day7, "01")
    day5 = FIRST_DAY + dt.timedelta(days=4)
    # 0.50 on day 5 at 0.10 a day: 3 more days, well before the last day
    assert forecast["as_of_date"] == day5 and forecast["participation_rate"] == Decimal("0.5")
    assert forecast["projected_target_date"] == day5 + dt.timedelta(days=3)
    assert forecast["at_risk"] is False
    assert query(uri, "select report_status from mart.province_daily where report_date = %s and province_code = '01'",
                 [day7]) == [("missing",)]


def test_a_province_past_its_target_is_not_at_risk(forecast_campaign):
    uri, _ = forecast_campaign
    forecast = province_forecast(uri, FIRST_DAY + dt.timedelta(days=8), "01")
    assert forecast["target_reached"] is True and forecast["at_risk"] is False
    assert forecast["projected_target_date"] is None


def test_the_national_forecast_carries_provinces_forward_and_counts_those_at_risk(forecast_campaign):
    uri, _ = forecast_campaign
    day7 = FIRST_DAY + dt.timedelta(days=6)
    rate, pace_from, gain, projected, at_risk, provinces_at_risk = query(
        uri, "select participation_rate, pace_from_date, daily_gain, projected_target_date, at_risk, provinces_at_risk "
             "from mart.national_forecast where campaign_id = %s and report_date = %s", [CAMPAIGN, day7])[0]
    expected_rate = Decimal(1500 + 30) / Decimal(3000 + 250)  # 01 from day 5, 99 from day 7
    assert abs(rate - expected_rate) < Decimal("1e-15")
    assert pace_from == FIRST_DAY - dt.timedelta(days=1)
    assert abs(gain - expected_rate / 7) < Decimal("1e-15")
    assert projected == day7 + dt.timedelta(days=math.ceil((Decimal("0.8") - rate) / gain))
    assert at_risk is False  # 0.47 at 0.067 a day: the nation reaches 0.80 on day 12
    assert provinces_at_risk == 1  # 99 only


def test_the_forecast_is_exported_as_csv_and_parquet(forecast_campaign):
    uri, publish_root = forecast_campaign
    day_dir = publish_root / CAMPAIGN / str(FIRST_DAY + dt.timedelta(days=9))
    csv_lines = (day_dir / "province_forecast.csv").read_text(encoding="utf-8-sig").splitlines()
    assert csv_lines[0].startswith("campaign_id,report_date,province_code,province_name,as_of_date")
    table = pq.read_table(day_dir / "parquet" / "province_forecast.parquet")
    assert table.num_rows == len(csv_lines) - 1 == 2
    assert str(table.schema.field("projected_target_date").type) == "date32[day]"
    assert table.column("at_risk").to_pylist() == [False, True]  # 01 reached its target, 99 stalled
