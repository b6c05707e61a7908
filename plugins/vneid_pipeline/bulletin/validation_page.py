"""The validation summary of a report day (kiem-tra-du-lieu-<day>.html): our Data Docs.

For every payload received for the day: its fate and revision history (dq.report_revision), the
rules it broke (dq.validation_failure, the first few and a count), totals reconciliation, falls in
cumulative figures and outlying increments, and, when dq.validation_result holds them, the outcome
of every expectation of the contract suite. Fetching (`fetch_validation_data`) is separate from
rendering (`render_validation_html`, a pure function of a `ValidationData`), and every value is
escaped: names, reasons and offending values come from outside.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape

import psycopg

from vneid_pipeline.bulletin.figures import ProvinceStatus, fetch_rows
from vneid_pipeline.bulletin.markup import empty, moment, page, status_label, table, text
from vneid_pipeline.bulletin.wording import (
    MISSING,
    format_date,
    format_datetime,
    format_decimal,
    format_int,
    format_percent,
)
from vneid_pipeline.reference import Campaign

FINDINGS_PER_PAYLOAD = 20

SEVERITY_LABELS = {"warning": "Cảnh báo", "quarantine": "Cách ly"}


@dataclass(frozen=True)
class Payload:
    payload_id: int
    province_code: str
    province_name: str
    revision: int | None
    status: str | None
    reason: str | None = None
    is_late: bool | None = None
    generated_at: dt.datetime | None = None
    row_count: int | None = None
    source: str | None = None
    content_format: str | None = None
    byte_size: int | None = None
    received_at: dt.datetime | None = None
    decided_at: dt.datetime | None = None
    failure_count: int = 0
    reconciliation_count: int = 0
    reconciliation_mismatch_count: int = 0
    regression_count: int = 0
    outlier_count: int = 0

    @property
    def has_findings(self) -> bool:
        return bool(self.status != "accepted" or self.failure_count or self.reconciliation_mismatch_count
                    or self.regression_count or self.outlier_count)


@dataclass(frozen=True)
class Failure:
    payload_id: int
    failure_number: int
    rule: str
    row_number: int | None
    commune_code: str | None
    column_name: str | None
    value: str | None
    message: str


@dataclass(frozen=True)
class Reconciliation:
    payload_id: int
    column_name: str
    declared: int
    rows_sum: int
    difference: int
    tolerance: Decimal
    within_tolerance: bool


@dataclass(frozen=True)
class Regression:
    payload_id: int
    commune_code: str
    section: str
    citizen_group: str
    previous_report_date: dt.date
    previous_participated: int
    participated: int
    drop_share: Decimal
    severity: str


@dataclass(frozen=True)
class Outlier:
    payload_id: int
    commune_code: str
    previous_report_date: dt.date
    increment: int
    increment_rate: Decimal
    modified_z: Decimal
    threshold: Decimal


@dataclass(frozen=True)
class ExpectationResult:
    payload_id: int
    expectation_number: int
    rule: str | None
    expectation_type: str | None
    column_name: str | None
    success: bool | None
    unexpected_count: int | None
    element_count: int | None


@dataclass(frozen=True)
class ValidationData:
    campaign: Campaign
    report_date: dt.date
    statuses: list[ProvinceStatus]
    payloads: list[Payload]
    failures: list[Failure] = field(default_factory=list)
    reconciliations: list[Reconciliation] = field(default_factory=list)
    regressions: list[Regression] = field(default_factory=list)
    outliers: list[Outlier] = field(default_factory=list)
    # None: dq.validation_result does not exist in this warehouse; []: it holds nothing for the day.
    expectation_results: list[ExpectationResult] | None = None
    generated_at: dt.datetime | None = None
    findings_per_payload: int = FINDINGS_PER_PAYLOAD


def fetch_validation_data(conn: psycopg.Connection, campaign: Campaign, report_date: dt.date,
                          statuses: list[ProvinceStatus], generated_at: dt.datetime | None = None) -> ValidationData:
    """The day's findings; the campaign and the provinces' statuses are the ones the report already read."""
    params = {"campaign_id": campaign.campaign_id, "report_date": report_date}
    limited = {**params, "per_payload": FINDINGS_PER_PAYLOAD}
    return ValidationData(
        campaign=campaign,
        report_date=report_date,
        statuses=statuses,
        payloads=fetch_rows(conn, Payload, "report/select_day_payloads.sql", params),
        failures=fetch_rows(conn, Failure, "report/select_day_validation_failures.sql", limited),
        reconciliations=fetch_rows(conn, Reconciliation, "report/select_day_reconciliation.sql", params),
        regressions=fetch_rows(conn, Regression, "report/select_day_regressions.sql", limited),
        outliers=fetch_rows(conn, Outlier, "report/select_day_outliers.sql", limited),
        expectation_results=fetch_rows(conn, ExpectationResult, "report/select_day_validation_results.sql", params),
        generated_at=generated_at,
    )


# Rendering ------------------------------------------------------------------------------------

def _count_caption(shown: int, total: int, noun: str) -> str:
    if total > shown:
        return f"{format_int(shown)} đầu tiên trên tổng số {format_int(total)} {noun}"
    return f"{format_int(total)} {noun}"


def _payload_details(payload: Payload, failures, reconciliations, regressions, outliers) -> str:
    parts = [f'<h4 id="goi-{payload.payload_id}">Lần gửi {text(payload.revision)} '
             f'(gói dữ liệu số {payload.payload_id}): {status_label(payload.status, payload.is_late)}</h4>']
    if payload.reason:
        parts.append(f'<p>Lý do: <span class="value">{text(payload.reason)}</span></p>')
    if payload.failure_count:
        parts.append(f"<p>Quy tắc bị vi phạm: {escape(_count_caption(len(failures), payload.failure_count, 'lỗi'))}.</p>")
        parts.append(table(
            [("Quy tắc", False), ("Dòng", True), ("Mã xã", False), ("Cột", False), ("Giá trị", False), ("Mô tả", False)],
            [[f"<code>{text(f.rule)}</code>", text(f.row_number), text(f.commune_code), text(f.column_name),
              f'<span class="value">{text(f.value)}</span>' if f.value is not None else MISSING, text(f.message)]
             for f in failures], "failures"))
    if reconciliations:
        parts.append("<p>Đối chiếu tổng số tỉnh khai báo với tổng các dòng:</p>")
        parts.append(table(
            [("Cột", False), ("Tỉnh khai báo", True), ("Tổng các dòng", True), ("Chênh lệch", True),
             ("Ngưỡng cho phép", True), ("Kết quả", False)],
            [[text(r.column_name), format_int(r.declared), format_int(r.rows_sum), format_int(r.difference),
              format_percent(r.tolerance, 2),
              '<span class="ok">Khớp</span>' if r.within_tolerance else '<span class="bad">Vượt ngưỡng</span>']
             for r in reconciliations]))
    if payload.regression_count:
        parts.append(f"<p>Số người tham gia giảm so với ngày được tiếp nhận trước đó: "
                     f"{escape(_count_caption(len(regressions), payload.regression_count, 'dòng'))}.</p>")
        parts.append(table(
            [("Mã xã", False), ("Nhóm", False), ("Ngày so sánh", False), ("Trước", True), ("Nay", True),
             ("Mức giảm", True), ("Mức độ", False)],
            [[text(r.commune_code), text(" / ".join(v for v in (r.section, r.citizen_group) if v) or "Tổng của xã"),
              format_date(r.previous_report_date), format_int(r.previous_participated), format_int(r.participated),
              format_percent(r.drop_share), escape(SEVERITY_LABELS.get(r.severity, r.severity))]
             for r in regressions]))
    if payload.outlier_count:
        parts.append(f"<p>Mức tăng trong ngày bất thường: "
                     f"{escape(_count_caption(len(outliers), payload.outlier_count, 'xã'))}.</p>")
        parts.append(table(
            [("Mã xã", False), ("Ngày so sánh", False), ("Số tăng", True), ("Tỷ lệ tăng", True),
             ("Điểm z hiệu chỉnh", True), ("Ngưỡng", True)],
            [[text(o.commune_code), format_date(o.previous_report_date), format_int(o.increment),
              format_percent(o.increment_rate, 2), format_decimal(o.modified_z, 2), format_decimal(o.threshold, 2)]
             for o in outliers]))
    if len(parts) == 1:
        parts.append(empty("Không phát hiện vấn đề trong lần gửi này."))
    return "".join(parts)


def _expectation_section(data: ValidationData, payloads_by_id: dict[int, Payload]) -> str:
    parts = ['<h2 id="ky-vong">Kết quả từng kỳ vọng của bộ kiểm tra (Great Expectations)</h2>']
    if not data.expectation_results:
        parts.append(empty("Chưa có kết quả chi tiết theo từng kỳ vọng cho các báo cáo của ngày này."))
        return "".join(parts)
    by_province: dict[str, list[ExpectationResult]] = defaultdict(list)
    for result in data.expectation_results:
        payload = payloads_by_id.get(result.payload_id)
        by_province[payload.province_code if payload else ""].append(result)
    for province_code in sorted(by_province):
        results = by_province[province_code]
        name = next((p.province_name for p in data.payloads if p.province_code == province_code), province_code)
        failed = sum(1 for r in results if r.success is False)
        parts.append(f"<h3>{text(name)} ({text(province_code)}): {format_int(len(results))} kỳ vọng, "
                     f'<span class="{"bad" if failed else "ok"}">{format_int(failed)} không đạt</span></h3>')
        parts.append(table(
            [("Gói dữ liệu", True), ("Lần gửi", True), ("Quy tắc", False), ("Loại kỳ vọng", False), ("Cột", False),
             ("Kết quả", False), ("Số phần tử không đạt", True), ("Tổng số phần tử", True)],
            [[text(r.payload_id), text(payloads_by_id[r.payload_id].revision if r.payload_id in payloads_by_id else None),
              f"<code>{text(r.rule)}</code>", f"<code>{text(r.expectation_type)}</code>", text(r.column_name),
              MISSING if r.success is None else ('<span class="ok">Đạt</span>' if r.success
                                                 else '<span class="bad">Không đạt</span>'),
              format_int(r.unexpected_count), format_int(r.element_count)]
             for r in results], "expectations"))
    return "".join(parts)


def render_validation_html(data: ValidationData) -> str:
    day = format_date(data.report_date)
    payloads_by_id = {p.payload_id: p for p in data.payloads}
    by_province: dict[str, list[Payload]] = defaultdict(list)
    for payload in data.payloads:
        by_province[payload.province_code].append(payload)
    grouped = {name: defaultdict(list) for name in ("failures", "reconciliations", "regressions", "outliers")}
    for name in grouped:
        for item in getattr(data, name):
            grouped[name][item.payload_id].append(item)

    fates = defaultdict(int)
    for payload in data.payloads:
        fates[payload.status] += 1
    missing = sum(1 for s in data.statuses if s.status == "missing")
    parts = [
        f"<h1>Kiểm tra dữ liệu báo cáo ngày {escape(day)}</h1>",
        f'<p class="subtitle">{text(data.campaign.title)}</p>',
        "<p>Tóm tắt kết quả kiểm tra chất lượng dữ liệu của các báo cáo tỉnh, thành phố gửi cho ngày báo cáo: "
        "quy tắc bị vi phạm, đối chiếu tổng số, số liệu giảm so với ngày trước, mức tăng bất thường và lịch sử "
        "các lần gửi. Một lần gửi vi phạm bất kỳ quy tắc nào thì bị cách ly toàn bộ; lần gửi được tiếp nhận "
        "gần nhất (nếu có) vẫn được công bố.</p>",
        '<p class="summary">'
        f"<span>Số gói dữ liệu nhận được: <b>{format_int(len(data.payloads))}</b></span>"
        f"<span>Tiếp nhận: <b>{format_int(fates['accepted'])}</b></span>"
        f"<span>Cách ly: <b>{format_int(fates['quarantined'])}</b></span>"
        f"<span>Bỏ qua: <b>{format_int(fates['ignored'])}</b></span>"
        f"<span>Tỉnh chưa báo cáo: <b>{format_int(missing)}</b></span></p>",
        '<h2 id="tinh-trang">Tình trạng hiện tại theo tỉnh, thành phố</h2>',
    ]
    status_rows = []
    for status in data.statuses:
        payloads = by_province.get(status.province_code, [])
        detailed = any(p.has_findings for p in payloads)
        name = text(status.province_name)
        if detailed:
            name = f'<a href="#tinh-{escape(status.province_code)}">{name}</a>'
        status_rows.append([
            text(status.province_code), f'<span class="nowrap">{name}</span>', status_label(status.status, status.is_late), text(status.revision),
            moment(status.received_at), format_int(len(payloads)),
            format_int(sum(p.failure_count for p in payloads)),
            format_int(sum(p.reconciliation_mismatch_count for p in payloads)),
            format_int(sum(p.regression_count for p in payloads)), format_int(sum(p.outlier_count for p in payloads)),
            text(status.reason) if status.reason else "",
        ])
    if status_rows:
        parts.append(table(
            [("Mã", False), ("Tỉnh, thành phố", False), ("Tình trạng", False), ("Lần gửi", True),
             ("Thời điểm nhận", False), ("Số lần gửi", True), ("Lỗi quy tắc", True), ("Tổng lệch", True),
             ("Dòng giảm", True), ("Tăng bất thường", True), ("Lý do", False)],
            status_rows, "statuses"))
    else:
        parts.append(empty("Chưa có tình trạng báo cáo nào được công bố cho ngày này."))

    parts.append(_expectation_section(data, payloads_by_id))

    parts.append('<h2 id="chi-tiet">Chi tiết theo tỉnh, thành phố</h2>')
    clean = []
    detailed_any = False
    for province_code in sorted(by_province):
        payloads = by_province[province_code]
        name = payloads[0].province_name
        if not any(p.has_findings for p in payloads):
            clean.append(f"{name} ({province_code})")
            continue
        detailed_any = True
        parts.append(f'<h3 id="tinh-{escape(province_code)}">{text(name)} ({text(province_code)})</h3>')
        parts.append("<p>Lịch sử các lần gửi trong ngày:</p>")
        parts.append(table(
            [("Gói dữ liệu", True), ("Lần gửi", True), ("Nguồn", False), ("Thời điểm lập", False),
             ("Thời điểm nhận", False), ("Số dòng", True), ("Kết quả", False), ("Lý do", False)],
            [[text(p.payload_id), text(p.revision), text(" / ".join(v for v in (p.source, p.content_format) if v)),
              moment(p.generated_at), moment(p.received_at), format_int(p.row_count),
              status_label(p.status, p.is_late), text(p.reason) if p.reason else ""] for p in payloads],
            "revisions"))
        for payload in payloads:
            if payload.has_findings:
                parts.append(_payload_details(
                    payload, grouped["failures"][payload.payload_id],
                    grouped["reconciliations"][payload.payload_id], grouped["regressions"][payload.payload_id],
                    grouped["outliers"][payload.payload_id]))
    if not detailed_any:
        parts.append(empty("Không có gói dữ liệu nào có lỗi, chênh lệch, số liệu giảm hay mức tăng bất thường."))
    if clean:
        parts.append(f'<p class="note">Không phát hiện vấn đề: {text(", ".join(clean))}.</p>')
    generated = f" Lập lúc {escape(format_datetime(data.generated_at))}." if data.generated_at else ""
    parts.append(f"<footer>Nguồn: dq.report_revision, dq.validation_failure, dq.reconciliation, dq.regression, "
                 f"dq.outlier, mart.report_status.{generated}</footer>")
    return page(f"Kiểm tra dữ liệu ngày {day}: {data.campaign.title}", "\n".join(parts))
