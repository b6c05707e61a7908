"""Deadline monitoring: is the day's national publication out by 16:00 Asia/Ho_Chi_Minh?

Provinces report by 15:00 and the ingest runs at 15:30, so a day not published by 16:00 needs a
person. Alerts go to the task log and, when VNEID_ALERT_WEBHOOK is set, as a JSON POST to it
(a chat or incident tool's incoming webhook).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import urllib.request
from dataclasses import dataclass

from vneid_pipeline.sqlfiles import load_sql
from vneid_pipeline.warehouse import connect

log = logging.getLogger(__name__)


class PublicationLateError(RuntimeError):
    """The national figures of a day were not published by the deadline."""


@dataclass(frozen=True)
class Publication:
    published_at: dt.datetime
    provinces_reported: int
    provinces_expected: int
    is_complete: bool


def publication_of(uri: str, campaign_id: str, report_date: dt.date) -> Publication | None:
    with connect(uri) as conn:
        row = conn.execute(load_sql("publish/select_publication.sql"),
                           {"campaign_id": campaign_id, "report_date": report_date}).fetchone()
    return Publication(*row) if row else None


def check_publication(uri: str, campaign_id: str, report_date: dt.date) -> Publication:
    publication = publication_of(uri, campaign_id, report_date)
    if publication is None:
        raise PublicationLateError(
            f"{campaign_id} {report_date}: the national figures are not published (no row in "
            "mart.national_daily); check the vneid_ingest and vneid_publish runs of the day")
    if not publication.is_complete:
        log.warning("%s %s published at %s with %d of %d provinces", campaign_id, report_date,
                    publication.published_at, publication.provinces_reported, publication.provinces_expected)
    return publication


def send_alert(message: str, webhook_url: str | None = None) -> None:
    """Log the alert and, if a webhook is configured, post it there; an unreachable webhook is logged, not raised."""
    log.error("ALERT: %s", message)
    url = webhook_url or os.environ.get("VNEID_ALERT_WEBHOOK")
    if not url:
        return
    body = json.dumps({"text": message}, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10):
            pass
    except OSError as error:
        log.error("could not deliver the alert to the webhook: %s", error)
