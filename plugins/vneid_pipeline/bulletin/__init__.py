"""The daily national bulletin of a campaign-day, in Vietnamese, and the day's validation summary.

    write_daily_report(uri, campaign_id, report_date, publish_root)

writes into `<publish_root>/<campaign_id>/<YYYY-MM-DD>/report/` the report as a self-contained HTML
page (`bao-cao-<day>.html`, daily_page) and an Excel workbook (`bao-cao-<day>.xlsx`, workbook), and
the validation summary (`kiem-tra-du-lieu-<day>.html`, validation_page). The rooms: figures (what is
shown, fetched from the marts and dq tables), wording (formats and sentences), charts (inline SVG),
markup (the HTML both pages share), and one module per file written. Fetching is separate from
rendering: every page and the workbook are pure functions of the fetched data.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from vneid_pipeline.bulletin.daily_page import render_report_html
from vneid_pipeline.bulletin.figures import fetch_report_data
from vneid_pipeline.bulletin.validation_page import fetch_validation_data, render_validation_html
from vneid_pipeline.bulletin.wording import LOCAL_TZ
from vneid_pipeline.bulletin.workbook import build_workbook
from vneid_pipeline.files import text_with_bom, write_atomically
from vneid_pipeline.publish import day_publication_lock
from vneid_pipeline.warehouse import connect

REPORT_DIR = "report"


def report_files(publish_root: Path, campaign_id: str, report_date: dt.date) -> dict[str, Path]:
    """Where a day's bulletin is written: the page (`report`), its `workbook` and the `validation` summary."""
    directory, day = Path(publish_root) / campaign_id / report_date.isoformat() / REPORT_DIR, report_date.isoformat()
    return {"report": directory / f"bao-cao-{day}.html", "workbook": directory / f"bao-cao-{day}.xlsx",
            "validation": directory / f"kiem-tra-du-lieu-{day}.html"}


def write_daily_report(uri: str, campaign_id: str, report_date: dt.date, publish_root: Path) -> list[str]:
    """Write the day's report (HTML, XLSX) and validation summary (HTML); return the paths written."""
    with day_publication_lock(uri, campaign_id, report_date):
        return write_report_files(uri, campaign_id, report_date, publish_root)


def write_report_files(uri: str, campaign_id: str, report_date: dt.date, publish_root: Path) -> list[str]:
    """`write_daily_report` for a caller that already holds the day's publication lock."""
    files = report_files(publish_root, campaign_id, report_date)
    generated_at = dt.datetime.now(LOCAL_TZ)
    with connect(uri) as conn:
        data = fetch_report_data(conn, campaign_id, report_date, generated_at)
        validation = fetch_validation_data(conn, data.campaign, report_date, data.statuses, generated_at)
    write_atomically(files["report"], text_with_bom([render_report_html(data).encode("utf-8")]))
    write_atomically(files["workbook"], build_workbook(data).save)
    write_atomically(files["validation"], text_with_bom([render_validation_html(validation).encode("utf-8")]))
    return [str(path) for path in files.values()]
