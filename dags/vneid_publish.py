"""
### VNeID consultations: publish rankings and aggregates

Triggered by the warehouse Asset that `vneid_ingest` emits; the Asset event names the
campaign-days whose data changed (the report day and any corrected earlier day). It can also be
triggered by hand with the params `campaign_id` and `report_dates`.

For each campaign-day (one mapped task each), in one transaction: `mart.report_status`,
`mart.commune_daily` (rank within province), `mart.district_daily` (only where the administrative
version has districts), `mart.province_daily` (national rank, rank change, target gap,
completeness), `mart.national_daily` and, for a campaign on an older administrative version,
`mart.province_daily_current_units` (its provinces restated as today's). Then every mart is exported as
`publish/<campaign>/<date>/<table>.csv` (UTF-8 with BOM), written under a temporary name and
renamed, and each quarantined province gets `feedback/<province>.csv`.

**When it fails**, the previous publication stays in place (the transaction rolled back). Fix the
cause and clear the task, or re-publish by hand: trigger this DAG with
`{"campaign_id": "...", "report_dates": ["YYYY-MM-DD"]}`.
"""

from __future__ import annotations

import datetime as dt

from airflow.sdk import Param, dag, task

from vneid_pipeline import airflow_adapter as adapter


@dag(
    dag_id="vneid_publish",
    schedule=[adapter.WAREHOUSE_ASSET],
    start_date=dt.datetime(2025, 5, 1, tzinfo=dt.UTC),
    catchup=False,
    max_active_runs=1,
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

    @task(map_index_template="{{ publish_label }}")
    def publish_day(request: dict) -> dict:
        return adapter.publish_day(request)

    publish_day.expand(request=resolve_publish_requests())


vneid_publish()
