"""Publishing marts from core, checked against figures computed from the simulator's own reports."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pyarrow.parquet as pq
import pytest

from vneid_pipeline import publish
from vneid_pipeline.simulator import Fault, FeedSimulator

from .helpers import ingest_and_publish_simulated_days, query, scalar, table_digest

CAMPAIGN = "hien-phap-2025"
DAYS = [dt.date(2025, 5, 15), dt.date(2025, 5, 16)]
FAULTS = {("30", DAYS[1]): Fault("out_of_range"), ("01", DAYS[1]): Fault("missing")}
MART_KEYS = {
    "mart.national_daily": "campaign_id, report_date",
    "mart.province_daily": "campaign_id, report_date, province_code",
    "mart.district_daily": "campaign_id, report_date, district_code",
    "mart.commune_daily": "campaign_id, report_date, commune_code",
    "mart.report_status": "campaign_id, report_date, province_code",
    "mart.province_daily_current_units": "campaign_id, report_date, province_code",
}


@pytest.fixture(scope="module")
def published(postgres_server, tmp_path_factory):
    uri = postgres_server.create_database("test_publish_module", recreate=True)
    publish_root = tmp_path_factory.mktemp("publish")
    ingest_and_publish_simulated_days(uri, FeedSimulator(CAMPAIGN, faults=FAULTS), DAYS, tmp_path_factory.mktemp("landing"),
                                      publish_root)
    return uri, publish_root, FeedSimulator(CAMPAIGN)


def expected_province_figures(simulator, day):
    figures = {}
    for province in simulator.province_codes():
        rows = simulator.report(province, day)["rows"]
        eligible = sum(row["eligible"] for row in rows)
        participated = sum(row["participated"] for row in rows)
        figures[province] = (eligible, participated, sum(row["agreed"] for row in rows),
                             Decimal(participated) / Decimal(eligible))
    return figures


def test_every_province_has_a_row_with_the_right_status(published):
    uri, _, _ = published
    for day in DAYS:
        assert scalar(uri, "select count(*) from mart.province_daily where report_date = %s", [day]) == 63
    statuses = dict(query(uri, "select province_code, status from mart.report_status where report_date = %s", [DAYS[1]]))
    assert statuses["30"] == "quarantined" and statuses["01"] == "missing"
    assert sum(1 for status in statuses.values() if status == "accepted") == 61
    reason = scalar(uri, "select reason from mart.report_status where report_date = %s and province_code = '30'", [DAYS[1]])
    assert reason.startswith("participated_le_eligible: row ")
    assert query(uri, "select eligible, national_rank from mart.province_daily where report_date = %s "
                      "and province_code in ('01', '30')", [DAYS[1]]) == [(None, None), (None, None)]


def test_province_figures_match_the_simulator_and_ranks_follow_rates(published):
    uri, _, simulator = published
    for day in DAYS:
        expected = expected_province_figures(simulator, day)
        rows = query(uri, "select province_code, eligible, participated, agreed, participation_rate, national_rank "
                          "from mart.province_daily where report_date = %s and report_status = 'accepted'", [day])
        for code, eligible, participated, agreed, rate, _ in rows:
            assert (eligible, participated, agreed) == expected[code][:3]
            assert abs(rate - expected[code][3]) < Decimal("1e-15")
        ranked = sorted(rows, key=lambda row: (-row[4], row[0]))
        assert [row[5] for row in ranked] == list(range(1, len(rows) + 1))


def test_rank_change_and_new_participants_compare_with_the_previous_day(published):
    uri, _, _ = published
    rows = query(uri, """
        select today.province_code, yesterday.national_rank - today.national_rank, today.rank_change,
               today.participated - yesterday.participated, today.participated_new
        from mart.province_daily as today
        join mart.province_daily as yesterday
          on yesterday.province_code = today.province_code and yesterday.report_date = today.report_date - 1
        where today.report_date = %s and today.report_status = 'accepted'""", [DAYS[1]])
    assert len(rows) == 61
    for _, expected_change, rank_change, expected_new, participated_new in rows:
        assert rank_change == expected_change
        assert participated_new == expected_new
    assert scalar(uri, "select count(rank_change) from mart.province_daily where report_date = %s", [DAYS[0]]) == 0


def test_national_totals_are_the_sum_of_accepted_provinces(published):
    uri, _, simulator = published
    expected = expected_province_figures(simulator, DAYS[1])
    accepted = [code for code in expected if code not in ("01", "30")]
    national = query(uri, "select eligible, participated, provinces_reported, provinces_expected, target_rate "
                          "from mart.national_daily where report_date = %s", [DAYS[1]])[0]
    assert national == (sum(expected[c][0] for c in accepted), sum(expected[c][1] for c in accepted), 61, 63,
                        Decimal("0.9000"))


def test_district_and_commune_marts_add_up_to_provinces(published):
    uri, _, _ = published
    mismatches = query(uri, """
        select p.province_code from mart.province_daily p
        left join (select province_code, sum(participated) s, count(*) n from mart.commune_daily
                   where report_date = %(day)s group by 1) c using (province_code)
        left join (select province_code, sum(participated) s, sum(communes_reported) n from mart.district_daily
                   where report_date = %(day)s group by 1) d using (province_code)
        where p.report_date = %(day)s and p.report_status = 'accepted'
          and (p.participated <> c.s or p.participated <> d.s or p.communes_reported <> c.n
               or p.communes_reported <> d.n)""", {"day": DAYS[1]})
    assert mismatches == []
    ranks = query(uri, "select province_code, array_agg(rank_in_province order by participation_rate desc, commune_code) "
                       "from mart.commune_daily where report_date = %s group by 1", [DAYS[1]])
    for _, ordered in ranks:
        assert ordered == list(range(1, len(ordered) + 1))


def test_files_are_exported_with_bom_for_every_mart_and_feedback(published):
    uri, root, _ = published
    day_dir = root / CAMPAIGN / DAYS[1].isoformat()
    for table in ("national_daily", "province_daily", "district_daily", "commune_daily", "report_status"):
        content = (day_dir / f"{table}.csv").read_bytes()
        assert content.startswith(b"\xef\xbb\xbf")
        rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
        assert len(rows) == scalar(uri, f"select count(*) from mart.{table} where report_date = %s", [DAYS[1]])
    assert not list(day_dir.glob(".*.tmp"))
    feedback = list(csv.DictReader(io.StringIO((day_dir / "feedback" / "30.csv").read_text(encoding="utf-8-sig"))))
    assert feedback and feedback[0]["Quy tắc"] == "participated_le_eligible"
    assert feedback[0]["Mã xã"] and feedback[0]["Giá trị"]
    assert not (root / CAMPAIGN / DAYS[0].isoformat() / "feedback").exists()


def test_every_exported_mart_has_a_typed_parquet_twin_with_the_same_rows(published):
    uri, root, _ = published
    day_dir = root / CAMPAIGN / DAYS[1].isoformat()
    exported = sorted(path.stem for path in day_dir.glob("*.csv"))
    assert sorted(path.stem for path in (day_dir / "parquet").glob("*.parquet")) == exported
    assert {"province_forecast", "national_forecast", "commune_daily"} <= set(exported)
    for mart in exported:
        table = pq.read_table(day_dir / "parquet" / f"{mart}.parquet")
        assert table.num_rows == scalar(uri, f"select count(*) from mart.{mart} where report_date = %s", [DAYS[1]])
    province = pq.read_table(day_dir / "parquet" / "province_daily.parquet").to_pylist()
    by_code = {row["province_code"]: row for row in province}
    expected = query(uri, "select province_code, eligible, participation_rate, report_status, is_late, published_at "
                          "from mart.province_daily where report_date = %s", [DAYS[1]])
    for code, eligible, rate, status, is_late, published_at in expected:
        row = by_code[code]
        assert (row["eligible"], row["report_status"], row["is_late"], row["published_at"]) == (
            eligible, status, is_late, published_at)
        assert row["participation_rate"] == (None if rate is None else pytest.approx(float(rate), rel=1e-15))
    assert str(pq.read_schema(day_dir / "parquet" / "province_daily.parquet").field("report_date").type) == "date32[day]"
    # an empty text is not a null: the reason column is null for accepted provinces only
    status = {row["province_code"]: row for row in pq.read_table(day_dir / "parquet" / "report_status.parquet").to_pylist()}
    assert status["30"]["reason"].startswith("participated_le_eligible") and status["02"]["reason"] is None


def test_republishing_changes_nothing_but_publication_time(published):
    uri, root, _ = published
    before = {table: table_digest(uri, table, key, exclude=("published_at",)) for table, key in MART_KEYS.items()}
    stamp = scalar(uri, "select published_at from mart.national_daily where report_date = %s", [DAYS[1]])
    publish.publish_day(uri, CAMPAIGN, DAYS[1], root)
    after = {table: table_digest(uri, table, key, exclude=("published_at",)) for table, key in MART_KEYS.items()}
    assert after == before
    assert scalar(uri, "select published_at from mart.national_daily where report_date = %s", [DAYS[1]]) > stamp


def test_national_mart_flags_an_incomplete_day(published):
    uri, _, _ = published
    complete = query(uri, "select report_date, provinces_on_time, provinces_late, provinces_quarantined, "
                          "provinces_missing, is_complete from mart.national_daily order by report_date")
    assert complete == [(DAYS[0], 63, 0, 0, 0, True), (DAYS[1], 61, 0, 1, 1, False)]


def test_older_campaign_is_restated_in_current_provinces(published):
    uri, root, _ = published
    for day in DAYS:
        restated = query(uri, "select sum(eligible), sum(participated), count(*) from mart.province_daily_current_units "
                              "where report_date = %s", [day])[0]
        national = query(uri, "select eligible, participated from mart.national_daily where report_date = %s", [day])[0]
        assert restated == (*national, 34)
    hai_phong = query(uri, "select former_province_codes, former_provinces_expected, former_provinces_reported, "
                           "is_complete, participated from mart.province_daily_current_units "
                           "where report_date = %s and province_code = '31'", [DAYS[1]])[0]
    former_31 = scalar(uri, "select participated from mart.province_daily where report_date = %s "
                            "and province_code = '31'", [DAYS[1]])
    assert hai_phong == ("30,31", 2, 1, False, former_31)  # Hải Dương (30) was quarantined that day
    complete = query(uri, "select former_province_codes, is_complete, participated from mart.province_daily_current_units "
                          "where report_date = %s and province_code = '31'", [DAYS[0]])[0]
    former_both = scalar(uri, "select sum(participated) from mart.province_daily where report_date = %s "
                              "and province_code in ('30', '31')", [DAYS[0]])
    assert complete == ("30,31", True, former_both)
    ranks = [r for (r,) in query(uri, "select national_rank from mart.province_daily_current_units "
                                      "where report_date = %s order by participation_rate desc, province_code", [DAYS[0]])]
    assert ranks == list(range(1, 35))
    assert (root / CAMPAIGN / DAYS[0].isoformat() / "province_daily_current_units.csv").is_file()
