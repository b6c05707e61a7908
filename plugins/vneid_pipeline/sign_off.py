"""Sign-off: a campaign-day is published provisional, and Cục C06's approval makes its figures official.

    request_reviews(uri, days, policy, publish_root)       -> the requests to put before reviewers
    record_answer(uri, request_id, answer, publish_root)   -> applied, or stale (changes nothing)
    record_expiry(uri, request_id)                         -> the request went unanswered
    approve_days(uri, days, approver, publish_root)        -> both in one go, for `make run APPROVE=`

Each publication carries a fingerprint of its figures (`mart.national_daily.fingerprint`); a
request names the fingerprint it showed, and an answer counts only while the day is still
published with it. Approval copies the figures into `mart.official_*` (history) and marks the
marts official; a later publication with other figures is provisional again, and the change is
recorded in `dq.official_reopen` (`settle_publication`, called inside the publication's
transaction). The Airflow side (`vneid_sign_off`) asks through a human-in-the-loop task and calls
`record_answer` with the answer; nothing here knows Airflow.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path

import psycopg
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

from vneid_pipeline.sqlfiles import load_sql
from vneid_pipeline.warehouse import connect

log = logging.getLogger(__name__)

APPROVED, REJECTED = "approved", "rejected"
NO_REASON = "no reason given"


@dataclass(frozen=True)
class ReviewPolicy:
    """Who answers and for how long; where the day's files can be opened (a base URL, else paths)."""
    reviewers: tuple[str, ...]
    timeout: dt.timedelta
    files_base_url: str | None = None


@dataclass(frozen=True)
class ReviewRequest:
    request_id: int
    campaign_id: str
    report_date: str
    fingerprint: str
    reviewers: list[str]
    subject: str
    body: str

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Answer:
    decision: str  # APPROVED or REJECTED
    answered_by: str
    answered_at: dt.datetime
    reason: str | None = None


@dataclass(frozen=True)
class AnswerOutcome:
    request_id: int
    outcome: str  # "applied" or "stale"
    detail: str
    figures_status: str | None


def fingerprint(conn: psycopg.Connection, campaign_id: str, report_date: dt.date) -> str | None:
    params = {"campaign_id": campaign_id, "report_date": report_date}
    return conn.execute(load_sql("sign_off/select_fingerprint.sql"), params).fetchone()[0]


def figures_status(conn: psycopg.Connection, campaign_id: str, report_date: dt.date) -> str | None:
    row = conn.execute(load_sql("sign_off/select_figures_status.sql"),
                       {"campaign_id": campaign_id, "report_date": report_date}).fetchone()
    return row[0] if row else None


def settle_publication(conn: psycopg.Connection, campaign_id: str, report_date: dt.date, was_official: bool) -> str:
    """Inside a publication's transaction, after its marts were inserted (provisional by default):
    stamp its fingerprint; official again if these are the figures of the day's last approval; and
    if the day was official and its figures changed, record what changed. Returns the status."""
    params = {"campaign_id": campaign_id, "report_date": report_date}
    current = fingerprint(conn, campaign_id, report_date)
    conn.execute(load_sql("sign_off/update_fingerprint.sql"), {**params, "fingerprint": current})
    approval = conn.execute(load_sql("sign_off/select_latest_approval.sql"), params).fetchone()
    if approval is None:
        return "provisional"
    approval_id, approved_fingerprint, approved_by, approved_at = approval
    if approved_fingerprint == current:
        conn.execute(load_sql("sign_off/update_figures_official.sql"),
                     {**params, "approved_by": approved_by, "approved_at": approved_at})
        return "official"
    if was_official:
        conn.execute(load_sql("sign_off/insert_official_reopen.sql"),
                     {"approval_id": approval_id, "new_fingerprint": current})
        log.warning("%s %s: figures changed after approval %s; the day is provisional again",
                    campaign_id, report_date, approval_id)
    return "provisional"


def days_awaiting_request(uri: str, campaign_id: str, through: dt.date) -> list[dt.date]:
    """Published provisional days up to `through` whose current figures were never put to a reviewer
    (an Asset event Airflow dropped, a failed sign-off run)."""
    with connect(uri) as conn:
        rows = conn.execute(load_sql("sign_off/select_days_awaiting_request.sql"),
                            {"campaign_id": campaign_id, "through": through})
        return [day for (day,) in rows]


