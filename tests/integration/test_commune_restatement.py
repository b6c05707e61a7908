"""The older campaign restated in today's communes: exact where the merger was whole, marked where it was not.

The expected figures are computed here from the crosswalk file and mart.commune_daily, independently
of the SQL that builds mart.commune_daily_current_units."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from collections import defaultdict
from decimal import Decimal

import pyarrow.parquet as pq
import pytest

from vneid_pipeline import crosswalks, ingest, publish, reference, warehouse
from vneid_pipeline.settings import REFERENCE_DIR
from vneid_pipeline.simulator import Fault, FeedSimulator

from .helpers import ingest_and_publish_simulated_days, query, scalar, settings_for

CAMPAIGN = "hien-phap-2025"
DAY = dt.date(2025, 5, 20)
QUARANTINED = "30"  # Tỉnh Hải Dương, now part of Thành phố Hải Phòng (31)
SPECIAL_ZONES = {"11948", "19742", "20333", "21548", "26732"}
CROSSWALK = REFERENCE_DIR / "crosswalks" / "commune_vn-2025-01_to_vn-2025-07.csv"


@pytest.fixture(scope="module")
def published(postgres_server, tmp_path_factory):
    uri = postgres_server.create_database("test_commune_restatement", recreate=True)
    publish_root = tmp_path_factory.mktemp("publish")
    simulator = FeedSimulator(CAMPAIGN, faults={(QUARANTINED, DAY): Fault("out_of_range")})
    ingest_and_publish_simulated_days(uri, simulator, [DAY], tmp_path_factory.mktemp("landing"), publish_root)
    return uri, publish_root


@pytest.fixture(scope="module")
def pairs():
    with CROSSWALK.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def restated_rows(uri) -> dict[str, dict]:
    with_names = query(uri, "select commune_code, restatement, is_exact, former_commune_codes, former_communes_expected, "
                            "former_communes_reported, former_communes_partial, is_complete, eligible, participated, agreed, "
                            "eligible_from_partial_parents, partial_parent_share, target_gap, commune_name "
                            "from mart.commune_daily_current_units where report_date = %s", [DAY])
    names = ("restatement", "is_exact", "former_commune_codes", "expected", "reported", "partial", "is_complete",
             "eligible", "participated", "agreed", "eligible_from_partial", "partial_share", "target_gap", "name")
    return {row[0]: dict(zip(names, row[1:])) for row in with_names}


def expected_restatement(pairs, former_figures):
    """Per current commune: its former communes, which of them are whole, and the sums of their figures."""
    current_communes_of = defaultdict(set)
    for pair in pairs:
        current_communes_of[pair["from_commune_code"]].add(pair["to_commune_code"])
    expected = defaultdict(lambda: {"formers": [], "partial": 0, "eligible": 0, "participated": 0, "agreed": 0,
                                    "eligible_from_partial": 0, "reported": 0})
    for pair in pairs:
        row = expected[pair["to_commune_code"]]
        whole = (len(current_communes_of[pair["from_commune_code"]]) == 1 and pair["from_whole"] == "true"
                 and pair["to_whole"] == "true")
        row["formers"].append(pair["from_commune_code"])
        row["partial"] += not whole
        figures = former_figures.get(pair["from_commune_code"])
        if figures is not None:
            row["reported"] += 1
            row["eligible"] += figures[0]
            row["participated"] += figures[1]
            row["agreed"] += figures[2]
            if not whole:
                row["eligible_from_partial"] += figures[0]
    return expected


def test_every_current_commune_has_one_row(published):
    uri, _ = published
    current = reference.admin_versions()["vn-2025-07"]
    codes = {unit.unit_code for unit in current.units if unit.level == "commune"}
    assert {code for code, in query(uri, "select commune_code from mart.commune_daily_current_units "
                                         "where report_date = %s", [DAY])} == codes
    assert len(codes) == 3321


def test_special_zones_show_no_figures(published):
    uri, _ = published
    rows = restated_rows(uri)
    without_former = {code for code, row in rows.items() if row["restatement"] == "no_pre_reform_commune"}
    assert without_former == SPECIAL_ZONES
    for code in SPECIAL_ZONES:
        row = rows[code]
        assert (row["eligible"], row["participated"], row["former_commune_codes"], row["expected"], row["is_complete"],
                row["is_exact"]) == (None, None, None, 0, False, False)
    assert rows["20333"]["name"] == "Đặc khu Hoàng Sa"


def test_figures_match_the_crosswalk_applied_by_hand(published, pairs):
    uri, _ = published
    former_figures = {code: (eligible, participated, agreed) for code, eligible, participated, agreed in query(
        uri, "select commune_code, eligible, participated, agreed from mart.commune_daily where report_date = %s", [DAY])}
    expected = expected_restatement(pairs, former_figures)
    rows = restated_rows(uri)
    exact = not_exact = 0
    for code, want in expected.items():
        row = rows[code]
        assert row["former_commune_codes"] == ",".join(sorted(want["formers"]))
        assert (row["expected"], row["reported"], row["partial"]) == (len(want["formers"]), want["reported"], want["partial"])
        assert row["is_exact"] is (want["partial"] == 0)
        assert row["restatement"] == ("exact" if want["partial"] == 0 else "not_exact")
        assert row["is_complete"] is (want["reported"] == len(want["formers"]))
        if want["reported"]:
            assert (row["eligible"], row["participated"], row["agreed"]) == (want["eligible"], want["participated"], want["agreed"])
            assert row["eligible_from_partial"] == want["eligible_from_partial"]
            # PostgreSQL's numeric division keeps 20 significant digits here, Python's Decimal 28
            assert abs(row["partial_share"] - Decimal(want["eligible_from_partial"]) / Decimal(want["eligible"])) < Decimal("1e-18")
        else:
            assert (row["eligible"], row["eligible_from_partial"], row["partial_share"]) == (None, None, None)
        assert (row["target_gap"] is None) is (not row["is_exact"] or row["eligible"] is None)
        exact += row["is_exact"]
        not_exact += not row["is_exact"]
    # The 2025 reform merged most communes whole, but split many: both kinds must be present.
    assert exact > 100 and not_exact > 100


def test_nothing_is_lost_between_exact_rows_and_the_communes_behind_the_others(published, pairs):
    """Exact rows plus every former commune behind a non-exact row, plus former communes the table does
    not map, add up to the national figure."""
    uri, _ = published
    national = scalar(uri, "select eligible from mart.national_daily where report_date = %s", [DAY])
    former = dict(query(uri, "select commune_code, eligible from mart.commune_daily where report_date = %s", [DAY]))
    rows = restated_rows(uri)
    exact_total = sum(row["eligible"] or 0 for row in rows.values() if row["is_exact"])
    behind_not_exact = {code for row in rows.values() if row["restatement"] == "not_exact"
                        for code in row["former_commune_codes"].split(",")}
    mapped = {pair["from_commune_code"] for pair in pairs}
    unmapped_total = sum(eligible for code, eligible in former.items() if code not in mapped)
    assert exact_total + sum(former.get(code, 0) for code in behind_not_exact) + unmapped_total == national


def test_a_quarantined_former_province_leaves_its_current_communes_incomplete(published, pairs):
    uri, _ = published
    rows = restated_rows(uri)
    from_quarantined = {pair["to_commune_code"] for pair in pairs if pair["from_province_code"] == QUARANTINED}
    assert from_quarantined
    for code in from_quarantined:
        assert rows[code]["is_complete"] is False
        assert rows[code]["reported"] < rows[code]["expected"]
    whole_hai_phong = [row for code, row in rows.items() if code not in from_quarantined and row["restatement"] == "exact"
                       and code in {pair["to_commune_code"] for pair in pairs if pair["from_province_code"] == "31"}]
    assert whole_hai_phong and all(row["is_complete"] for row in whole_hai_phong)


def test_exported_as_csv_and_parquet(published):
    uri, publish_root = published
    day_dir = publish_root / CAMPAIGN / DAY.isoformat()
    with (day_dir / "commune_daily_current_units.csv").open(encoding="utf-8-sig", newline="") as handle:
        exported = list(csv.DictReader(handle))
    assert len(exported) == 3321
    table = pq.read_table(day_dir / "parquet" / "commune_daily_current_units.parquet")
    assert table.num_rows == 3321
    assert str(table.schema.field("partial_parent_share").type) == "double"
    assert str(table.schema.field("is_exact").type) == "bool"


def test_a_campaign_on_the_latest_version_is_not_restated(published, tmp_path):
    uri, _ = published
    day = dt.date(2025, 11, 3)
    publish.publish_day(uri, "van-kien-dai-hoi-xiv", day, tmp_path)
    assert scalar(uri, "select count(*) from mart.commune_daily_current_units where campaign_id = 'van-kien-dai-hoi-xiv'") == 0
    assert not (tmp_path / "van-kien-dai-hoi-xiv" / day.isoformat() / "commune_daily_current_units.csv").exists()


def test_a_new_version_and_its_commune_crosswalk_are_data(fresh_database, tmp_path):
    """A later version and a crosswalk into it, added as files: the current campaign is restated with no code change."""
    folder = tmp_path / "reference"
    shutil.copytree(REFERENCE_DIR, folder)
    (folder / "admin_units" / "vn-2026-01.csv").write_text(
        "unit_code,level,name,division_type,parent_code,province_code\n"
        "01,province,Thành phố Hà Nội,thành phố trung ương,,01\n"
        "90001,commune,Phường Một,phường,01,01\n90002,commune,Phường Hai,phường,01,01\n"
        "90003,commune,Phường Ba,phường,01,01\n", encoding="utf-8")
    with (folder / "admin_versions.csv").open("a", encoding="utf-8") as versions:
        versions.write('vn-2026-01,"A synthetic adjustment: 1 province, 3 communes",2026-01-01,,false,admin_units/vn-2026-01.csv\n')
    header = ",".join(crosswalks.COLUMNS) + "\n"
    pairs = [("00004", "90001", "true", "true"), ("00008", "90002", "true", "true"), ("00025", "90002", "true", "true"),
             ("00070", "90002", "false", "false"), ("00070", "90003", "false", "false")]
    (folder / "crosswalks" / "commune_vn-2025-07_to_vn-2026-01.csv").write_text(header + "".join(
        f"vn-2025-07,{old},,01,vn-2026-01,{new},,01,{from_whole},{to_whole}\n" for old, new, from_whole, to_whole in pairs),
        encoding="utf-8")
    warehouse.prepare(fresh_database, folder)
    day = dt.date(2025, 11, 3)
    landing = tmp_path / "landing" / "van-kien-dai-hoi-xiv" / "01"
    landing.mkdir(parents=True)
    (landing / f"{day}.csv").write_text("commune_code,commune_name,eligible,participated,agreed\n"
                                        "00004,,1000,500,400\n00008,,2000,1000,900\n00025,,3000,1500,1400\n"
                                        "00070,,4000,2000,\n", encoding="utf-8")
    settings = settings_for(fresh_database, source="files", landing_dir=tmp_path / "landing", recheck_days=0)
    now = dt.datetime(2025, 11, 3, 16, tzinfo=ingest.LOCAL_TZ)
    assert ingest.ingest_province(settings, "van-kien-dai-hoi-xiv", "01", day, now=now).target_day.status == "accepted"
    publish.publish_day(fresh_database, "van-kien-dai-hoi-xiv", day, tmp_path / "publish")
    assert query(fresh_database, "select commune_code, current_version_id, restatement, former_commune_codes, eligible, agreed, "
                                 "eligible_from_partial_parents, round(partial_parent_share, 6) from mart.commune_daily_current_units "
                                 "order by commune_code") == [
        ("90001", "vn-2026-01", "exact", "00004", 1000, 400, 0, Decimal("0.000000")),
        ("90002", "vn-2026-01", "not_exact", "00008,00025,00070", 9000, None, 4000, Decimal("0.444444")),
        ("90003", "vn-2026-01", "not_exact", "00070", 4000, None, 4000, Decimal("1.000000")),
    ]
    assert (tmp_path / "publish" / "van-kien-dai-hoi-xiv" / day.isoformat() / "commune_daily_current_units.csv").exists()
    assert not (tmp_path / "publish" / "van-kien-dai-hoi-xiv" / day.isoformat() / "province_daily_current_units.csv").exists()
