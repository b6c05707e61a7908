"""Ingesting one province: pull each day in the re-check window, land it raw, validate, load.

The unit of acceptance is one revision of one province's report for one day. A revision that
breaks the contract is quarantined whole: its payload stays in raw, its violations go to dq, and
none of its rows reaches core. A valid revision is copied into staging and merged into core in a
single transaction, so a crash leaves either the old or the new revision current, never half.

Python and the server work at the same time: a report is parsed in a background thread while its
raw copy is landed, then judged (suite, then quality checks) there while its rows are copied and
merged; the transaction commits only on a favourable verdict, and is rolled back whole otherwise.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import psycopg
import pyarrow as pa
import pyarrow.csv as pacsv
from psycopg.copy import QueuedLibpqWriter

from vneid_pipeline import quality, sources
from vneid_pipeline.parsing import ContractViolation, ParsedReport, Violation, parse_report
from vneid_pipeline.settings import REPORT_TIMEZONE, Settings
from vneid_pipeline.sqlfiles import load_sql
from vneid_pipeline.validation import ExpectedReport, ValidationResult, summarise, validate_report
from vneid_pipeline.warehouse import connect, fetch_campaign

log = logging.getLogger(__name__)
LOCAL_TZ = ZoneInfo(REPORT_TIMEZONE)
STAGING_COLUMNS = ("row_number", "commune_code", "section", "citizen_group", "eligible", "participated", "agreed")


@dataclass
class DayOutcome:
    report_date: str
    status: str  # accepted | quarantined | ignored | unchanged | missing | not_yet_published
    revision: int | None = None
    reason: str | None = None
    rows: int = 0
    findings: str | None = None
    recorded_status: str | None = None  # for "unchanged": the fate recorded when the payload was first seen


@dataclass
class ProvinceOutcome:
    campaign_id: str
    province_code: str
    report_date: str
    days: list[DayOutcome] = field(default_factory=list)

    @property
    def target_day(self) -> DayOutcome:
        """The outcome of the last payload handled for the report day (its highest revision)."""
        return [day for day in self.days if day.report_date == self.report_date][-1]

    @property
    def quarantined(self) -> list[DayOutcome]:
        """New quarantines on any day of the window, and the report day's quarantined payload received
        again unchanged: re-running a day must not turn it green, while earlier days stay quiet."""
        return [day for day in self.days
                if day.status == "quarantined" or (day.status == "unchanged" and day.recorded_status == "quarantined"
                                                   and day.report_date == self.report_date)]

    def as_dict(self) -> dict:
        return {"campaign_id": self.campaign_id, "province_code": self.province_code,
                "report_date": self.report_date, "days": [asdict(day) for day in self.days]}


class ReportNotYetPublishedError(RuntimeError):
    """404 before the cut-off: the task should retry later rather than call the province missing."""


def deadline_of(report_date: dt.date, deadline_hour: int) -> dt.datetime:
    return dt.datetime.combine(report_date, dt.time(deadline_hour), tzinfo=LOCAL_TZ)


def is_late(timestamp: dt.datetime | None, report_date: dt.date, deadline_hour: int) -> bool:
    """Late is judged by the feed's own timestamp (generated_at, or a file's mtime), never by pull time."""
    return timestamp is not None and timestamp > deadline_of(report_date, deadline_hour)


def recheck_window(report_date: dt.date, first_day: dt.date, recheck_days: int) -> list[dt.date]:
    earliest = max(first_day, report_date - dt.timedelta(days=recheck_days))
    return [earliest + dt.timedelta(days=offset) for offset in range((report_date - earliest).days + 1)]


def expected_provinces(uri: str, campaign_id: str) -> list[dict]:
    with connect(uri) as conn:
        fetch_campaign(conn, campaign_id)
        rows = conn.execute(load_sql("ingest/select_expected_provinces.sql"), {"campaign_id": campaign_id})
        return [{"province_code": code, "province_name": name} for code, name in rows]


def _day_key(received: sources.ReceivedReport) -> dict:
    return {"campaign_id": received.campaign_id, "province_code": received.province_code,
            "report_date": received.report_date}


def _as_unchanged(received: sources.ReceivedReport, fate: tuple | None) -> DayOutcome | None:
    """A recorded (status, revision, reason) as an "unchanged" outcome; None when nothing is recorded."""
    if fate is None:
        return None
    status, revision, reason = fate
    return DayOutcome(received.report_date.isoformat(), "unchanged", revision, reason, recorded_status=status)


def _recorded_fate(conn: psycopg.Connection, payload_id: int, received: sources.ReceivedReport) -> DayOutcome | None:
    """The payload's fate if one is recorded already, as an "unchanged" outcome; None otherwise."""
    return _as_unchanged(received, conn.execute(load_sql("ingest/select_payload_fate.sql"),
                                                {"payload_id": payload_id}).fetchone())


