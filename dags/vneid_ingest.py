"""
### VNeID consultations: daily ingest of every province's report

Runs every day at 15:30 Asia/Ho_Chi_Minh, after the 15:00 reporting deadline; the run's logical
date is the report day. Three stages (task groups): **plan** (migrations check, the provinces of
the campaign), **ingest** (one mapped task per province, labelled with its code and name) and
**announce** (the day's outcome and the warehouse Asset). Each province task does:

1. **pull** the report over HTTP (feed contract v1) or from the landing folder (`VNEID_SOURCE`),
   for the report day and the previous `VNEID_RECHECK_DAYS` days (to pick up corrections);
2. **land** each payload unchanged in `raw.report_payload`, with its checksum (a payload already
   seen changes nothing);
3. **validate** it with the Great Expectations suite `expectations/province_report_v1.json`;
4. **load** it: `COPY` into staging and merge into core in one transaction.

**Reading the grid.** `ingest_province` is one cell per run until you open it; opened, it lists one
row per province, labelled `<code> <name>`. A red (failed) province means its report was
**quarantined**: the task log and `mart.report_status` give the rule, the row and the value; the
province's feedback file is under `publish/<campaign>/<date>/feedback/`. A pink (skipped) province
published **nothing** by the cut-off. Neither stops the day: `announce.record_ingest_day` still
announces the warehouse Asset and the publish DAG runs.

**When `announce.record_ingest_day` fails**, a province task failed for a reason other than its data (feed
credentials, HTTP 401/403, network, warehouse): fix the cause, then re-run the day's failed provinces
and the announcement that republishes. For a scheduled or backfilled run of day D:
`airflow tasks clear vneid_ingest -t ingest_province -d -f -s <D>T15:30:00+07:00 -e <D>T15:30:00+07:00 -y`;
for a run triggered with `report_date` (it has no logical date):
`airflow dags clear vneid_ingest --run-id <run_id> --only-failed -y`. One province: open
`ingest_province`, select it, *Clear* with *Downstream*. See docs/operations.md section 3.1.
"""

from __future__ import annotations

import datetime as dt

from airflow.sdk import CronTriggerTimetable, Param, TaskGroup, dag, task

from vneid_pipeline import airflow_adapter as adapter

REPORT_TIMEZONE = "Asia/Ho_Chi_Minh"


@dag(
    dag_id="vneid_ingest",
    schedule=CronTriggerTimetable("30 15 * * *", timezone=REPORT_TIMEZONE),
    start_date=dt.datetime(2025, 5, 1, tzinfo=dt.UTC),
    catchup=False,
    max_active_runs=1,
    max_active_tasks=8,
    default_args={"owner": "vneid-data", "retries": 2, "retry_delay": dt.timedelta(minutes=5)},
    params={
        "campaign_id": Param(None, type=["null", "string"], description="campaign id; default VNEID_CAMPAIGN"),
        "source": Param(None, type=["null", "string"], enum=[None, "http", "files"], description="default VNEID_SOURCE"),
        "report_date": Param(None, type=["null", "string"], description="YYYY-MM-DD; default the logical date"),
    },
    tags=["vneid", "ingest"],
    doc_md=__doc__,
)
def vneid_ingest():
    @task
    def prepare_warehouse() -> None:
        adapter.prepare_warehouse()

    @task
    def plan_provinces() -> list[dict]:
        return adapter.plan_provinces()

    @task(map_index_template="{{ province_label }}")
    def ingest_province(province: dict) -> None:
        adapter.ingest_province(province)

    @task(trigger_rule="all_done", outlets=[adapter.WAREHOUSE_ASSET], retries=0, multiple_outputs=False)
    def record_ingest_day(outlet_events=None) -> dict:
        return adapter.record_ingest_day(outlet_events)

    with TaskGroup("plan", tooltip="check the warehouse, list the campaign's provinces"):
        provinces = plan_provinces()
        prepare_warehouse() >> provinces
    with TaskGroup("ingest", tooltip="one task per province: pull, land, validate, load"):
        ingested = ingest_province.expand(province=provinces)
    with TaskGroup("announce", tooltip="record the day's outcome, announce the warehouse Asset"):
        ingested >> record_ingest_day()


vneid_ingest()
