"""Sign-off through a running Airflow: scheduler, dag-processor and api-server (LocalExecutor),
started once for the module, answered through the REST API v2 as the local users.

A synthetic administrative version of three provinces, its feed simulator in its own process. One
ingest run (triggered by REST for the last day, re-checking the four before it) lands five days;
its Asset event publishes them, and the publication's event starts one vneid_sign_off run with a
review task per day, each waiting in `awaiting_input` for the user `reviewer`:

    2025-06-02  rejected with a reason              -> provisional, the reason in dq
    2025-06-03  rejected with an empty reason       -> provisional, 'no reason given'
    2025-06-04  approved; then corrected            -> official, then provisional again (reopened)
    2025-06-05  corrected while its request waits   -> the old request's answer is stale
    2025-06-06  never answered                      -> expired after VNEID_SIGN_OFF_TIMEOUT_MINUTES

Province 98's reports of 06-04 and 06-05 are broken at first (quarantined); the correction is the
simulator serving them intact, and an ingest run of 06-05 picking them up: both days are
republished with other figures, and a second sign-off run asks about them again.

The timeout is read when the DAG file is parsed, for the whole Airflow: it is as short as the
module allows (every other request is answered as soon as it waits, the stale one after the
correction), and the scheduler's sweep of expired requests runs every few seconds here.
"""

from __future__ import annotations

import csv
import io
import time

import pytest

from vneid_pipeline.localairflow import LocalAirflow

from ..integration.helpers import query, scalar
from .live_helpers import Feed, api_as, live_reference, runs, scheduler_path_airflow, task_instances, wait_for

VERSION = "vn-2025-06-sign-off"
CAMPAIGN = "ky-duyet-2025-06"
REJECTED, NO_REASON, APPROVED, STALE, EXPIRED = "2025-06-02", "2025-06-03", "2025-06-04", "2025-06-05", "2025-06-06"
DAYS = (REJECTED, NO_REASON, APPROVED, STALE, EXPIRED)
BROKEN = [f"98:{APPROVED}:out_of_range", f"98:{STALE}:out_of_range"]  # corrected later
# Long enough for the approval and the correction (an ingest run and a publication) to come before
# the first requests expire; the module waits for it once, at the end.
TIMEOUT_MINUTES = 3.5
REVIEW = "review.review_day"
SCHEDULER_CATCH_UP_SECONDS = 20
STARTED = time.monotonic()


def elapsed() -> str:
    return f"{time.monotonic() - STARTED:.0f}s"


@pytest.fixture(scope="module")
def live(postgres_server, tmp_path_factory):
    root = tmp_path_factory.mktemp("live_sign_off")
    reference = live_reference(root / "reference", VERSION, "Sign-off test: 3 provinces",
                               f"{CAMPAIGN},Lấy ý kiến thử ký duyệt,{REJECTED},2025-06-08,{VERSION},0.80",
                               valid_from="2025-06-01", valid_to="2025-06-30")
    airflow, feed_port = scheduler_path_airflow(postgres_server, root, "sign_off", reference, CAMPAIGN, {
        "VNEID_RECHECK_DAYS": "4",
        "VNEID_SIGN_OFF_TIMEOUT_MINUTES": str(TIMEOUT_MINUTES),
        # the sweep that resolves expired human-in-the-loop requests (default every 15 s)
        "AIRFLOW__SCHEDULER__TRIGGER_TIMEOUT_CHECK_INTERVAL": "3",
    })
    try:
        airflow.feed = Feed(airflow, CAMPAIGN, feed_port)
        airflow.feed.start(BROKEN)
        airflow.start(timeout=300)
        print(f"\nAirflow up at {elapsed()}")
        airflow.unpause("vneid_ingest", "vneid_publish", "vneid_sign_off")
        yield airflow
    finally:
        airflow.stop()
        airflow.webhook.shutdown()
        assert not airflow.running()


# -- helpers ------------------------------------------------------------------------------------


