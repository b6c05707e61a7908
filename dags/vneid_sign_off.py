"""
### VNeID consultations: sign-off of the national figures by Cục C06

Triggered by the Asset that `vneid_publish` emits once a publication's files and reports are
written; the event names the campaign-days it published, all of them **provisional** (Số liệu
tạm tính). **plan** records a review request for each day whose current figures were never put to
a reviewer (and for earlier such days an event did not name); **review** is one human-in-the-loop
task per campaign-day, waiting in the *Required actions* view (or for
`PATCH /api/v2/dags/vneid_sign_off/dagRuns/<run_id>/taskInstances/review.review_day/<map_index>/hitlDetails`)
for one of the users in `VNEID_SIGN_OFF_REVIEWERS`.

**Approve** makes the day **official** (Số liệu chính thức): the marts (`figures_status`,
`approved_by`, `approved_at`), the files and the report say so, and the figures are kept in
`mart.official_*`. **Reject**, with a reason, keeps it provisional; the reason goes to
`dq.sign_off_answer` and the report. An answer to figures that a newer publication has replaced
is recorded as stale and changes nothing; the new figures get their own request. A request left
unanswered for `VNEID_SIGN_OFF_TIMEOUT_MINUTES` (default a day) fails its task and alerts; to ask
again, trigger this DAG with `{"campaign_id": "...", "report_dates": ["YYYY-MM-DD"]}`.

**When `plan.request_reviews` fails**, nothing was asked: fix the cause and clear it. **When
`review.review_day` fails** on its deadline, the day stays provisional: ask again as above. When
it fails after an answer (the warehouse was down), the answer is in its log and its Required
actions entry: ask again as above and answer the new request.

Runs overlap: a day waiting for its reviewer holds back neither later publications nor later
requests. The reviewer's page is docs/operations.md §7.
"""

from __future__ import annotations

import datetime as dt

from airflow.sdk import Param, TaskGroup, dag, task

from vneid_pipeline import airflow_adapter as adapter


@dag(
    dag_id="vneid_sign_off",
    schedule=[adapter.PUBLICATION_ASSET],
    start_date=dt.datetime(2025, 5, 1, tzinfo=dt.UTC),
    catchup=False,
    default_args={"owner": "vneid-data"},
    params={
        "campaign_id": Param(None, type=["null", "string"], description="campaign id; default VNEID_CAMPAIGN"),
        "report_dates": Param([], type="array", description="YYYY-MM-DD days to ask about again, when not triggered by the Asset"),
    },
    tags=["vneid", "sign-off"],
    doc_md=__doc__,
)
def vneid_sign_off():
    @task(retries=2, retry_delay=dt.timedelta(minutes=1))
    def request_reviews() -> list[dict]:
        return adapter.sign_off_requests()

    with TaskGroup("plan", tooltip="the campaign-days to put before a reviewer"):
        requests = request_reviews()
    with TaskGroup("review", tooltip="one request per campaign-day: Approve or Reject"):
        adapter.SignOffReviewOperator.partial(
            task_id="review_day",
            map_index_template="{{ task.sign_off_label }}",
            on_failure_callback=[adapter.DeadlineAlertNotifier()],
        ).expand(request=requests)


vneid_sign_off()