def _lock_and_recheck_fate(conn: psycopg.Connection, payload_id: int,
                           received: sources.ReceivedReport) -> DayOutcome | None:
    """Take the province-day lock, then re-read the fate: a concurrent loader (a retry racing its
    first try) may have decided this payload while we were validating it."""
    conn.execute(load_sql("ingest/lock_province_day.sql"), _day_key(received))
    return _recorded_fate(conn, payload_id, received)


def _decided_before(conn: psycopg.Connection, received: sources.ReceivedReport, checksum: str) -> DayOutcome | None:
    """The recorded fate of this very payload, if it was landed and decided before: one lookup."""
    return _as_unchanged(received, conn.execute(load_sql("ingest/select_decided_payload.sql"),
                                                {**_day_key(received), "checksum": checksum}).fetchone())


def _land(conn: psycopg.Connection, received: sources.ReceivedReport, checksum: str) -> int:
    params = {
        **_day_key(received),
        "source": received.source,
        "source_uri": received.source_uri,
        "content_format": received.content_format,
        "content": received.content,
        "checksum": checksum,
        "byte_size": len(received.content),
        "source_timestamp": received.source_timestamp,
    }
    with conn.transaction():
        # Under the province-day lock, a concurrent loader's identical payload is either committed
        # (and found by the select, or the select half of the insert) or not started yet.
        conn.execute(load_sql("ingest/lock_province_day.sql"), params)
        landed = conn.execute(load_sql("ingest/select_raw_payload.sql"), params).fetchone()
        if landed is not None:  # do not send megabytes of content only to find its checksum taken
            return landed[0]
        return conn.execute(load_sql("ingest/insert_raw_payload.sql"), params).fetchone()[0]


def _record_findings(conn, payload_id: int, findings: quality.QualityFindings | None) -> None:
    if findings is None:
        return
    for result in findings.reconciliation:
        if result["declared"] is not None:
            conn.execute(load_sql("ingest/insert_reconciliation.sql"), {
                "payload_id": payload_id, **{k: v for k, v in result.items() if k != "message"}})
    for regression in findings.regressions:
        conn.execute(load_sql("ingest/insert_regression.sql"), {"payload_id": payload_id, **regression})
    for outlier in findings.outliers:
        conn.execute(load_sql("ingest/insert_outlier.sql"), {"payload_id": payload_id, **outlier})


def _printable(text: str | None) -> str | None:
    """PostgreSQL text cannot hold NUL; show it instead of failing to record why a report was refused."""
    return None if text is None else text.replace("\x00", "\\x00")


def _record_validation(conn, payload_id: int, outcomes) -> None:
    """Every expectation's outcome on the payload (dq.validation_result), in the suite's order."""
    with conn.cursor() as cursor:
        cursor.executemany(load_sql("ingest/insert_validation_result.sql"), [
            {"payload_id": payload_id, "expectation_number": number, "rule": outcome.rule,
             "expectation_type": outcome.expectation_type, "column_name": outcome.column_name,
             "success": outcome.success, "unexpected_count": outcome.unexpected_count,
             "element_count": outcome.element_count}
            for number, outcome in enumerate(outcomes, start=1)])


def _record_fate(conn, payload_id, received, status, revision, reason, late, generated_at, row_count, violations=()):
    conn.execute(load_sql("ingest/insert_report_revision.sql"), {
        **_day_key(received), "payload_id": payload_id, "revision": revision, "status": status,
        "reason": _printable(reason),
        "is_late": late, "generated_at": generated_at, "row_count": row_count,
    })
    for number, violation in enumerate(violations, start=1):
        conn.execute(load_sql("ingest/insert_validation_failure.sql"), {
            "payload_id": payload_id, "failure_number": number, "rule": violation.rule,
            "row_number": violation.row_number, "commune_code": _printable(violation.commune_code),
            "column_name": violation.column_name, "value": _printable(violation.value),
            "message": _printable(violation.message),
        })


