"""
### VNeID consultations: national publication deadline (16:00 Asia/Ho_Chi_Minh)

Provinces report by 15:00, `vneid_ingest` runs at 15:30 and `vneid_publish` follows. At 16:00 this
DAG checks that `mart.national_daily` holds the day; if not, the task fails and an alert is sent
(task log, and `VNEID_ALERT_WEBHOOK` when set). A published but incomplete day (provinces missing
or quarantined) only logs a warning: that is data, visible in `mart.report_status`.

**When it fails**: look at today's `vneid_ingest` run (did `record_ingest_day` succeed?) and the
`vneid_publish` run it triggered; fix, re-run, then clear this task to confirm.
"""

from __future__ import annotations

import datetime as dt

from airflow.sdk import CronTriggerTimetable, Param, dag, task

from vneid_pipeline import airflow_adapter as adapter
from vneid_pipeline.settings import deadline_retry_policy

RETRIES, RETRY_DELAY_SECONDS = deadline_retry_policy()


@dag(
    dag_id="vneid_publication_deadline",
    schedule=CronTriggerTimetable("0 16 * * *", timezone="Asia/Ho_Chi_Minh"),
    start_date=dt.datetime(2025, 5, 1, tzinfo=dt.UTC),
    catchup=False,
    max_active_runs=1,
    default_args={"owner": "vneid-data", "retries": RETRIES, "retry_delay": dt.timedelta(seconds=RETRY_DELAY_SECONDS)},
    params={
        "campaign_id": Param(None, type=["null", "string"], description="campaign id; default VNEID_CAMPAIGN"),
        "report_date": Param(None, type=["null", "string"], description="YYYY-MM-DD; default the logical date"),
    },
    tags=["vneid", "monitoring"],
    doc_md=__doc__,
)
def vneid_publication_deadline():
    @task(on_failure_callback=[adapter.DeadlineAlertNotifier()], multiple_outputs=False)
    def check_national_publication() -> dict:
        return adapter.check_national_publication()

    check_national_publication()


vneid_publication_deadline()
