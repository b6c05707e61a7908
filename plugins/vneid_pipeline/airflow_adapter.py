"""The one module of the package that knows Airflow: it turns task context into domain calls.

DAG files stay thin by calling these functions; everything else in the package is plain Python.
Every task process parses its DAG file again, and the DAG files import this module, so at module
level it imports only `airflow.sdk` and the settings: each function imports the domain module it
calls (pandas, pyarrow, psycopg and Great Expectations come with those), and a worker that preloads
them (docs/performance.md, "The cost of a task") finds them already imported.
tests/dags/test_dag_imports.py holds the DAG files to this.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
from zoneinfo import ZoneInfo

from airflow.providers.standard.exceptions import HITLTimeoutError
from airflow.providers.standard.operators.hitl import HITLOperator
from airflow.sdk import Asset, BaseNotifier, Param, get_current_context
from airflow.sdk.exceptions import AirflowFailException, AirflowSkipException

from vneid_pipeline.settings import REPORT_TIMEZONE, Settings, load_settings, sign_off_timeout

log = logging.getLogger(__name__)
LOCAL_TZ = ZoneInfo(REPORT_TIMEZONE)
WAREHOUSE_ASSET = Asset(name="vneid_warehouse_core", uri="vneid://warehouse/core/commune_report")
PUBLICATION_ASSET = Asset(name="vneid_provisional_publication", uri="vneid://warehouse/mart/national_daily")
PLANNED_AT_KEY = "planned_at"


def task_settings() -> Settings:
    """Settings for this run: the environment, overridden by the run's params (source, campaign)."""
    params = get_current_context()["params"]
    settings = load_settings()
    overrides = {}
    if params.get("campaign_id"):
        overrides["campaign_id"] = params["campaign_id"]
    if params.get("source"):
        overrides["source"] = params["source"]
    return dataclasses.replace(settings, **overrides)


def run_report_date() -> dt.date:
    """The run's report day: the `report_date` param, else the logical date (or run_after) in Vietnam time."""
    context = get_current_context()
    if context["params"].get("report_date"):
        return dt.date.fromisoformat(context["params"]["report_date"])
    moment = context.get("logical_date") or context["dag_run"].run_after
    return moment.astimezone(LOCAL_TZ).date()


def prepare_warehouse() -> None:
    from vneid_pipeline import warehouse

    warehouse.prepare(task_settings().warehouse_uri)


def _skip_outside_campaign(settings: Settings) -> None:
    from vneid_pipeline import warehouse

    with warehouse.connect(settings.warehouse_uri) as conn:
        campaign = warehouse.fetch_campaign(conn, settings.campaign_id)
    report_date = run_report_date()
    if not campaign.covers(report_date):
        raise AirflowSkipException(f"{report_date} is outside campaign {settings.campaign_id} "
                                   f"({campaign.first_day} to {campaign.last_day}): nothing to ingest")


def plan_provinces() -> list[dict]:
    from vneid_pipeline import ingest

    settings = task_settings()
    _skip_outside_campaign(settings)
    context = get_current_context()
    context["ti"].xcom_push(key=PLANNED_AT_KEY, value=dt.datetime.now(dt.UTC).isoformat())
    provinces = ingest.expected_provinces(settings.warehouse_uri, settings.campaign_id)
    log.info("campaign %s, report date %s: %d provinces to ingest", settings.campaign_id, run_report_date(),
             len(provinces))
    return provinces


def ingest_province(province: dict) -> None:
    """Ingest one province's window of days; the outcome goes to the task log and the warehouse.

    Nothing is returned (no XCom): no task reads it (the announcement counts the outcomes in
    `dq.ingest_attempt`), and pushing it cost one more Execution API call for each of the 63
    tasks of every day.
    """
    from vneid_pipeline import ingest, sources

    settings = task_settings()
    context = get_current_context()
    context["province_label"] = f"{province['province_code']} {province['province_name']}"
    report_date = run_report_date()
    try:
        outcome = ingest.ingest_province(settings, settings.campaign_id, province["province_code"], report_date)
    except sources.FeedConfigurationError as error:
        # Retrying cannot fix a refused token or a wrong setting: fail at once and say so.
        raise AirflowFailException(f"CONFIGURATION ERROR for province {province['province_code']}: {error}") from None
    for day in outcome.days:
        log.info("%s %s: %s (revision %s, %d rows)%s%s", province["province_code"], day.report_date, day.status,
                 day.revision, day.rows, f" - {day.reason}" if day.reason else "",
                 f"; quality: {day.findings}" if day.findings else "")
    if outcome.quarantined:
        details = "; ".join(f"{day.report_date} revision {day.revision}: {day.reason}" for day in outcome.quarantined)
        raise AirflowFailException(f"QUARANTINED province {province['province_code']}: {details}")
    if outcome.target_day.status == "missing":
        raise AirflowSkipException(f"MISSING: province {province['province_code']} published nothing for {report_date}")


