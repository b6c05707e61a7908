"""Pulling a province's report: over HTTP (feed contract v1) or from the landing folder."""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from vneid_pipeline.settings import Settings

log = logging.getLogger(__name__)

CAMPAIGN_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
PROVINCE_CODE_PATTERN = re.compile(r"^[0-9]{2}$")
LANDING_NAME = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})(?:\.r(?P<revision>[1-9][0-9]{0,3}))?\.(?P<ext>csv|xlsx)$")
MAX_PAYLOAD_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class ReceivedReport:
    campaign_id: str
    province_code: str
    report_date: dt.date
    source: str  # http | files
    source_uri: str
    content_format: str  # json | csv | xlsx
    content: bytes
    source_timestamp: dt.datetime | None  # a file's modification time; None for HTTP
    revision_from_name: int | None = None
    rejection: tuple[str, str] | None = None  # (rule, message) when the file cannot be accepted as sent


class FeedConfigurationError(RuntimeError):
    """The feed refused our credentials or is not configured: an operator must act, not the province."""


class FeedUnavailableError(RuntimeError):
    """The feed kept failing (5xx, time-outs, connection errors) after every retry."""


class ReportNotPublishedError(LookupError):
    """No report for that province and day (HTTP 404, or no file in the landing area)."""


def _check_identifiers(campaign_id: str, province_code: str) -> None:
    if not CAMPAIGN_ID_PATTERN.fullmatch(campaign_id):
        raise ValueError(f"campaign id {campaign_id!r} is not a valid identifier")
    if not PROVINCE_CODE_PATTERN.fullmatch(province_code):
        raise ValueError(f"province code {province_code!r} is not two digits")


def report_url(base_url: str, campaign_id: str, province_code: str, report_date: dt.date) -> str:
    _check_identifiers(campaign_id, province_code)
    return f"{base_url.rstrip('/')}/v1/campaigns/{campaign_id}/provinces/{province_code}/reports/{report_date.isoformat()}"


def fetch_http(settings: Settings, campaign_id: str, province_code: str, report_date: dt.date) -> ReceivedReport:
    url = report_url(settings.feed_base_url, campaign_id, province_code, report_date)
    token = settings.feed_token(province_code)
    if not token:
        raise FeedConfigurationError(
            f"no feed token for province {province_code}: set VNEID_FEED_TOKEN_{province_code} (or VNEID_FEED_TOKEN)"
        )
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}", "Accept": "application/json"})
    last_problem = "no attempt made"
    for attempt in range(1, settings.http_attempts + 1):
        try:
            with urllib.request.urlopen(request, timeout=settings.http_timeout_seconds) as response:
                content = response.read(MAX_PAYLOAD_BYTES + 1)
                if len(content) > MAX_PAYLOAD_BYTES:
                    raise FeedUnavailableError(f"{url}: response larger than {MAX_PAYLOAD_BYTES} bytes")
                return ReceivedReport(campaign_id, province_code, report_date, "http", url, "json", content, None)
        except urllib.error.HTTPError as error:
            if error.code == 404:
                raise ReportNotPublishedError(f"{url}: 404, no report published yet") from None
            if error.code in (401, 403):
                raise FeedConfigurationError(
                    f"{url}: HTTP {error.code}; the feed refused the token of province {province_code} "
                    f"(check VNEID_FEED_TOKEN_{province_code})"
                ) from None
            if error.code < 500 and error.code != 429:
                raise FeedConfigurationError(f"{url}: unexpected HTTP {error.code}") from None
            last_problem = f"HTTP {error.code}"
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            last_problem = f"{type(error).__name__}: {getattr(error, 'reason', error)}"
        if attempt < settings.http_attempts:
            delay = min(0.5 * 2 ** (attempt - 1), 8.0)
            log.warning("%s failed (%s), attempt %d of %d; retrying in %.1fs", url, last_problem, attempt,
                        settings.http_attempts, delay)
            time.sleep(delay)
    raise FeedUnavailableError(f"{url}: still failing after {settings.http_attempts} attempts ({last_problem})")


def landing_dir_for(landing_root: Path, campaign_id: str, province_code: str) -> Path:
    _check_identifiers(campaign_id, province_code)
    root = landing_root.resolve()
    folder = (root / campaign_id / province_code).resolve()
    if root not in folder.parents:
        raise ValueError(f"landing folder {folder} escapes the landing root {root}")
    return folder


def list_landing(landing_root: Path, campaign_id: str, province_code: str, report_date: dt.date) -> list[ReceivedReport]:
    """Every revision of one province-day in the landing area, lowest revision first."""
    folder = landing_dir_for(landing_root, campaign_id, province_code)
    if not folder.is_dir():
        raise ReportNotPublishedError(f"{folder} does not exist")
    by_revision: dict[int, list[Path]] = {}
    for path in folder.iterdir():
        match = LANDING_NAME.fullmatch(path.name)
        if not match or match.group("date") != report_date.isoformat():
            continue
        if path.is_symlink() or not path.is_file():
            log.warning("ignoring %s: not a regular file", path)
            continue
        by_revision.setdefault(int(match.group("revision") or 1), []).append(path)
    if not by_revision:
        raise ReportNotPublishedError(f"no {report_date.isoformat()}[.rN].csv|.xlsx in {folder}")
    received = []
    for revision in sorted(by_revision):
        paths = sorted(by_revision[revision])
        ambiguity = None
        if len(paths) > 1:
            ambiguity = ("ambiguous_submission", f"both {' and '.join(p.name for p in paths)} exist for revision "
                         f"{revision}; send exactly one file per revision")
        for path in paths:
            status = path.stat()
            size = status.st_size
            rejection = ambiguity
            if size > MAX_PAYLOAD_BYTES:
                # Only the first bytes are kept in raw, as evidence; the file itself stays in the landing area.
                rejection = ("file_too_large", f"{path.name} is {size} bytes, over the {MAX_PAYLOAD_BYTES}-byte limit")
                with path.open("rb") as handle:
                    content = handle.read(64 * 1024)
            else:
                content = path.read_bytes()
            mtime = dt.datetime.fromtimestamp(status.st_mtime, tz=dt.UTC)
            received.append(
                ReceivedReport(campaign_id, province_code, report_date, "files", str(path), path.suffix[1:],
                               content, mtime, revision, rejection)
            )
    return received


def receive(settings: Settings, campaign_id: str, province_code: str, report_date: dt.date) -> list[ReceivedReport]:
    if settings.source == "http":
        return [fetch_http(settings, campaign_id, province_code, report_date)]
    if settings.source == "files":
        return list_landing(settings.landing_dir, campaign_id, province_code, report_date)
    raise FeedConfigurationError(f"VNEID_SOURCE must be 'http' or 'files', not {settings.source!r}")