COPY_CHUNK_ROWS = 100_000


def _staging_csv_chunks(payload_id: int, frame: pd.DataFrame):
    """The staging rows as CSV bytes, a chunk at a time, rendered by pyarrow's C++ writer.

    Strings are always quoted (an empty label is `""`, kept empty by FORCE_NOT_NULL as well) and a
    missing count is an empty unquoted field, which COPY reads as NULL. pandas' `to_csv` took 1.5 s
    of Python per million rows for the same text.
    """
    options = pacsv.WriteOptions(include_header=False)
    for start in range(0, len(frame), COPY_CHUNK_ROWS):
        chunk = frame.iloc[start:start + COPY_CHUNK_ROWS]
        arrays = [pa.array(np.full(len(chunk), payload_id, dtype="int64"))]
        for column in STAGING_COLUMNS:
            values = chunk[column]
            arrays.append(pa.array(values.to_numpy(), type=pa.string(), from_pandas=True) if values.dtype == object
                          else pa.array(values, type=pa.int64(), from_pandas=True))
        sink = pa.BufferOutputStream()
        pacsv.write_csv(pa.Table.from_arrays(arrays, names=["payload_id", *STAGING_COLUMNS]), sink, options)
        yield sink.getvalue()


def _copy_rows(conn: psycopg.Connection, payload_id: int, parsed: ParsedReport) -> None:
    """Stream the typed rows into staging as CSV; a background thread sends each chunk while the next is rendered."""
    with conn.cursor() as cursor, cursor.copy(load_sql("ingest/copy_staging_rows.sql"),
                                              writer=QueuedLibpqWriter(cursor)) as copy:
        for data in _staging_csv_chunks(payload_id, parsed.rows):
            copy.write(data)


@dataclass
class _Verdict:
    """The judgement of a revision: the suite's result and, if the suite passed, the quality findings."""

    validation: ValidationResult
    findings: quality.QualityFindings | None

    @property
    def violations(self) -> list[Violation]:
        """Why the revision is refused; empty when it may be accepted."""
        return [*self.validation.violations, *(self.findings.blocking if self.findings else [])]


def _judge(conn, received, parsed, expected: ExpectedReport, policy: quality.QualityPolicy) -> _Verdict:
    """The suite, and when it passed, the quality checks against the previous day's rows."""
    result = validate_report(parsed, expected)
    if not result.success:
        return _Verdict(result, None)
    previous = quality.previous_frame(
        conn.execute(load_sql("ingest/select_previous_day_rows.sql"), _day_key(received)).fetchall())
    return _Verdict(result, quality.assess(parsed, previous, policy))


def _load(loading: psycopg.Connection, payload_id, received, parsed, late, judgement: Future) -> DayOutcome | None:
    """In `loading`'s transaction, under the province-day lock, stage and merge the revision while
    `judgement` is reached, then record its fate; None when the verdict is against it.

    The caller commits the transaction, or rolls it back whole when None is returned: whatever the
    database did with the rows meanwhile, nothing of a refused revision stays in staging or core.
    A revision not higher than the current one is not staged, and ignored if the verdict is for it.
    """
    key = _day_key(received)
    day = received.report_date.isoformat()
    decided = _lock_and_recheck_fate(loading, payload_id, received)
    if decided is not None:
        return decided
    current = loading.execute(load_sql("ingest/select_current_revision.sql"), key).fetchone()
    if current is None or current[0] < parsed.revision:
        try:
            with loading.transaction():  # a savepoint: rows the database refuses must not end the load
                _stage_and_insert(loading, payload_id, received, parsed, late)
        except psycopg.DatabaseError:
            # Rows that break a constraint break the contract first: the suite names the rule.
            if judgement.result().violations:
                return None
            raise
    verdict: _Verdict = judgement.result()
    if verdict.violations:
        return None
    if current is not None and current[0] >= parsed.revision:
        reason = (f"revision {parsed.revision} is not higher than revision {current[0]} already accepted "
                  f"for {day} (payload {current[1]}); it was ignored")
        _record_fate(loading, payload_id, received, "ignored", parsed.revision, reason, late,
                     parsed.generated_at, len(parsed.rows))
        _record_validation(loading, payload_id, verdict.validation.outcomes)
        return DayOutcome(day, "ignored", parsed.revision, reason)
    loading.execute(load_sql("ingest/update_current_revision.sql"), {**key, "payload_id": payload_id})
    _record_fate(loading, payload_id, received, "accepted", parsed.revision, None, late, parsed.generated_at,
                 len(parsed.rows))
    _record_validation(loading, payload_id, verdict.validation.outcomes)
    _record_findings(loading, payload_id, verdict.findings)
    loading.execute(load_sql("ingest/delete_staging_rows.sql"), {"payload_id": payload_id})
    return DayOutcome(day, "accepted", parsed.revision, None, len(parsed.rows), verdict.findings.summary())