def ingest(live: LocalAirflow, report_date: str) -> dict:
    """An ingest run triggered through REST, then the publication and the sign-off run its Asset
    events start; returns that sign-off run, once each of its review tasks waits for an answer."""
    sign_offs_before = {run["dag_run_id"] for run in runs(live, "vneid_sign_off")}
    publishes_before = {run["dag_run_id"] for run in runs(live, "vneid_publish")}
    run = live.api("POST", "/api/v2/dags/vneid_ingest/dagRuns", {"logical_date": None, "conf": {"report_date": report_date}})
    assert live.wait_for_run("vneid_ingest", run["dag_run_id"], timeout=300) == "success"
    print(f"ingest of {report_date} done at {elapsed()}")
    published = wait_for(lambda: [r for r in runs(live, "vneid_publish") if r["dag_run_id"] not in publishes_before
                                  and r["state"] in ("success", "failed")], what="the publication")
    assert [(r["run_type"], r["state"]) for r in published] == [("asset_triggered", "success")]
    print(f"publication done at {elapsed()}")
    sign_off = wait_for(lambda: next((r for r in runs(live, "vneid_sign_off") if r["dag_run_id"] not in sign_offs_before),
                                     None), what="the sign-off run")
    assert sign_off["run_type"] == "asset_triggered"
    wait_for(lambda: waiting(live, sign_off), what="the review tasks to wait")
    print(f"review requests waiting at {elapsed()}")
    # A reviewer answers minutes later, not within the seconds the scheduler may still take to process
    # the executor's report of the task's first half: an answer before that makes Airflow 3.3 fail the
    # resumed task although the answer was applied (apache/airflow#72716, docs/operations.md §7.3).
    time.sleep(SCHEDULER_CATCH_UP_SECONDS)
    return sign_off


def waiting(live: LocalAirflow, sign_off: dict) -> bool:
    """Whether every review task of the run waits for its answer; fails at once if one failed."""
    found = task_instances(live, "vneid_sign_off", sign_off["dag_run_id"], REVIEW)
    failed = [ti["map_index"] for ti in found if ti["state"] in ("failed", "upstream_failed")]
    assert not failed, f"review tasks {failed} of {sign_off['dag_run_id']} failed; see {live.log_path('scheduler')}"
    if not found:
        plan = task_instances(live, "vneid_sign_off", sign_off["dag_run_id"], "plan.request_reviews")
        assert not plan or plan[0]["state"] != "failed", "plan.request_reviews failed"
    return bool(found) and all(ti["state"] == "awaiting_input" for ti in found)


def reviews(live: LocalAirflow, sign_off: dict) -> dict[str, dict]:
    """The run's review tasks by report day (their label is '<campaign> <day>')."""
    found = {}
    for ti in task_instances(live, "vneid_sign_off", sign_off["dag_run_id"], REVIEW):
        campaign_id, day = ti["rendered_map_index"].split()
        assert campaign_id == CAMPAIGN
        found[day] = ti
    return found


def hitl_path(ti: dict) -> str:
    return f"/api/v2/dags/vneid_sign_off/dagRuns/{ti['dag_run_id']}/taskInstances/{REVIEW}/{ti['map_index']}/hitlDetails"


def answer(live: LocalAirflow, ti: dict, option: str, reason: str | None = None, user: str = "reviewer"):
    body = {"chosen_options": [option], "params_input": {} if reason is None else {"reason": reason}}
    return api_as(live, user, "PATCH", hitl_path(ti), body)


def settled(live: LocalAirflow, ti: dict, timeout: float = 120) -> dict:
    """The review task once it finished (success or failed) after its answer or its deadline."""
    path = f"/api/v2/dags/vneid_sign_off/dagRuns/{ti['dag_run_id']}/taskInstances/{REVIEW}/{ti['map_index']}"
    return wait_for(lambda: (found := live.api("GET", path))["state"] in ("success", "failed") and found,
                    timeout=timeout, what=f"review task {ti['rendered_map_index']}")


def national(live: LocalAirflow, day: str) -> dict:
    rows = query(live.warehouse_uri, "select figures_status, approved_by, participated, eligible, provinces_reported, "
                                     "provinces_expected, provinces_quarantined, fingerprint from mart.national_daily "
                                     "where campaign_id = %s and report_date = %s", [CAMPAIGN, day])
    assert len(rows) == 1, f"{day} is not published"
    keys = ("figures_status", "approved_by", "participated", "eligible", "provinces_reported", "provinces_expected",
            "provinces_quarantined", "fingerprint")
    return dict(zip(keys, rows[0]))


def requests_for(live: LocalAirflow, day: str) -> list[tuple]:
    """(request_id, fingerprint, dag_run_id, decision, outcome, reason, answered_by) of the day, oldest first."""
    return query(live.warehouse_uri,
                 "select request.request_id, request.fingerprint, request.dag_run_id, answer.decision, answer.outcome, "
                 "answer.reason, answer.answered_by from dq.sign_off_request as request "
                 "left join dq.sign_off_answer as answer using (request_id) "
                 "where request.campaign_id = %s and request.report_date = %s order by request.request_id",
                 [CAMPAIGN, day])


def exported_national(live: LocalAirflow, day: str) -> dict:
    path = live.publish_root / CAMPAIGN / day / "national_daily.csv"
    [row] = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))
    return row


# -- the flow, step by step (each fixture runs once; the tests read what it did) -----------------


