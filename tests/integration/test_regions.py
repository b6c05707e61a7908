"""Region figures (mart.region_daily) from a real ingest and publication of a day of each campaign,
checked against the national mart and against sums computed here from the reference files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from vneid_pipeline import ingest, publish, warehouse
from vneid_pipeline.regions import RegionGroupingError
from vneid_pipeline.simulator import Fault, FeedSimulator, write_landing

from .helpers import query, settings_for

OLDER, CURRENT = "hien-phap-2025", "van-kien-dai-hoi-xiv"
OLDER_DAY, CURRENT_DAY = dt.date(2025, 5, 16), dt.date(2025, 10, 31)
# Hải Dương (30) quarantined and Hà Nội (01) missing: both in Đồng bằng sông Hồng; TP Hồ Chí Minh (79) late.
OLDER_FAULTS = {("30", OLDER_DAY): Fault("out_of_range"), ("01", OLDER_DAY): Fault("missing"),
                ("79", OLDER_DAY): Fault("late")}
CURRENT_FAULTS = {("46", CURRENT_DAY): Fault("missing")}  # Huế, in Bắc Trung Bộ
REGIONS_DIR = warehouse.REFERENCE_DIR / "regions"
GROUPING_2023, GROUPING_2025 = "vung-kt-xh-2023", "vung-kt-xh-2025"
REGION_COLUMNS = ("grouping_id, region_code, region_name, grouping_status, version_id, is_restated, provinces_expected, "
                  "provinces_reported, provinces_on_time, provinces_late, provinces_quarantined, provinces_missing, "
                  "is_complete, eligible, participated, agreed, participation_rate, region_rank, target_rate, target_gap")


def ingest_and_publish(uri: str, simulator: FeedSimulator, day: dt.date, landing: Path, publish_root: Path) -> None:
    write_landing(simulator, landing, [day])
    settings = settings_for(uri, source="files", landing_dir=landing, recheck_days=0)
    now = dt.datetime.combine(day, dt.time(16), tzinfo=ingest.LOCAL_TZ)
    for province in simulator.province_codes():
        ingest.ingest_province(settings, simulator.campaign_id, province, day, now=now)
    publish.publish_day(uri, simulator.campaign_id, day, publish_root)


@pytest.fixture(scope="module")
def published(postgres_server, tmp_path_factory):
    uri = postgres_server.create_database("test_regions_module", recreate=True)
    warehouse.prepare(uri)
    landing, root = tmp_path_factory.mktemp("landing"), tmp_path_factory.mktemp("publish")
    ingest_and_publish(uri, FeedSimulator(OLDER, faults=OLDER_FAULTS), OLDER_DAY, landing, root)
    ingest_and_publish(uri, FeedSimulator(CURRENT, faults=CURRENT_FAULTS), CURRENT_DAY, landing, root)
    return uri, root


def membership(grouping_id: str, regions_dir: Path = REGIONS_DIR) -> dict[str, str]:
    """province_code -> region_code, read from the reference file itself."""
    with (regions_dir / f"{grouping_id}.csv").open(encoding="utf-8") as handle:
        return {row["province_code"]: row["region_code"] for row in csv.DictReader(handle)}


def crosswalk() -> dict[str, str]:
    path = warehouse.REFERENCE_DIR / "crosswalks" / "province_vn-2025-01_to_vn-2025-07.csv"
    with path.open(encoding="utf-8") as handle:
        return {row["from_province_code"]: row["to_province_code"] for row in csv.DictReader(handle)}


def region_rows(uri: str, campaign_id: str, day: dt.date, grouping_id: str) -> dict[str, dict]:
    names = [name.strip() for name in REGION_COLUMNS.split(",")]
    rows = query(uri, f"select {REGION_COLUMNS} from mart.region_daily where campaign_id = %s and report_date = %s "
                      "and grouping_id = %s", [campaign_id, day, grouping_id])
    return {row[1]: dict(zip(names, row, strict=True)) for row in rows}


def province_figures(uri: str, campaign_id: str, day: dt.date) -> dict[str, tuple]:
    return {code: tuple(rest) for code, *rest in query(
        uri, "select province_code, report_status, is_late, eligible, participated, agreed from mart.province_daily "
             "where campaign_id = %s and report_date = %s", [campaign_id, day])}


def expected_regions(provinces: dict[str, tuple], region_of: dict[str, str]) -> dict[str, dict]:
    """Counts and sums per region, computed in Python from the province mart and a province -> region map."""
    regions: dict[str, dict] = defaultdict(lambda: defaultdict(int))
    for code, (status, is_late, eligible, participated, agreed) in provinces.items():
        region = regions[region_of[code]]
        region["provinces_expected"] += 1
        region[f"provinces_{'reported' if status == 'accepted' else status}"] += 1
        if status == "accepted":
            region["provinces_late" if is_late else "provinces_on_time"] += 1
            region["eligible"] += eligible
            region["participated"] += participated
            region["agreed"] += agreed
    return regions


@pytest.mark.parametrize(("campaign_id", "day", "groupings"), [
    (OLDER, OLDER_DAY, (GROUPING_2023, GROUPING_2025)), (CURRENT, CURRENT_DAY, (GROUPING_2025,))])
def test_the_regions_of_each_grouping_add_up_to_the_nation(published, campaign_id, day, groupings):
    uri, _ = published
    national = query(uri, "select eligible, participated, agreed from mart.national_daily "
                          "where campaign_id = %s and report_date = %s", [campaign_id, day])[0]
    assert all(value is not None and value > 0 for value in national)
    listed = [grouping for (grouping,) in query(uri, "select distinct grouping_id from mart.region_daily "
                                                     "where campaign_id = %s and report_date = %s order by 1",
                                                [campaign_id, day])]
    assert listed == sorted(groupings)
    for grouping_id in groupings:
        sums = query(uri, "select sum(eligible), sum(participated), sum(agreed), count(*) from mart.region_daily "
                          "where campaign_id = %s and report_date = %s and grouping_id = %s",
                     [campaign_id, day, grouping_id])[0]
        assert sums == (*national, 6)


def test_region_completeness_counts_each_fate(published):
    uri, _ = published
    provinces = province_figures(uri, OLDER, OLDER_DAY)
    assert (provinces["30"][0], provinces["01"][0], provinces["79"][:2]) == ("quarantined", "missing", ("accepted", True))
    expected = expected_regions(provinces, membership(GROUPING_2023))
    rows = region_rows(uri, OLDER, OLDER_DAY, GROUPING_2023)
    assert sorted(rows) == sorted(expected) == ["BTBDHMT", "DBSCL", "DBSH", "DNB", "TDMNPB", "TN"]
    for code, row in rows.items():
        for column in ("provinces_expected", "provinces_reported", "provinces_on_time", "provinces_late",
                       "provinces_quarantined", "provinces_missing", "eligible", "participated", "agreed"):
            assert row[column] == expected[code][column], (code, column)
        assert row["is_complete"] == (code != "DBSH")
        assert (row["grouping_status"], row["version_id"], row["is_restated"]) == ("official", "vn-2025-01", False)
    delta = rows["DBSH"]
    assert (delta["provinces_expected"], delta["provinces_reported"], delta["provinces_quarantined"],
            delta["provinces_missing"]) == (11, 9, 1, 1)
    assert (rows["DNB"]["provinces_late"], rows["DNB"]["is_complete"]) == (1, True)

    current = region_rows(uri, CURRENT, CURRENT_DAY, GROUPING_2025)
    assert (current["BTB"]["provinces_expected"], current["BTB"]["provinces_missing"], current["BTB"]["is_complete"]) == (
        5, 1, False)
    assert sum(row["provinces_expected"] for row in current.values()) == 34


@pytest.mark.parametrize(("campaign_id", "day", "grouping_id"), [
    (OLDER, OLDER_DAY, GROUPING_2023), (OLDER, OLDER_DAY, GROUPING_2025), (CURRENT, CURRENT_DAY, GROUPING_2025)])
def test_regions_are_ranked_within_their_grouping_by_exact_rate(published, campaign_id, day, grouping_id):
    uri, _ = published
    rows = region_rows(uri, campaign_id, day, grouping_id)
    for row in rows.values():
        assert abs(row["participation_rate"] - Decimal(row["participated"]) / Decimal(row["eligible"])) < Decimal("1e-15")
        assert row["target_gap"] == row["target_rate"] - row["participation_rate"]
    ranked = sorted(rows.values(), key=lambda row: (-row["participation_rate"], row["region_code"]))
    assert [row["region_rank"] for row in ranked] == [1, 2, 3, 4, 5, 6]


def test_the_restated_campaign_is_summed_in_the_34_province_grouping(published):
    uri, _ = published
    rows = region_rows(uri, OLDER, OLDER_DAY, GROUPING_2025)
    assert {(row["is_restated"], row["version_id"], row["grouping_status"]) for row in rows.values()} == {
        (True, "vn-2025-07", "draft")}
    # Counted over the former provinces through the crosswalk: Bắc Giang (24, Trung du và miền núi phía
    # Bắc in 2023) is in Đồng bằng sông Hồng through Bắc Ninh (24) in 2025.
    region_2025 = membership(GROUPING_2025)
    former_region = {former: region_2025[current] for former, current in crosswalk().items()}
    expected = expected_regions(province_figures(uri, OLDER, OLDER_DAY), former_region)
    for code, row in rows.items():
        for column in ("provinces_expected", "provinces_reported", "provinces_quarantined", "provinces_missing",
                       "eligible", "participated", "agreed"):
            assert row[column] == expected[code][column], (code, column)
    assert former_region["24"] == "DBSH" and membership(GROUPING_2023)["24"] == "TDMNPB"
    assert (rows["DBSH"]["provinces_expected"], rows["DBSH"]["is_complete"]) == (11, False)
    restated = query(uri, "select region_code, sum(eligible), sum(participated) from mart.province_daily_current_units "
                          "where campaign_id = %s and report_date = %s group by 1", [OLDER, OLDER_DAY])
    assert {code: (eligible, participated) for code, eligible, participated in restated} == {
        code: (row["eligible"], row["participated"]) for code, row in rows.items()}


def test_each_province_carries_its_region_in_the_province_marts(published):
    uri, _ = published
    for campaign_id, day, grouping_id, table in ((OLDER, OLDER_DAY, GROUPING_2023, "province_daily"),
                                                 (OLDER, OLDER_DAY, GROUPING_2025, "province_daily_current_units"),
                                                 (CURRENT, CURRENT_DAY, GROUPING_2025, "province_daily")):
        rows = query(uri, f"select province_code, region_grouping_id, region_code, region_name from mart.{table} "
                          "where campaign_id = %s and report_date = %s", [campaign_id, day])
        assert {code: region for code, _, region, _ in rows} == membership(grouping_id)
        assert {grouping for _, grouping, _, _ in rows} == {grouping_id}
        names = dict(query(uri, "select region_code, region_name from mart.region_daily where campaign_id = %s "
                                "and report_date = %s and grouping_id = %s", [campaign_id, day, grouping_id]))
        assert all(name == names[region] for _, _, region, name in rows)


def test_the_region_mart_is_exported_as_csv_and_parquet(published):
    uri, root = published
    day_dir = root / OLDER / OLDER_DAY.isoformat()
    content = (day_dir / "region_daily.csv").read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    # the campaign's own grouping first, then the restated one, regions in code order
    assert [(row["grouping_id"], row["region_code"], row["is_restated"]) for row in rows] == [
        (GROUPING_2023, code, "f") for code in sorted(set(membership(GROUPING_2023).values()))] + [
        (GROUPING_2025, code, "t") for code in sorted(set(membership(GROUPING_2025).values()))]
    assert (day_dir / "parquet" / "region_daily.parquet").is_file()


SYNTHETIC_GROUPING = "ba-mien-thu-nghiem"
THREE_PARTS = {"B": ("Miền Bắc", "01 04 08 11 12 14 15 19 20 22 24 25 31 33 37"),
               "T": ("Miền Trung", "38 40 42 44 46 48 51 52 56 66 68"),
               "N": ("Miền Nam", "75 79 80 82 86 91 92 96")}


def reference_with_a_synthetic_grouping(target: Path) -> Path:
    shutil.copytree(warehouse.REFERENCE_DIR, target)
    with (target / "regions" / "groupings.csv").open("a", encoding="utf-8") as groupings:
        groupings.write(f"{SYNTHETIC_GROUPING},vn-2025-07,Ba miền (thử nghiệm),Dữ liệu thử nghiệm,official,false\n")
    lines = ["region_code,region_name,province_code"] + [
        f"{code},{name},{province}" for code, (name, provinces) in THREE_PARTS.items() for province in provinces.split()]
    (target / "regions" / f"{SYNTHETIC_GROUPING}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def test_a_grouping_added_as_data_runs_end_to_end(fresh_database, tmp_path):
    reference_dir = reference_with_a_synthetic_grouping(tmp_path / "reference")
    warehouse.prepare(fresh_database, reference_dir)
    ingest_and_publish(fresh_database, FeedSimulator(CURRENT, faults=CURRENT_FAULTS), CURRENT_DAY,
                       tmp_path / "landing", tmp_path / "publish")
    rows = region_rows(fresh_database, CURRENT, CURRENT_DAY, SYNTHETIC_GROUPING)
    assert {code: (row["region_name"], row["provinces_expected"], row["is_complete"], row["grouping_status"])
            for code, row in rows.items()} == {"B": ("Miền Bắc", 15, True, "official"),
                                               "T": ("Miền Trung", 11, False, "official"),
                                               "N": ("Miền Nam", 8, True, "official")}
    national = query(fresh_database, "select eligible, participated from mart.national_daily")[0]
    assert (sum(row["eligible"] for row in rows.values()), sum(row["participated"] for row in rows.values())) == national
    assert sorted(row["region_rank"] for row in rows.values()) == [1, 2, 3]
    # The primary grouping of the version stays the one beside each province.
    assert query(fresh_database, "select distinct region_grouping_id from mart.province_daily") == [(GROUPING_2025,)]


def test_a_grouping_that_leaves_a_province_out_is_refused(fresh_database, tmp_path):
    reference_dir = reference_with_a_synthetic_grouping(tmp_path / "reference")
    members = reference_dir / "regions" / f"{SYNTHETIC_GROUPING}.csv"
    members.write_text("".join(line for line in members.read_text(encoding="utf-8").splitlines(keepends=True)
                               if not line.endswith(",96\n")), encoding="utf-8")
    with pytest.raises(RegionGroupingError, match="province\\(s\\) 96 of vn-2025-07 are in no region"):
        warehouse.prepare(fresh_database, reference_dir)
    assert query(fresh_database, "select count(*) from core.region_grouping") == [(0,)]
