"""Sign-off in the warehouse: provisional publications, approval, rejection, stale answers, expiry,
corrections after approval, and the official-only reader (the live Airflow side is in tests/e2e)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import psycopg
import pytest

from vneid_pipeline import bulletin, ingest, publish, sign_off
from vneid_pipeline.simulator import FeedSimulator, write_landing

from .helpers import query, rewrite_csv, scalar, settings_for

CAMPAIGN = "hien-phap-2025"
PROVINCES = ["30", "01"]
DAYS = [dt.date(2025, 5, 15), dt.date(2025, 5, 16)]
POLICY = sign_off.ReviewPolicy(reviewers=("c06.reviewer",), timeout=dt.timedelta(hours=2))
NOW = dt.datetime(2025, 5, 16, 10, tzinfo=dt.UTC)


@pytest.fixture
def published(warehouse_uri, tmp_path):
    landing, publish_root = tmp_path / "landing", tmp_path / "publish"
    write_landing(FeedSimulator(CAMPAIGN), landing, DAYS, province_codes=PROVINCES)
    settings = settings_for(warehouse_uri, source="files", landing_dir=landing, recheck_days=0)
    for day in DAYS:
        for province in PROVINCES:
            ingest.ingest_province(settings, CAMPAIGN, province, day,
                                   now=dt.datetime.combine(day, dt.time(16), tzinfo=ingest.LOCAL_TZ))
        publish.publish_day(warehouse_uri, CAMPAIGN, day, publish_root)
        bulletin.write_daily_report(warehouse_uri, CAMPAIGN, day, publish_root)
    return warehouse_uri, settings, publish_root


def _status(uri, day=DAYS[1]):
    return query(uri, "select figures_status, approved_by from mart.national_daily where report_date = %s", [day])[0]


def _correct(settings, publish_root, day=DAYS[1]):
    """Revision 2 of province 30 with one more participant, ingested and published."""
    folder = settings.landing_dir / CAMPAIGN / "30"

    def add_participant(rows):
        rows[0]["participated"] = str(int(rows[0]["participated"]) + 1)

    rewrite_csv(folder / f"{day}.csv", folder / f"{day}.r2.csv", add_participant)
    ingest.ingest_province(settings, CAMPAIGN, "30", day, now=dt.datetime.combine(day, dt.time(18), tzinfo=ingest.LOCAL_TZ))
    publish.publish_day(settings.warehouse_uri, CAMPAIGN, day, publish_root)
    bulletin.write_daily_report(settings.warehouse_uri, CAMPAIGN, day, publish_root)


def _report(publish_root, day=DAYS[1]) -> str:
    return (publish_root / CAMPAIGN / day.isoformat() / "report" / f"bao-cao-{day}.html").read_text(encoding="utf-8")


def _ask(uri, publish_root, day=DAYS[1], **kwargs):
    return sign_off.request_reviews(uri, [(CAMPAIGN, day)], POLICY, publish_root, **kwargs)


def test_a_publication_is_provisional_and_a_rerun_keeps_its_fingerprint(published):
    uri, _, publish_root = published
    assert _status(uri) == ("provisional", None)
    assert scalar(uri, "select count(*) from mart.province_daily where report_date = %s "
                       "and figures_status <> 'provisional'", [DAYS[1]]) == 0
    assert "Số liệu tạm tính" in _report(publish_root) and "Số liệu chính thức" not in _report(publish_root)
    before = scalar(uri, "select fingerprint from mart.national_daily where report_date = %s", [DAYS[1]])
    assert len(before) == 64
    publish.publish_day(uri, CAMPAIGN, DAYS[1], publish_root)
    assert scalar(uri, "select fingerprint from mart.national_daily where report_date = %s", [DAYS[1]]) == before
    assert scalar(uri, "select count(distinct fingerprint) from mart.national_daily") == 2


def test_a_request_shows_the_national_figure_completeness_movers_and_links(published):
    uri, _, publish_root = published
    [request] = _ask(uri, publish_root)
    national = query(uri, "select participated, eligible, provinces_reported, provinces_expected from mart.national_daily "
                          "where report_date = %s", [DAYS[1]])[0]
    assert f"{national[0]:,} / {national[1]:,}" in request.body
    assert f"{national[2]}/{national[3]} tỉnh" in request.body
    assert "thiếu 61" in request.body
    assert str(publish_root / CAMPAIGN / DAYS[1].isoformat() / "report" / f"bao-cao-{DAYS[1]}.html") in request.body
    assert request.reviewers == ["c06.reviewer"] and request.report_date == DAYS[1].isoformat()
    linked = sign_off.request_reviews(uri, [(CAMPAIGN, DAYS[0])],
                                      sign_off.ReviewPolicy(("c06.reviewer",), dt.timedelta(hours=1), "https://files.example/vneid"),
                                      publish_root)
    assert f"https://files.example/vneid/{CAMPAIGN}/{DAYS[0]}/report/kiem-tra-du-lieu-{DAYS[0]}.html" in linked[0].body
    # the same figures are not asked about twice, unless asked again
    assert _ask(uri, publish_root) == []
    assert len(_ask(uri, publish_root, ask_again=True)) == 1


def test_approval_makes_the_day_official_in_the_marts_the_files_and_the_history(published):
    uri, _, publish_root = published
    [request] = _ask(uri, publish_root)
    outcome = sign_off.record_answer(uri, request.request_id, sign_off.Answer(sign_off.APPROVED, "c06.reviewer", NOW),
                                     publish_root)
    assert (outcome.outcome, outcome.figures_status) == ("applied", "official")
    assert _status(uri) == ("official", "c06.reviewer")
    assert _status(uri, DAYS[0]) == ("provisional", None)
    assert scalar(uri, "select count(*) from mart.province_daily where report_date = %s "
                       "and figures_status = 'official' and approved_by = 'c06.reviewer'", [DAYS[1]]) == 63
    exported = publish_root / CAMPAIGN / DAYS[1].isoformat() / "national_daily.csv"
    [row] = csv.DictReader(io.StringIO(exported.read_text(encoding="utf-8-sig")))
    assert (row["figures_status"], row["approved_by"]) == ("official", "c06.reviewer")
    assert query(uri, "select participated, approved_by from official.national_daily") == [
        (scalar(uri, "select participated from mart.national_daily where report_date = %s", [DAYS[1]]), "c06.reviewer")]
    assert scalar(uri, "select count(*) from official.province_daily") == 63
    # the report is rewritten with its stamp (16/05/2025 17:00 in Hà Nội)
    assert "Số liệu chính thức" in _report(publish_root)
    assert "Đã được Cục C06 phê duyệt: c06.reviewer, lúc 16/05/2025 17:00." in _report(publish_root)
    assert "Số liệu tạm tính" in _report(publish_root, DAYS[0])
    # a re-run that changes no figure keeps it official; nothing more to ask
    publish.publish_day(uri, CAMPAIGN, DAYS[1], publish_root)
    assert _status(uri) == ("official", "c06.reviewer")
    assert _ask(uri, publish_root) == []
    with pytest.raises(ValueError, match="already answered"):
        sign_off.record_answer(uri, request.request_id, sign_off.Answer(sign_off.REJECTED, "c06.reviewer", NOW),
                               publish_root)


@pytest.mark.parametrize("reason, recorded", [("Tỉnh 01 chưa báo cáo", "Tỉnh 01 chưa báo cáo"), ("  ", "no reason given")])
def test_a_rejection_keeps_the_day_provisional_with_its_reason(published, reason, recorded):
    uri, _, publish_root = published
    [request] = _ask(uri, publish_root)
    outcome = sign_off.record_answer(uri, request.request_id,
                                     sign_off.Answer(sign_off.REJECTED, "c06.reviewer", NOW, reason), publish_root)
    assert (outcome.outcome, outcome.figures_status) == ("applied", "provisional")
    assert _status(uri) == ("provisional", None)
    assert query(uri, "select decision, answered_by, reason, outcome from dq.sign_off_answer") == [
        ("rejected", "c06.reviewer", recorded, "applied")]
    assert scalar(uri, "select count(*) from official.national_daily") == 0
    assert f"Từ chối phê duyệt: c06.reviewer, lúc 16/05/2025 17:00. Lý do: {recorded}." in _report(publish_root)


def test_an_answer_to_figures_a_newer_publication_replaced_is_recorded_and_changes_nothing(published):
    uri, settings, publish_root = published
    [request] = _ask(uri, publish_root)
    _correct(settings, publish_root)
    outcome = sign_off.record_answer(uri, request.request_id, sign_off.Answer(sign_off.APPROVED, "c06.reviewer", NOW),
                                     publish_root)
    assert outcome.outcome == "stale" and "superseded" in outcome.detail
    assert _status(uri) == ("provisional", None)
    assert query(uri, "select decision, outcome from dq.sign_off_answer") == [("approved", "stale")]
    assert scalar(uri, "select count(*) from mart.official_national_daily") == 0
    # the new figures wait for their own request
    assert sign_off.days_awaiting_request(uri, CAMPAIGN, through=DAYS[1]) == DAYS
    assert len(_ask(uri, publish_root)) == 1


def test_a_correction_after_approval_reopens_the_day_and_keeps_the_official_figures(published):
    uri, settings, publish_root = published
    [request] = _ask(uri, publish_root)
    sign_off.record_answer(uri, request.request_id, sign_off.Answer(sign_off.APPROVED, "c06.reviewer", NOW), publish_root)
    official_participated = scalar(uri, "select participated from mart.national_daily where report_date = %s", [DAYS[1]])
    _correct(settings, publish_root)
    assert _status(uri) == ("provisional", None)
    assert scalar(uri, "select participated from mart.national_daily where report_date = %s", [DAYS[1]]) == (
        official_participated + 1)
    assert "Số liệu tạm tính" in _report(publish_root) and "Số liệu chính thức" not in _report(publish_root)
    # the last official figures stay readable, and the change is on record
    assert scalar(uri, "select participated from official.national_daily where report_date = %s", [DAYS[1]]) == (
        official_participated)
    [(approval_id, national, provinces)] = query(uri, "select approval_id, national_change, province_changes "
                                                      "from dq.official_reopen")
    assert approval_id == request.request_id
    assert national["now"]["participated"] - national["official"]["participated"] == 1
    assert [change["province_code"] for change in provinces] == ["30"]
    assert provinces[0]["now"]["participated"] - provinces[0]["official"]["participated"] == 1
    # a new request for the new figures; approving it adds to the history
    [second] = _ask(uri, publish_root)
    sign_off.record_answer(uri, second.request_id, sign_off.Answer(sign_off.APPROVED, "c06.lead", NOW), publish_root)
    assert _status(uri) == ("official", "c06.lead")
    assert query(uri, "select approved_by, participated from mart.official_national_daily where report_date = %s "
                      "order by approval_id", [DAYS[1]]) == [
        ("c06.reviewer", official_participated), ("c06.lead", official_participated + 1)]
    assert scalar(uri, "select approved_by from official.national_daily where report_date = %s", [DAYS[1]]) == "c06.lead"


def test_an_unanswered_request_is_recorded_as_expired(published):
    uri, _, publish_root = published
    [request] = _ask(uri, publish_root)
    sign_off.record_expiry(uri, request.request_id)
    assert query(uri, "select decision, outcome from dq.sign_off_answer") == [("unanswered", "expired")]
    assert _status(uri) == ("provisional", None)


def test_approve_days_is_what_make_run_approve_calls(published):
    uri, _, publish_root = published
    outcomes = sign_off.approve_days(uri, [(CAMPAIGN, day) for day in DAYS], "c06.demo", publish_root)
    assert [outcome.figures_status for outcome in outcomes] == ["official", "official"]
    assert query(uri, "select distinct figures_status, approved_by from mart.national_daily") == [("official", "c06.demo")]


def test_the_official_reader_sees_official_figures_only(published):
    uri, _, publish_root = published
    sign_off.approve_days(uri, [(CAMPAIGN, DAYS[0])], "c06.reviewer", publish_root)
    with psycopg.connect(uri, autocommit=True) as conn:
        conn.execute("grant official_reader to current_user")
    with psycopg.connect(uri) as conn:
        conn.execute("set role official_reader")
        assert conn.execute("select report_date from official.national_daily").fetchall() == [(DAYS[0],)]
        assert conn.execute("select count(*) from official.province_daily").fetchone() == (63,)
    for relation in ("mart.national_daily", "mart.province_daily", "mart.official_national_daily", "dq.sign_off_answer",
                     "core.commune_report"):
        with psycopg.connect(uri) as conn:
            conn.execute("set role official_reader")
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"select 1 from {relation} limit 1")


def test_asking_again_supersedes_the_request_still_waiting(published):
    uri, _, publish_root = published
    [first] = _ask(uri, publish_root)
    [second] = _ask(uri, publish_root, ask_again=True)
    stale = sign_off.record_answer(uri, first.request_id, sign_off.Answer(sign_off.APPROVED, "c06.reviewer", NOW),
                                   publish_root)
    assert stale.outcome == "stale" and f"request {second.request_id}" in stale.detail
    assert _status(uri) == ("provisional", None)
    applied = sign_off.record_answer(uri, second.request_id,
                                     sign_off.Answer(sign_off.REJECTED, "c06.reviewer", NOW, "thiếu tỉnh"), publish_root)
    assert applied.outcome == "applied" and _status(uri) == ("provisional", None)
