"""Which days a publish run publishes, and two publications of one day taking turns.

Publish runs may overlap and an Asset event may create no run (apache/airflow#56050): each run
also publishes the days whose marts are behind the warehouse, never past the last day asked for.
"""

from __future__ import annotations

import datetime as dt
import threading

from vneid_pipeline import ingest, publish
from vneid_pipeline.simulator import FeedSimulator, write_landing

from .helpers import rewrite_csv, scalar, settings_for

CAMPAIGN = "hien-phap-2025"
PROVINCES = ["30", "01"]
DAYS = [dt.date(2025, 5, 15) + dt.timedelta(days=n) for n in range(4)]


def _ingest(settings, day):
    now = dt.datetime.combine(day, dt.time(16), tzinfo=ingest.LOCAL_TZ)
    for province in PROVINCES:
        ingest.ingest_province(settings, CAMPAIGN, province, day, now=now)


def _landed(warehouse_uri, tmp_path, days):
    write_landing(FeedSimulator(CAMPAIGN), tmp_path / "landing", days, province_codes=PROVINCES)
    settings = settings_for(warehouse_uri, source="files", landing_dir=tmp_path / "landing", recheck_days=0)
    for day in days:
        _ingest(settings, day)
    return settings


def test_a_run_also_publishes_the_days_left_behind_up_to_the_day_it_was_asked(warehouse_uri, tmp_path):
    _landed(warehouse_uri, tmp_path, DAYS)
    publish.publish_day(warehouse_uri, CAMPAIGN, DAYS[0], tmp_path / "publish")
    # days 2 and 3 were never published (a lost Asset event, a failed run); day 4 is not asked for
    assert publish.days_behind(warehouse_uri, CAMPAIGN, through=DAYS[2]) == DAYS[1:3]
    assert publish.plan_publication(warehouse_uri, {(CAMPAIGN, DAYS[2])}) == [(CAMPAIGN, day) for day in DAYS[1:3]]
    for day in DAYS[1:]:
        publish.publish_day(warehouse_uri, CAMPAIGN, day, tmp_path / "publish")
    assert publish.days_behind(warehouse_uri, CAMPAIGN, through=DAYS[-1]) == []
    assert publish.plan_publication(warehouse_uri, {(CAMPAIGN, DAYS[2])}) == [(CAMPAIGN, DAYS[2])]


def test_a_correction_decided_after_publication_republishes_it_and_the_days_after(warehouse_uri, tmp_path):
    settings = _landed(warehouse_uri, tmp_path, DAYS)
    for day in DAYS:
        publish.publish_day(warehouse_uri, CAMPAIGN, day, tmp_path / "publish")
    folder = tmp_path / "landing" / CAMPAIGN / "30"

    def add_participants(rows):
        rows[0]["participated"] = str(int(rows[0]["participated"]) + 1)

    rewrite_csv(folder / f"{DAYS[1]}.csv", folder / f"{DAYS[1]}.r2.csv", add_participants)
    ingest.ingest_province(settings, CAMPAIGN, "30", DAYS[1], now=dt.datetime.combine(DAYS[2], dt.time(9), tzinfo=ingest.LOCAL_TZ))
    assert publish.days_behind(warehouse_uri, CAMPAIGN, through=DAYS[-1]) == [DAYS[1]]
    # asked for day 3 only: day 2 is behind, day 3's day-on-day figures read it; day 4 is not asked
    assert publish.plan_publication(warehouse_uri, {(CAMPAIGN, DAYS[2])}) == [(CAMPAIGN, DAYS[1]), (CAMPAIGN, DAYS[2])]
    # days asked for by hand with a gap between them are published as asked when nothing is behind
    publish.publish_day(warehouse_uri, CAMPAIGN, DAYS[1], tmp_path / "publish")
    assert publish.plan_publication(warehouse_uri, {(CAMPAIGN, DAYS[0]), (CAMPAIGN, DAYS[3])}) == [
        (CAMPAIGN, DAYS[0]), (CAMPAIGN, DAYS[3])]


def test_a_second_publication_of_the_same_day_waits_for_the_first(warehouse_uri, tmp_path):
    _landed(warehouse_uri, tmp_path, DAYS[:1])
    publish.publish_day(warehouse_uri, CAMPAIGN, DAYS[0], tmp_path / "publish")
    published_at = "select published_at from mart.national_daily where report_date = %s"
    first_publication = scalar(warehouse_uri, published_at, [DAYS[0]])
    finished = threading.Event()

    def publish_again():
        publish.publish_day(warehouse_uri, CAMPAIGN, DAYS[0], tmp_path / "publish")
        finished.set()

    with publish.day_publication_lock(warehouse_uri, CAMPAIGN, DAYS[0]):
        second = threading.Thread(target=publish_again)
        second.start()
        assert not finished.wait(timeout=2), "the second publication did not wait for the lock"
        assert scalar(warehouse_uri, published_at, [DAYS[0]]) == first_publication
        # another day is not held up
        publish.publish_day(warehouse_uri, CAMPAIGN, DAYS[0] + dt.timedelta(days=1), tmp_path / "publish")
    second.join(timeout=60)
    assert finished.is_set()
    assert scalar(warehouse_uri, published_at, [DAYS[0]]) > first_publication