def request_reviews(uri: str, days: Iterable[tuple[str, dt.date]], policy: ReviewPolicy, publish_root: Path,
                    *, dag_run_id: str | None = None, ask_again: bool = False) -> list[ReviewRequest]:
    """Record a request for each published provisional day whose figures have none yet (every
    provisional day when `ask_again`); days already official, or not published, get none."""
    if not policy.reviewers:
        raise ValueError("no reviewers: set VNEID_SIGN_OFF_REVIEWERS to the Airflow users who approve")
    requests = []
    with connect(uri) as conn, conn.transaction():
        for campaign_id, report_date in sorted(set(days)):
            params = {"campaign_id": campaign_id, "report_date": report_date}
            conn.execute(load_sql("publish/lock_mart_day.sql"), params)
            day = conn.execute(load_sql("sign_off/select_day_for_review.sql"), params).fetchone()
            if day is None:
                log.warning("%s %s is not published; nothing to review", campaign_id, report_date)
                continue
            current_fingerprint, status, asked_before = day
            if status == "official":
                log.info("%s %s: these figures are already official", campaign_id, report_date)
                continue
            if asked_before and not ask_again:
                log.info("%s %s: these figures were already put to a reviewer", campaign_id, report_date)
                continue
            shown = _what_to_show(conn, campaign_id, report_date, policy, publish_root)
            request_id = conn.execute(load_sql("sign_off/insert_request.sql"), {
                **params, "fingerprint": current_fingerprint, "reviewers": list(policy.reviewers),
                "timeout_seconds": policy.timeout.total_seconds(), "dag_run_id": dag_run_id,
                "shown": Jsonb(shown)}).fetchone()[0]
            requests.append(ReviewRequest(
                request_id=request_id, campaign_id=campaign_id, report_date=report_date.isoformat(),
                fingerprint=current_fingerprint, reviewers=list(policy.reviewers),
                subject=f"Phê duyệt số liệu {campaign_id} ngày {report_date:%d/%m/%Y}",
                body=render_request_body(shown)))
    return requests


def record_answer(uri: str, request_id: int, answer: Answer, publish_root: Path) -> AnswerOutcome:
    """Apply a reviewer's answer, if the day is still published with the figures the request
    showed and was not asked about again since; otherwise record it as stale. Then the day's files
    and report say what it is now."""
    from vneid_pipeline import bulletin, publish

    with connect(uri, autocommit=True) as meta:
        request = meta.execute(load_sql("sign_off/select_request.sql"), {"request_id": request_id}).fetchone()
    if request is None:
        raise LookupError(f"no sign-off request {request_id}")
    campaign_id, report_date, shown_fingerprint = request
    params = {"campaign_id": campaign_id, "report_date": report_date}
    reason = (answer.reason or "").strip() or (NO_REASON if answer.decision == REJECTED else None)
    with publish.day_publication_lock(uri, campaign_id, report_date):
        with connect(uri) as conn, conn.transaction():
            conn.execute(load_sql("publish/lock_mart_day.sql"), params)
            current = conn.execute(load_sql("sign_off/select_current_publication.sql"), params).fetchone()
            already = conn.execute(load_sql("sign_off/select_answer.sql"), {"request_id": request_id}).fetchone()
            if already is not None:
                raise ValueError(f"sign-off request {request_id} was already answered ({already[0]})")
            current_fingerprint, status = current if current else (None, None)
            newer = conn.execute(load_sql("sign_off/select_newer_request.sql"), {"request_id": request_id}).fetchone()
            if newer is not None:
                detail, outcome = f"superseded: the day was asked about again (request {newer[0]})", "stale"
            elif current_fingerprint != shown_fingerprint:
                detail = ("superseded: the day was published again with other figures since this request"
                          if current_fingerprint else "the day is no longer published")
                outcome = "stale"
            elif answer.decision == APPROVED:
                conn.execute(load_sql("sign_off/insert_official_national.sql"), {
                    **params, "approval_id": request_id, "approved_by": answer.answered_by,
                    "approved_at": answer.answered_at})
                conn.execute(load_sql("sign_off/insert_official_provinces.sql"), {**params, "approval_id": request_id})
                conn.execute(load_sql("sign_off/update_figures_official.sql"), {
                    **params, "approved_by": answer.answered_by, "approved_at": answer.answered_at})
                detail, outcome, status = f"official, approved by {answer.answered_by}", "applied", "official"
            elif answer.decision == REJECTED:
                detail, outcome = f"rejected by {answer.answered_by}: {reason}", "applied"
            else:
                raise ValueError(f"unknown decision {answer.decision!r}")
            conn.execute(load_sql("sign_off/insert_answer.sql"), {
                "request_id": request_id, "decision": answer.decision, "answered_by": answer.answered_by,
                "answered_at": answer.answered_at, "reason": reason, "outcome": outcome, "outcome_detail": detail})
        if outcome == "applied":
            publish.export_files(uri, campaign_id, report_date, publish_root)
            bulletin.write_report_files(uri, campaign_id, report_date, publish_root)
    log.info("sign-off request %s (%s %s): %s, %s", request_id, campaign_id, report_date, outcome, detail)
    return AnswerOutcome(request_id, outcome, detail, status)


