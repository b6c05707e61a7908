"""The HTML both pages of the bulletin are made of: the page, its style, tables, statuses, escaped text."""

from __future__ import annotations

import datetime as dt
import unicodedata
from html import escape

from vneid_pipeline.bulletin.wording import MISSING, format_datetime

STATUS_LABELS = {
    "accepted": "Đã tiếp nhận",
    "quarantined": "Bị cách ly",
    "missing": "Chưa báo cáo",
    "ignored": "Bỏ qua (trùng lần gửi)",
    None: "Chưa xử lý",
}


STYLE = """
body { font-family: system-ui, 'Segoe UI', 'Noto Sans', 'DejaVu Sans', Arial, sans-serif; color: #1d2733;
       margin: 0 auto; max-width: 1180px; padding: 24px; line-height: 1.45; }
h1 { font-size: 1.6em; margin: 0 0 4px; } h2 { margin-top: 32px; border-bottom: 2px solid #1f5fa8; padding-bottom: 4px; }
h3 { margin: 24px 0 6px; } h4 { margin: 14px 0 4px; }
.subtitle { color: #4a5868; margin: 0 0 12px; }
table { border-collapse: collapse; margin: 6px 0 14px; font-size: 0.92em; }
th, td { border: 1px solid #cfd8e3; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eaf1f8; } tbody tr:nth-child(even) td { background: #f7f9fb; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.ok { color: #2e7d32; font-weight: 600; } .bad { color: #b3261e; font-weight: 600; } .warn { color: #9a6700; font-weight: 600; }
.note { color: #4a5868; font-size: 0.92em; } .empty { color: #4a5868; font-style: italic; }
.nowrap { white-space: nowrap; } table.statuses, table.revisions, table.failures { width: 100%; }
code, .value { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; background: #f2f4f7; padding: 0 3px; }
.summary span { display: inline-block; margin-right: 18px; }
footer { margin-top: 40px; color: #6b7785; font-size: 0.85em; }
"""


def text(value) -> str:
    """Any value as escaped HTML text; None is a dash."""
    return MISSING if value is None else escape(str(value), quote=True)


def table(headers: list[tuple[str, bool]], rows: list[list[str]], css_class: str = "") -> str:
    """An HTML table; headers are (label, is_numeric); cells are already escaped HTML."""
    opening = ['<td class="num">' if is_numeric else "<td>" for _, is_numeric in headers]
    head = "".join(('<th class="num" scope="col">' if is_numeric else '<th scope="col">') + escape(label) + "</th>"
                   for label, is_numeric in headers)
    body = "".join("<tr>" + "".join(opening[i] + cell + "</td>" for i, cell in enumerate(row)) + "</tr>" for row in rows)
    class_attr = f' class="{escape(css_class)}"' if css_class else ""
    return f"<table{class_attr}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def empty(message: str) -> str:
    return f'<p class="empty">{escape(message)}</p>'


def moment(value: dt.datetime | None) -> str:
    """A timestamp in Asia/Ho_Chi_Minh that does not wrap inside a table cell."""
    return f'<span class="nowrap">{escape(format_datetime(value))}</span>'


def status_label(status: str | None, is_late: bool | None = None) -> str:
    label = STATUS_LABELS.get(status, status or MISSING)
    css = {"accepted": "ok", "quarantined": "bad", "missing": "bad"}.get(status or "", "warn")
    late = ' <span class="warn">(trễ hạn)</span>' if is_late else ""
    return f'<span class="nowrap"><span class="{css}">{escape(label)}</span>{late}</span>'


def page(title: str, body: str) -> str:
    document = (
        '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
    return unicodedata.normalize("NFC", document)