@pytest.fixture(scope="module")
def first_requests(live) -> dict[str, dict]:
    sign_off = ingest(live, EXPIRED)
    return reviews(live, sign_off)


@pytest.fixture(scope="module")
def approval(live, first_requests) -> dict:
    ti = first_requests[APPROVED]
    shown = live.api("GET", hitl_path(ti))
    before = national(live, APPROVED)
    as_admin = answer(live, ti, "Approve", user="admin")
    as_reviewer = answer(live, ti, "Approve", "Số liệu khớp với báo cáo của các tỉnh")
    return {"ti": ti, "shown": shown, "before": before, "as_admin": as_admin, "as_reviewer": as_reviewer,
            "settled": settled(live, ti)}


@pytest.fixture(scope="module")
def rejections(live, first_requests) -> dict[str, dict]:
    responses = {REJECTED: answer(live, first_requests[REJECTED], "Reject", "Tỉnh 98 chưa xác nhận số liệu"),
                 NO_REASON: answer(live, first_requests[NO_REASON], "Reject", "")}
    return {day: {"response": response, "settled": settled(live, first_requests[day])}
            for day, response in responses.items()}


@pytest.fixture(scope="module")
def correction(live, first_requests, approval) -> dict:
    """Province 98 serves its reports of 06-04 and 06-05 intact; an ingest run of 06-05 takes them."""
    before = {day: national(live, day) for day in (APPROVED, STALE)}
    live.feed.restart([])
    sign_off = ingest(live, STALE)
    return {"before": before, "sign_off": sign_off, "requests": reviews(live, sign_off)}


# -- tests ----------------------------------------------------------------------------------------


def test_each_published_day_waits_for_its_reviewer_labelled_with_its_day(live, first_requests):
    assert sorted(first_requests) == sorted(DAYS)
    for day, ti in first_requests.items():
        assert ti["rendered_map_index"] == f"{CAMPAIGN} {day}"
        assert ti["state"] == "awaiting_input"
        assert national(live, day)["figures_status"] == "provisional"
    assert national(live, APPROVED)["provinces_quarantined"] == 1


def test_approval_by_the_assigned_reviewer_makes_the_day_official(live, approval):
    shown, before = approval["shown"], approval["before"]
    assert shown["subject"] == f"Phê duyệt số liệu {CAMPAIGN} ngày 04/06/2025"
    assert f"{before['participated']:,} / {before['eligible']:,}" in shown["body"]
    assert f"{before['provinces_reported']}/{before['provinces_expected']} tỉnh được chấp nhận" in shown["body"]
    assert "cách ly 1" in shown["body"]
    assert shown["options"] == ["Approve", "Reject"] and not shown["multiple"]
    assert [user["id"] for user in shown["assigned_users"]] == ["reviewer"]
    assert shown["response_received"] is False
    # admin may see the request, not answer it
    status, detail = approval["as_admin"]
    assert status == 403, detail
    status, detail = approval["as_reviewer"]
    assert status == 200, detail
    assert detail["responded_by"] == {"id": "reviewer", "name": "reviewer"}

    assert approval["settled"]["state"] == "success"
    after = national(live, APPROVED)
    assert (after["figures_status"], after["approved_by"]) == ("official", "reviewer")
    assert after["fingerprint"] == before["fingerprint"]
    assert scalar(live.warehouse_uri, "select count(*) from mart.province_daily where report_date = %s "
                                      "and figures_status = 'official' and approved_by = 'reviewer'", [APPROVED]) == 3
    exported = exported_national(live, APPROVED)
    assert (exported["figures_status"], exported["approved_by"]) == ("official", "reviewer")
    assert query(live.warehouse_uri, "select participated, approved_by from official.national_daily "
                                     "where report_date = %s", [APPROVED]) == [(before["participated"], "reviewer")]
    [(_, _, _, decision, outcome, _, answered_by)] = requests_for(live, APPROVED)
    assert (decision, outcome, answered_by) == ("approved", "applied", "reviewer")


@pytest.mark.parametrize("day, recorded", [(REJECTED, "Tỉnh 98 chưa xác nhận số liệu"), (NO_REASON, "no reason given")],
                         ids=["with-reason", "empty-reason"])
def test_a_rejection_keeps_the_day_provisional_with_its_reason(live, rejections, day, recorded):
    status, detail = rejections[day]["response"]
    assert status == 200, detail
    assert rejections[day]["settled"]["state"] == "success"
    [(_, _, _, decision, outcome, reason, answered_by)] = requests_for(live, day)
    assert (decision, outcome, reason, answered_by) == ("rejected", "applied", recorded, "reviewer")
    assert (national(live, day)["figures_status"], national(live, day)["approved_by"]) == ("provisional", None)
    assert exported_national(live, day)["figures_status"] == "provisional"
    assert scalar(live.warehouse_uri, "select count(*) from official.national_daily where report_date = %s", [day]) == 0