def record_expiry(uri: str, request_id: int) -> None:
    """The request's deadline passed without an answer: recorded; the day stays provisional."""
    with connect(uri) as conn, conn.transaction():
        conn.execute(load_sql("sign_off/insert_answer.sql"), {
            "request_id": request_id, "decision": "unanswered", "answered_by": None,
            "answered_at": dt.datetime.now(dt.UTC), "reason": None, "outcome": "expired",
            "outcome_detail": "no answer before the request's deadline; the day stays provisional"})


def approve_days(uri: str, days: Iterable[tuple[str, dt.date]], approver: str, publish_root: Path) -> list[AnswerOutcome]:
    """Request and approve each day at once, through the functions the DAG calls (`make run APPROVE=`)."""
    policy = ReviewPolicy(reviewers=(approver,), timeout=dt.timedelta(hours=1))
    outcomes = []
    for request in request_reviews(uri, days, policy, publish_root):
        outcomes.append(record_answer(uri, request.request_id,
                                      Answer(APPROVED, approver, dt.datetime.now(dt.UTC)), publish_root))
    return outcomes


def _what_to_show(conn, campaign_id: str, report_date: dt.date, policy: ReviewPolicy, publish_root: Path) -> dict:
    from vneid_pipeline import bulletin

    params = {"campaign_id": campaign_id, "report_date": report_date}
    with conn.cursor(row_factory=dict_row) as cursor:
        national = cursor.execute(load_sql("sign_off/select_review_national.sql"), params).fetchone()
        movers = cursor.execute(load_sql("sign_off/select_review_movers.sql"), params).fetchall()
    day = report_date.isoformat()
    files = {name: path for name, path in bulletin.report_files(publish_root, campaign_id, report_date).items()
             if name != "workbook"}
    if policy.files_base_url:
        links = {name: f"{policy.files_base_url.rstrip('/')}/{path.relative_to(publish_root).as_posix()}"
                 for name, path in files.items()}
    else:
        links = {name: str(path) for name, path in files.items()}
    return {"campaign_id": campaign_id, "report_date": day, "national": _plain(national),
            "movers": [_plain(row) for row in movers], "links": links}


def _plain(row: dict | None) -> dict | None:
    """JSON-ready: numerics as floats, dates as ISO strings."""
    if row is None:
        return None
    return {key: float(value) if isinstance(value, Decimal) else
            value.isoformat() if isinstance(value, dt.date) else value for key, value in row.items()}


def _percent(value) -> str:
    return "—" if value is None else f"{value * 100:.2f}%"


def render_request_body(shown: dict) -> str:
    """The request's text in the Airflow UI (Markdown): what a reviewer needs to decide."""
    national = shown["national"]
    lines = [f"**{shown['campaign_id']}**, ngày {shown['report_date']}: số liệu tạm tính chờ phê duyệt.", ""]
    if national["participated"] is None:
        lines.append("- Cả nước: chưa có tỉnh nào được chấp nhận.")
    else:
        change = ""
        if national["previous_participation_rate"] is not None:
            points = (national["participation_rate"] - national["previous_participation_rate"]) * 100
            change = f" ({points:+.2f} điểm % so với ngày trước; {national['participated_new'] or 0:+,} người mới)"
        lines.append(f"- Cả nước: {national['participated']:,} / {national['eligible']:,} người đủ điều kiện đã tham gia, "
                     f"{_percent(national['participation_rate'])}{change}.")
    lines.append(f"- Báo cáo: {national['provinces_reported']}/{national['provinces_expected']} tỉnh được chấp nhận "
                 f"(đúng hạn {national['provinces_on_time']}, muộn {national['provinces_late']}), "
                 f"cách ly {national['provinces_quarantined']}, thiếu {national['provinces_missing']}.")
    if shown["movers"]:
        lines.append("- Thay đổi thứ hạng lớn nhất: " + "; ".join(
            f"{mover['province_name']} {mover['rank_change']:+d} (hạng {mover['national_rank']}, "
            f"{_percent(mover['participation_rate'])})" for mover in shown["movers"]) + ".")
    lines += ["", f"Báo cáo ngày: {shown['links']['report']}", f"Kết quả kiểm tra dữ liệu: {shown['links']['validation']}",
              "", "Approve: số liệu trở thành chính thức. Reject: giữ tạm tính; ghi lý do vào ô reason."]
    return "\n".join(lines)