def record_ingest_day(outlet_events) -> dict:
    """Fail the run when a province got no recorded fate (a pipeline error); otherwise announce the days."""
    from vneid_pipeline import ingest

    settings = task_settings()
    _skip_outside_campaign(settings)
    context = get_current_context()
    report_date = run_report_date()
    planned = context["ti"].xcom_pull(task_ids="plan.plan_provinces", key=PLANNED_AT_KEY)
    if planned is None:
        raise RuntimeError("plan_provinces did not run for this day; see its log")
    planned_at = dt.datetime.fromisoformat(planned)
    counts, unreached = ingest.check_day_complete(settings.warehouse_uri, settings.campaign_id, report_date,
                                                  since=planned_at)
    report_dates = [day.isoformat() for day in ingest.days_to_publish(
        settings.warehouse_uri, settings.campaign_id, report_date, planned_at)]
    outlet_events[WAREHOUSE_ASSET].extra = {"campaign_id": settings.campaign_id, "report_dates": report_dates}
    log.info("ingest of %s %s: %s; days to publish: %s", settings.campaign_id, report_date, counts, report_dates)
    if unreached:
        raise RuntimeError(
            f"{len(unreached)} province(s) have no recorded outcome for {report_date} "
            f"(their ingest task failed for a reason other than the data): {', '.join(unreached)}"
        )
    return {"counts": counts, "report_dates": report_dates}


def publish_requests() -> list[dict]:
    """The campaign-days to publish: from the triggering Asset events, else from the run's params."""
    context = get_current_context()
    requests = set()
    for events in context.get("triggering_asset_events", {}).values():
        for event in events:
            extra = event.extra or {}
            for report_date in extra.get("report_dates", []):
                requests.add((extra["campaign_id"], report_date))
    if not requests:
        campaign_id = context["params"].get("campaign_id") or load_settings().campaign_id
        requests = {(campaign_id, day) for day in context["params"].get("report_dates") or []}
    if not requests:
        raise AirflowFailException("nothing to publish: no Asset event and no report_dates param")
    from vneid_pipeline import publish

    planned = publish.plan_publication(load_settings().warehouse_uri,
                                       {(campaign_id, dt.date.fromisoformat(day)) for campaign_id, day in requests})
    return [{"campaign_id": campaign_id, "report_date": day.isoformat()} for campaign_id, day in planned]


def _campaign_day(request: dict) -> tuple[str, dt.date]:
    """The request's campaign and day; labels the mapped task instance with them."""
    get_current_context()["publish_label"] = f"{request['campaign_id']} {request['report_date']}"
    return request["campaign_id"], dt.date.fromisoformat(request["report_date"])


def publish_day(request: dict) -> dict:
    from vneid_pipeline import publish

    settings = load_settings()
    published = publish.publish_day(settings.warehouse_uri, *_campaign_day(request), settings.publish_root)
    return {"rows": published.rows, "files": len(published.files)}


def write_report(request: dict) -> dict:
    from vneid_pipeline import bulletin

    settings = load_settings()
    written = bulletin.write_daily_report(settings.warehouse_uri, *_campaign_day(request), settings.publish_root)
    log.info("report files for %s %s: %s", request["campaign_id"], request["report_date"], written)
    return {"files": written}


def check_national_publication() -> dict:
    from vneid_pipeline import monitoring

    settings = task_settings()
    _skip_outside_campaign(settings)
    publication = monitoring.check_publication(settings.warehouse_uri, settings.campaign_id, run_report_date())
    return {"published_at": publication.published_at.isoformat(), "provinces_reported": publication.provinces_reported,
            "provinces_expected": publication.provinces_expected}


def announce_publication(requests: list[dict], outlet_events) -> dict:
    """The Asset event that asks vneid_sign_off to put the published days before a reviewer."""
    days = sorted({(request["campaign_id"], request["report_date"]) for request in requests})
    outlet_events[PUBLICATION_ASSET].extra = {"campaign_days": [list(day) for day in days]}
    return {"campaign_days": days}