def _stage_and_insert(conn, payload_id, received, parsed, late) -> None:
    key = _day_key(received)
    conn.execute(load_sql("ingest/delete_staging_rows.sql"), {"payload_id": payload_id})
    _copy_rows(conn, payload_id, parsed)
    total = parsed.province_total or {}
    conn.execute(load_sql("ingest/insert_province_report.sql"), {
        **key, "payload_id": payload_id, "revision": parsed.revision, "generated_at": parsed.generated_at,
        "is_late": late, "total_eligible": total.get("eligible"),
        "total_participated": total.get("participated"), "total_agreed": total.get("agreed"),
    })
    conn.execute(load_sql("ingest/insert_commune_report.sql"), {**key, "payload_id": payload_id})


def _quarantine(conn, payload_id, received, revision, late, generated_at, row_count, violations,
                findings: quality.QualityFindings | None = None, outcomes=()) -> DayOutcome:
    reason = summarise(violations)
    with conn.transaction():
        decided = _lock_and_recheck_fate(conn, payload_id, received)
        if decided is not None:
            return decided
        _record_fate(conn, payload_id, received, "quarantined", revision, reason, late, generated_at, row_count,
                     violations)
        _record_validation(conn, payload_id, outcomes)
        _record_findings(conn, payload_id, findings)
    log.warning("quarantined %s/%s %s revision %s: %s", received.campaign_id, received.province_code,
                received.report_date, revision, reason)
    return DayOutcome(received.report_date.isoformat(), "quarantined", revision, reason, row_count)


def process_received(conn, warehouse_uri: str, received: sources.ReceivedReport, expected: ExpectedReport,
                     deadline_hour: int, policy: quality.QualityPolicy) -> DayOutcome:
    """Land, parse, judge and load (or quarantine) one payload.

    Python's work runs in one background thread beside the server's, on the other core: the payload
    is parsed while its raw copy is landed, then judged (the suite, then the quality checks, on
    `conn`) while its rows are copied into staging and merged into core on a connection of their
    own, in one transaction. That transaction is committed with the revision's fate on a favourable
    verdict, and rolled back whole before a quarantine.
    """
    checksum = hashlib.sha256(received.content).hexdigest()
    decided = _decided_before(conn, received, checksum)
    if decided is not None:
        return decided
    with ThreadPoolExecutor(1, thread_name_prefix="beside-the-server") as background:
        parsing = None if received.rejection else background.submit(parse_report, received)
        payload_id = _land(conn, received, checksum)
        recorded = _recorded_fate(conn, payload_id, received)
        if recorded is not None:
            return recorded
        revision = received.revision_from_name
        late = is_late(received.source_timestamp, received.report_date, deadline_hour)
        if received.rejection:
            return _quarantine(conn, payload_id, received, revision, late, received.source_timestamp, 0,
                               [Violation(*received.rejection)])
        try:
            parsed = parsing.result()
        except ContractViolation as violation:
            return _quarantine(conn, payload_id, received, revision, late, received.source_timestamp, 0,
                               [violation.violation])
        late = is_late(parsed.generated_at, received.report_date, deadline_hour)
        if parsed.revision is None:
            parsed.revision = 1
        judgement = background.submit(_judge, conn, received, parsed, expected, policy)
        with connect(warehouse_uri) as loading:
            outcome = _load(loading, payload_id, received, parsed, late, judgement)
            if outcome is not None:
                loading.commit()
                return outcome
            loading.rollback()
    verdict = judgement.result()
    return _quarantine(conn, payload_id, received, parsed.revision, late, parsed.generated_at, len(parsed.rows),
                       verdict.violations, verdict.findings, verdict.validation.outcomes)