def test_an_answer_to_figures_a_correction_replaced_is_stale_and_a_new_request_waits(live, first_requests, correction):
    before, now = correction["before"][STALE], national(live, STALE)
    assert now["fingerprint"] != before["fingerprint"]
    assert (before["provinces_quarantined"], now["provinces_quarantined"]) == (1, 0)
    old = first_requests[STALE]
    status, detail = answer(live, old, "Approve")
    assert status == 200, detail
    assert settled(live, old)["state"] == "success"
    [first, second] = requests_for(live, STALE)
    assert first[1] == before["fingerprint"] and first[3:5] == ("approved", "stale")
    assert national(live, STALE)["figures_status"] == "provisional"
    assert national(live, STALE)["approved_by"] is None
    assert scalar(live.warehouse_uri, "select count(*) from mart.official_national_daily where report_date = %s",
                  [STALE]) == 0
    # the new figures have their own request, waiting in the second sign-off run
    assert second[1] == now["fingerprint"] and second[3] is None
    assert second[2] == correction["sign_off"]["dag_run_id"]
    assert correction["requests"][STALE]["state"] == "awaiting_input"


def test_a_correction_after_approval_reopens_the_day_and_keeps_the_official_figures(live, approval, correction):
    approved, now = correction["before"][APPROVED], national(live, APPROVED)
    assert approved["figures_status"] == "official", "the day should have been approved first"
    assert (now["figures_status"], now["approved_by"]) == ("provisional", None)
    assert now["participated"] != approved["participated"]
    assert exported_national(live, APPROVED)["figures_status"] == "provisional"
    # the approved figures stay readable, and the change is on record
    assert query(live.warehouse_uri, "select participated, approved_by from official.national_daily "
                                     "where report_date = %s", [APPROVED]) == [(approved["participated"], "reviewer")]
    [(approval_id, national_change, province_changes)] = query(
        live.warehouse_uri, "select approval_id, national_change, province_changes from dq.official_reopen "
                            "where report_date = %s", [APPROVED])
    assert approval_id == requests_for(live, APPROVED)[0][0]
    assert national_change["official"]["participated"] == approved["participated"]
    assert national_change["now"]["participated"] == now["participated"]
    assert [change["province_code"] for change in province_changes] == ["98"]
    assert province_changes[0]["official"]["report_status"] == "quarantined"
    # a new request waits; approving it makes the new figures official, the history keeps both
    new = correction["requests"][APPROVED]
    assert new["state"] == "awaiting_input"
    assert answer(live, new, "Approve")[0] == 200
    assert settled(live, new)["state"] == "success"
    assert national(live, APPROVED)["figures_status"] == "official"
    assert query(live.warehouse_uri, "select participated from mart.official_national_daily where report_date = %s "
                                     "order by approval_id", [APPROVED]) == [(approved["participated"],),
                                                                             (now["participated"],)]
    assert scalar(live.warehouse_uri, "select participated from official.national_daily where report_date = %s",
                  [APPROVED]) == now["participated"]


def test_an_unanswered_request_expires_fails_its_task_and_alerts(live, first_requests):
    ti = first_requests[EXPIRED]
    finished = settled(live, ti, timeout=TIMEOUT_MINUTES * 60 + 120)
    print(f"the unanswered request expired at {elapsed()}")
    assert finished["state"] == "failed"
    [(_, _, _, decision, outcome, reason, answered_by)] = requests_for(live, EXPIRED)
    assert (decision, outcome, reason, answered_by) == ("unanswered", "expired", None, None)
    assert (national(live, EXPIRED)["figures_status"], national(live, EXPIRED)["approved_by"]) == ("provisional", None)
    alerts = wait_for(lambda: [message["text"] for message in live.webhook.received
                               if "vneid_sign_off" in message["text"] and EXPIRED in message["text"]],
                      timeout=30, what="the alert")
    assert len(alerts) == 1, alerts
    # Airflow 3.3 still stores a late answer, but nothing runs to apply it: the expiry stands
    status, detail = answer(live, ti, "Approve")
    assert status == 200, detail
    time.sleep(10)
    assert live.api("GET", f"/api/v2/dags/vneid_sign_off/dagRuns/{ti['dag_run_id']}/taskInstances/{REVIEW}/"
                           f"{ti['map_index']}")["state"] == "failed"
    assert requests_for(live, EXPIRED)[0][3:5] == ("unanswered", "expired")
    assert national(live, EXPIRED)["figures_status"] == "provisional"