def sign_off_requests() -> list[dict]:
    """Record a review request for each published day named by the triggering Asset events or the
    run's params, and for each earlier provisional day whose figures were never put to a reviewer."""
    from vneid_pipeline import sign_off

    context = get_current_context()
    settings = load_settings()
    days = {(campaign_id, dt.date.fromisoformat(day))
            for events in context.get("triggering_asset_events", {}).values() for event in events
            for campaign_id, day in (event.extra or {}).get("campaign_days", [])}
    ask_again = False
    if not days:
        campaign_id = context["params"].get("campaign_id") or settings.campaign_id
        days = {(campaign_id, dt.date.fromisoformat(day)) for day in context["params"].get("report_dates") or []}
        ask_again = bool(days)
    if not days:
        raise AirflowFailException("nothing to review: no Asset event and no report_dates param")
    for campaign_id in {campaign_id for campaign_id, _ in days}:
        through = max(day for asked_campaign, day in days if asked_campaign == campaign_id)
        days |= {(campaign_id, day) for day in sign_off.days_awaiting_request(settings.warehouse_uri, campaign_id, through)}
    policy = sign_off.ReviewPolicy(settings.sign_off_reviewers, sign_off_timeout(), settings.files_base_url)
    requests = sign_off.request_reviews(settings.warehouse_uri, days, policy, settings.publish_root,
                                        dag_run_id=context["dag_run"].run_id, ask_again=ask_again)
    return [request.as_dict() for request in requests]


class SignOffReviewOperator(HITLOperator):
    """One campaign-day put before its reviewers: Approve or Reject, with a reason. The answer is
    applied through sign_off.record_answer when the task resumes; an unanswered request is
    recorded as expired and the task fails (no default answer), which alerts."""

    APPROVE, REJECT = "Approve", "Reject"

    def __init__(self, *, request: dict, **kwargs) -> None:
        # A mapped task is unmapped with the partial's params (the DAG's): the form holds only ours,
        # and HITLOperator keeps only task-level params anyway.
        kwargs.pop("params", None)
        super().__init__(
            subject="Phê duyệt số liệu", options=[self.APPROVE, self.REJECT], multiple=False,
            params={"reason": Param("", type=["null", "string"], title="Lý do (khi từ chối)",
                                    description="Why the figures are rejected; shown in the report and in dq")},
            response_timeout=sign_off_timeout(), **kwargs)
        self.request = request

    @property
    def sign_off_label(self) -> str:
        # map_index_template "{{ task.sign_off_label }}": Airflow renders the label once the mapped
        # task is unmapped, before execute, so a task parked in awaiting_input already has it.
        return f"{self.request['campaign_id']} {self.request['report_date']}"

    def execute(self, context):
        self.subject, self.body = self.request["subject"], self.request["body"]
        self.assigned_users = [{"id": name, "name": name} for name in self.request["reviewers"]]
        return super().execute(context)

    def execute_complete(self, context, event):
        from vneid_pipeline import sign_off

        settings = load_settings()
        try:
            answer = super().execute_complete(context, event)
        except HITLTimeoutError as error:
            sign_off.record_expiry(settings.warehouse_uri, self.request["request_id"])
            day = {"campaign_id": self.request["campaign_id"], "report_dates": [self.request["report_date"]]}
            raise HITLTimeoutError(
                f"{self.sign_off_label}: sign-off request {self.request['request_id']} got no answer within "
                f"{self.response_timeout}; the figures stay provisional. To ask again, trigger vneid_sign_off "
                f"with {json.dumps(day)}") from error
        responder = answer["responded_by_user"] or {}
        decision = sign_off.APPROVED if answer["chosen_options"] == [self.APPROVE] else sign_off.REJECTED
        outcome = sign_off.record_answer(
            settings.warehouse_uri, self.request["request_id"],
            sign_off.Answer(decision, responder.get("id") or responder.get("name") or "unknown",
                            answer["responded_at"], (answer["params_input"] or {}).get("reason")),
            settings.publish_root)
        log.info("%s: %s (%s)", self.sign_off_label, outcome.outcome, outcome.detail)
        return {"decision": decision, "outcome": outcome.outcome, "detail": outcome.detail,
                "figures_status": outcome.figures_status}


class DeadlineAlertNotifier(BaseNotifier):
    """Calls monitoring.send_alert with what failed, for on_failure_callback."""

    def notify(self, context) -> None:
        from vneid_pipeline import monitoring

        exception = context.get("exception")
        monitoring.send_alert(f"[{context['dag'].dag_id}] {exception or 'failed'}")
