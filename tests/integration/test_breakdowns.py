"""Breakdown rows (by section, by citizen group) through validation, core and the breakdown marts."""

from __future__ import annotations

import csv
import datetime as dt

import psycopg

from vneid_pipeline import ingest, publish
from vneid_pipeline.simulator import FeedSimulator

from .helpers import query, scalar, settings_for

CAMPAIGN = "hien-phap-2025"
DAY = dt.date(2025, 5, 16)
GROUPS = ("Học sinh, sinh viên", "Người dân khác")
SECTIONS = ("Chương I", "Chương II")
HEADER = ["commune_code", "commune_name", "eligible", "participated", "agreed", "section", "citizen_group"]


def breakdown_rows(total):
    """A total row, two citizen groups that partition it, and sections crossed with the groups."""
    rows = [[total["commune_code"], "", total["eligible"], total["participated"], total["agreed"], "", ""]]
    halves = [{k: total[k] // 2 for k in ("eligible", "participated", "agreed")}]
    halves.append({k: total[k] - halves[0][k] for k in ("eligible", "participated", "agreed")})
    halves[1]["agreed"] = min(halves[1]["agreed"], halves[1]["participated"])
    halves[0]["agreed"] = total["agreed"] - halves[1]["agreed"]
    for group, figures in zip(GROUPS, halves):
        rows.append([total["commune_code"], "", figures["eligible"], figures["participated"], figures["agreed"], "",
                     group])
        for share, section in zip((1, 2), SECTIONS):
            participated = figures["participated"] // share
            rows.append([total["commune_code"], "", figures["eligible"], participated,
                         min(figures["agreed"], participated), section, group])
    return rows


def write_report(folder, rows):
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f"{DAY}.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)


def ingest_and_publish(uri, tmp_path, rows):
    write_report(tmp_path / "landing" / CAMPAIGN / "30", rows)
    settings = settings_for(uri, source="files", landing_dir=tmp_path / "landing", recheck_days=0)
    outcome = ingest.ingest_province(settings, CAMPAIGN, "30", DAY,
                                     now=dt.datetime(2025, 5, 16, 16, tzinfo=ingest.LOCAL_TZ))
    publish.publish_day(uri, CAMPAIGN, DAY, tmp_path / "publish")
    return outcome


def test_breakdown_marts_roll_up_at_every_level(warehouse_uri, tmp_path):
    totals = FeedSimulator(CAMPAIGN).report("30", DAY)["rows"]
    outcome = ingest_and_publish(warehouse_uri, tmp_path, [row for total in totals for row in breakdown_rows(total)])
    assert outcome.target_day.status == "accepted"
    eligible = sum(t["eligible"] for t in totals)
    participated = sum(t["participated"] for t in totals)
    assert query(warehouse_uri, "select eligible, participated from mart.province_daily "
                                "where province_code = '30'") == [(eligible, participated)]
    by_group = query(warehouse_uri, "select sum(eligible), sum(participated), sum(agreed) "
                                    "from mart.province_daily_by_citizen_group")
    assert by_group == [(eligible, participated, sum(t["agreed"] for t in totals))]
    by_section = dict(query(warehouse_uri, "select section, eligible from mart.national_daily_by_section"))
    assert by_section == {"Chương I": eligible, "Chương II": eligible}
    section_two = scalar(warehouse_uri, "select participated from mart.province_daily_by_section "
                                        "where section = 'Chương II'")
    assert section_two < participated
    assert scalar(warehouse_uri, "select count(*) from mart.commune_daily_by_section") == 2 * len(totals)
    assert scalar(warehouse_uri, "select count(*) from mart.district_daily_by_citizen_group") == 2 * scalar(
        warehouse_uri, "select count(*) from mart.district_daily")
    day_dir = tmp_path / "publish" / CAMPAIGN / DAY.isoformat()
    assert (day_dir / "province_daily_by_section.csv").is_file()


def test_breakdown_rows_without_the_commune_total_are_quarantined(warehouse_uri, tmp_path):
    totals = FeedSimulator(CAMPAIGN).report("30", DAY)["rows"]
    rows = [row for total in totals for row in breakdown_rows(total)]
    rows.pop(0)  # the first commune's total row
    outcome = ingest_and_publish(warehouse_uri, tmp_path, rows)
    assert outcome.target_day.status == "quarantined"
    assert outcome.target_day.reason.startswith(f"commune_total_present: row 1 (commune {totals[0]['commune_code']})")


def test_a_section_sent_alone_and_crossed_is_quarantined(warehouse_uri, tmp_path):
    totals = FeedSimulator(CAMPAIGN).report("30", DAY)["rows"]
    rows = [row for total in totals for row in breakdown_rows(total)]
    first = totals[0]
    rows.append([first["commune_code"], "", first["eligible"], 1, 0, "Chương I", ""])
    outcome = ingest_and_publish(warehouse_uri, tmp_path, rows)
    assert outcome.target_day.status == "quarantined"
    assert "breakdown_double_counted" in outcome.target_day.reason


def test_a_days_breakdown_rows_are_found_through_its_reports_not_a_scan_of_every_fact(warehouse_uri, tmp_path):
    """V011 dropped the per-row day index of core.commune_report: the breakdown marts' view must
    reach a day's rows through core.province_report and the facts' primary key. With sequential
    scans priced out, a plan that can only scan every fact still shows a Seq Scan."""
    totals = FeedSimulator(CAMPAIGN).report("30", DAY)["rows"]
    ingest_and_publish(warehouse_uri, tmp_path, [row for total in totals for row in breakdown_rows(total)])
    with psycopg.connect(warehouse_uri) as conn:
        conn.execute("set enable_seqscan = off")
        plan = "\n".join(line for (line,) in conn.execute(
            "explain select section, sum(participated) from core.current_commune_report "
            "where campaign_id = %s and report_date = %s and section <> '' group by section", (CAMPAIGN, DAY)))
    assert "Seq Scan on commune_report" not in plan, plan
    assert "commune_report_pkey" in plan, plan