def ingest_province(settings: Settings, campaign_id: str, province_code: str, report_date: dt.date,
                    now: dt.datetime | None = None) -> ProvinceOutcome:
    """Ingest the target day and re-check the previous `recheck_days` days for new revisions."""
    now = now or dt.datetime.now(tz=dt.UTC)
    outcome = ProvinceOutcome(campaign_id, province_code, report_date.isoformat())
    # Autocommit: each `conn.transaction()` below is a real transaction of its own (landing, a
    # quarantine, a merge), committed as soon as it ends, never a savepoint of a longer one; a
    # single statement outside one (an ingest attempt) commits by itself.
    with connect(settings.warehouse_uri, autocommit=True) as conn:
        campaign = fetch_campaign(conn, campaign_id)
        if not campaign.covers(report_date):
            raise ValueError(f"{report_date} is outside campaign {campaign_id} "
                             f"({campaign.first_day} to {campaign.last_day})")
        communes = tuple(code for (code,) in conn.execute(
            load_sql("ingest/select_province_communes.sql"),
            {"campaign_id": campaign_id, "province_code": province_code}))
        if not communes:
            raise LookupError(f"province {province_code} has no communes in campaign {campaign_id}'s administrative version")
        days = recheck_window(report_date, campaign.first_day, settings.recheck_days)
        campaign_days = tuple(day.isoformat() for day in campaign.days())
        for day in days:
            expected = ExpectedReport(campaign_id, province_code, day.isoformat(), campaign_days, communes)
            try:
                received_list = sources.receive(settings, campaign_id, province_code, day)
            except sources.ReportNotPublishedError as error:
                if day != report_date:
                    outcome.days.append(DayOutcome(day.isoformat(), "not_yet_published", reason=str(error)))
                    continue
                if now < deadline_of(day, settings.deadline_hour):
                    raise ReportNotYetPublishedError(f"province {province_code} has not published {day} yet: {error}") from None
                conn.execute(load_sql("ingest/upsert_ingest_attempt.sql"), {
                    "campaign_id": campaign_id, "report_date": day, "province_code": province_code,
                    "outcome": "missing", "detail": f"nothing published by the cut-off: {error}"})
                outcome.days.append(DayOutcome(day.isoformat(), "missing", reason=str(error)))
                continue
            for received in received_list:
                outcome.days.append(process_received(conn, settings.warehouse_uri, received, expected,
                                                     settings.deadline_hour, settings.quality))
            conn.execute(load_sql("ingest/upsert_ingest_attempt.sql"), {
                "campaign_id": campaign_id, "report_date": day, "province_code": province_code,
                "outcome": "received", "detail": f"{len(received_list)} payload(s)"})
    return outcome


def check_day_complete(uri: str, campaign_id: str, report_date: dt.date,
                       since: dt.datetime) -> tuple[dict[str, int], list[str]]:
    """Count provinces by ingest outcome for a day and list those this ingest (from `since`) never reached."""
    counts: dict[str, int] = {}
    unreached = []
    with connect(uri) as conn:
        for province_code, attempt, attempted_at in conn.execute(
                load_sql("ingest/select_day_outcomes.sql"), {"campaign_id": campaign_id, "report_date": report_date}):
            if attempt is None or attempted_at < since:
                unreached.append(province_code)
            else:
                counts[attempt] = counts.get(attempt, 0) + 1
    return counts, unreached


def days_to_publish(uri: str, campaign_id: str, report_date: dt.date, since: dt.datetime) -> list[dt.date]:
    """The report day plus every day from the earliest one whose data changed since `since`.

    Days after a corrected day are republished too: their participated_new and rank_change
    compare with the corrected figures.
    """
    changed = [day for day in dates_decided_since(uri, campaign_id, since) if day <= report_date]
    first = min([report_date, *changed])
    return [first + dt.timedelta(days=n) for n in range((report_date - first).days + 1)]


def dates_decided_since(uri: str, campaign_id: str, since: dt.datetime) -> list[dt.date]:
    with connect(uri) as conn:
        rows = conn.execute(load_sql("ingest/select_dates_decided_since.sql"), {"campaign_id": campaign_id, "since": since})
        return [day for (day,) in rows]
