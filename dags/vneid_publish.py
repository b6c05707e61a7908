"""
### VNeID consultations: publish rankings and aggregates

Triggered by the warehouse Asset that `vneid_ingest` emits; the Asset event names the
campaign-days whose data changed (the report day and any corrected earlier day). It can also be
triggered by hand with the params `campaign_id` and `report_dates`.

Four stages (task groups): **plan** (which campaign-days), **publish** (marts and files, one
mapped task per campaign-day), **report** (the daily national report, one per campaign-day) and
**sign_off** (one Asset event naming the days, which triggers `vneid_sign_off`). Every
publication is provisional (`figures_status`) until Cục C06 approves its figures there; a
publication whose figures equal the day's last approved ones stays official.
For each campaign-day, in one transaction: `mart.report_status`,
`mart.commune_daily` (rank within province), `mart.district_daily` (only where the administrative
version has districts), `mart.province_daily` (national rank, rank change, target gap,
completeness), `mart.national_daily` and, for a campaign on an older administrative version,
`mart.province_daily_current_units` (its provinces restated as today's). Then every mart is exported as
`publish/<campaign>/<date>/<table>.csv` (UTF-8 with BOM), written under a temporary name and
renamed, with a typed Parquet copy under `parquet/`, and each quarantined province gets
`feedback/<province>.csv`. Then the report stage writes `report/bao-cao-<date>.html` and `.xlsx`
(the daily national report, in Vietnamese) and `report/kiem-tra-du-lieu-<date>.html` (the day's
validation results), see docs/report.md.

Runs may overlap: each Asset event should create its own run, and Airflow 3.3 drops events that
arrive while an asset-triggered DAG waits at `max_active_runs` (apache/airflow#56050). Two
publications of the same day take turns (a lock per campaign-day), and every run also publishes
the earlier days whose marts are behind the warehouse (a lost event, a failed run) together with
the days after them up to the last day it was asked for; its plan task logs them.

**When `publish.publish_day` fails**, the previous publication stays in place (the transaction
rolled back). Fix the
cause and clear the task, or re-publish by hand: trigger this DAG with
`{"campaign_id": "...", "report_dates": ["YYYY-MM-DD"]}`. **When `report.write_report` fails**, the
marts and files are already published; the previous report files stay until it succeeds: fix the
cause and clear that task.
"""

from __future__ import annotations

import datetime as dt

from airflow.sdk import Param, TaskGroup, dag, task

from vneid_pipeline import airflow_adapter as adapter


@dag(
    dag_id="vneid_publish",
    schedule=[adapter.WAREHOUSE_ASSET],
    start_date=dt.datetime(2025, 5, 1, tzinfo=dt.UTC),
    catchup=False,
    default_args={"owner": "vneid-data", "retries": 2, "retry_delay": dt.timedelta(minutes=2)},
    params={
        "campaign_id": Param(None, type=["null", "string"], description="campaign id; default VNEID_CAMPAIGN"),
        "report_dates": Param([], type="array", description="YYYY-MM-DD days, when not triggered by the Asset"),
    },
    tags=["vneid", "publish"],
    doc_md=__doc__,
)
def vneid_publish():
    @task
    def resolve_publish_requests() -> list[dict]:
        return adapter.publish_requests()

    @task(map_index_template="{{ publish_label }}", multiple_outputs=False)
    def publish_day(request: dict) -> dict:
        return adapter.publish_day(request)

    @task(map_index_template="{{ publish_label }}", multiple_outputs=False)
    def write_report(request: dict) -> dict:
        return adapter.write_report(request)

    @task(outlets=[adapter.PUBLICATION_ASSET], multiple_outputs=False)
    def announce_publication(requests: list[dict], outlet_events=None) -> dict:
        return adapter.announce_publication(requests, outlet_events)

    with TaskGroup("plan", tooltip="the campaign-days to publish"):
        requests = resolve_publish_requests()
    with TaskGroup("publish", tooltip="marts in one transaction, then CSV and Parquet files"):
        published = publish_day.expand(request=requests)
    with TaskGroup("report", tooltip="daily national report (HTML, XLSX) and validation summary"):
        reports = write_report.expand(request=requests)
        published >> reports
    with TaskGroup("sign_off", tooltip="the provisional publication, announced to vneid_sign_off"):
        reports >> announce_publication(requests)


vneid_publish()
