"""The daily national report of a campaign-day, in Vietnamese, as a self-contained HTML page and an
Excel workbook, plus the day's validation summary page.

    write_daily_report(uri, campaign_id, report_date, publish_root)

writes into `<publish_root>/<campaign_id>/<YYYY-MM-DD>/report/`:

- `bao-cao-<day>.html`: national figures, the national rate by day and the provinces' rates as
  inline SVG charts with the target, the province ranking, the provinces missing / late /
  quarantined, the top and bottom communes, the forecast (no external resource, no JavaScript);
- `bao-cao-<day>.xlsx`: the same content on five sheets, with a native line chart;
- `kiem-tra-du-lieu-<day>.html`: the validation summary (see `report_validation`).

Everything is read from the published marts and dq tables (SQL in include/sql/report/). Data is
fetched into a `ReportData`; `render_report_html` and `build_workbook` are pure functions of it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape
from pathlib import Path

import psycopg
from openpyxl import Workbook
from openpyxl.chart import LineChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from vneid_pipeline.files import text_with_bom, write_atomically
from vneid_pipeline.publish import day_publication_lock
from vneid_pipeline.reference import Campaign
from vneid_pipeline.report_charts import (
    LOCAL_TZ,
    MISSING,
    bar_chart,
    format_date,
    format_datetime,
    format_int,
    format_percent,
    format_points,
    line_chart,
)
from vneid_pipeline.report_validation import (
    STATUS_LABELS,
    ProvinceStatus,
    empty,
    fetch_campaign,
    fetch_rows,
    fetch_statuses,
    fetch_validation_data,
    moment,
    page,
    render_validation_html,
    status_label,
    table,
    text,
)
from vneid_pipeline.sign_off import REJECTED
from vneid_pipeline.warehouse import connect

MIN_COMMUNE_ELIGIBLE = 100
COMMUNES_LISTED = 10
REPORT_DIR = "report"


@dataclass(frozen=True)
class NationalFigures:
    eligible: int | None
    participated: int | None
    participation_rate: Decimal | None
    target_rate: Decimal | None
    target_gap: Decimal | None
    provinces_reported: int
    provinces_expected: int
    participated_new: int | None = None
    agreed: int | None = None
    provinces_on_time: int | None = None
    provinces_late: int | None = None
    provinces_quarantined: int | None = None
    provinces_missing: int | None = None
    is_complete: bool | None = None


@dataclass(frozen=True)
class DayRate:
    day: dt.date
    participation_rate: Decimal | None
    target_rate: Decimal | None = None


@dataclass(frozen=True)
class ProvinceRow:
    province_code: str
    province_name: str
    report_status: str
    national_rank: int | None = None
    rank_change: int | None = None
    participated: int | None = None
    eligible: int | None = None
    participation_rate: Decimal | None = None
    target_rate: Decimal | None = None
    target_gap: Decimal | None = None
    is_late: bool | None = None
    revision: int | None = None


@dataclass(frozen=True)
class CommuneRow:
    commune_code: str
    commune_name: str
    province_name: str
    participated: int
    eligible: int
    participation_rate: Decimal


@dataclass(frozen=True)
class ProvinceForecast:
    province_code: str
    province_name: str
    as_of_date: dt.date | None
    participation_rate: Decimal | None
    target_rate: Decimal | None
    daily_gain: Decimal | None
    projected_target_date: dt.date | None
    campaign_last_day: dt.date | None
    target_reached: bool | None
    at_risk: bool | None
    pace_from_date: dt.date | None = None


@dataclass(frozen=True)
class NationalForecast:
    participation_rate: Decimal | None
    target_rate: Decimal | None
    daily_gain: Decimal | None
    projected_target_date: dt.date | None
    campaign_last_day: dt.date | None
    target_reached: bool | None
    at_risk: bool | None
    pace_from_date: dt.date | None = None
    provinces_at_risk: int | None = None


@dataclass(frozen=True)
class RegionRow:
    grouping_id: str
    grouping_title: str
    grouping_status: str
    is_restated: bool
    region_code: str
    region_name: str
    region_rank: int | None
    provinces_reported: int
    provinces_expected: int
    is_complete: bool
    participated: int | None = None
    eligible: int | None = None
    participation_rate: Decimal | None = None
    target_rate: Decimal | None = None
    target_gap: Decimal | None = None


@dataclass(frozen=True)
class SignOff:
    """Who stands behind the day's figures: sign_off/select_day_sign_off.sql."""
    figures_status: str
    approved_by: str | None = None
    approved_at: dt.datetime | None = None
    last_decision: str | None = None
    last_answered_by: str | None = None
    last_answered_at: dt.datetime | None = None
    last_reason: str | None = None


@dataclass(frozen=True)
class ReportData:
    campaign: Campaign
    report_date: dt.date
    national: NationalFigures | None
    series: list[DayRate]
    provinces: list[ProvinceRow]
    statuses: list[ProvinceStatus]
    top_communes: list[CommuneRow] = field(default_factory=list)
    bottom_communes: list[CommuneRow] = field(default_factory=list)
    province_forecasts: list[ProvinceForecast] = field(default_factory=list)
    national_forecast: NationalForecast | None = None
    regions: list[RegionRow] = field(default_factory=list)
    min_commune_eligible: int = MIN_COMMUNE_ELIGIBLE
    generated_at: dt.datetime | None = None
    sign_off: SignOff | None = None

    @property
    def target_rate(self) -> Decimal:
        if self.national is not None and self.national.target_rate is not None:
            return self.national.target_rate
        return self.campaign.target_rate

    @property
    def issues(self) -> list[ProvinceStatus]:
        """Provinces missing, quarantined, late, or with a note (a later revision quarantined)."""
        order = {"missing": 0, "quarantined": 1}
        return sorted((s for s in self.statuses if s.status != "accepted" or s.is_late or s.reason),
                      key=lambda s: (order.get(s.status, 2), s.province_code))


# Fetching -------------------------------------------------------------------------------------

def fetch_report_data(conn: psycopg.Connection, campaign_id: str, report_date: dt.date,
                      generated_at: dt.datetime | None = None) -> ReportData:
    params = {"campaign_id": campaign_id, "report_date": report_date}
    communes = {**params, "min_eligible": MIN_COMMUNE_ELIGIBLE, "row_limit": COMMUNES_LISTED}
    national = fetch_rows(conn, NationalFigures, "report/select_national_day.sql", params)
    national_forecast = fetch_rows(conn, NationalForecast, "report/select_national_forecast.sql", params)
    sign_off = fetch_rows(conn, SignOff, "sign_off/select_day_sign_off.sql", params)
    return ReportData(
        campaign=fetch_campaign(conn, campaign_id),
        report_date=report_date,
        national=national[0] if national else None,
        series=fetch_rows(conn, DayRate, "report/select_national_series.sql", params),
        provinces=fetch_rows(conn, ProvinceRow, "report/select_province_ranking.sql", params),
        statuses=fetch_statuses(conn, campaign_id, report_date),
        top_communes=fetch_rows(conn, CommuneRow, "report/select_top_communes.sql", communes),
        bottom_communes=fetch_rows(conn, CommuneRow, "report/select_bottom_communes.sql", communes),
        province_forecasts=fetch_rows(conn, ProvinceForecast, "report/select_province_forecast.sql", params),
        national_forecast=national_forecast[0] if national_forecast else None,
        regions=fetch_rows(conn, RegionRow, "report/select_region_ranking.sql", params),
        generated_at=generated_at,
        sign_off=sign_off[0] if sign_off else None,
    )


# Wording --------------------------------------------------------------------------------------

def format_rank_change(change: int | None) -> str:
    """▲ 3 (moved up three places), ▼ 2 (down two), – (unchanged); empty without a previous rank."""
    if change is None:
        return ""
    if change > 0:
        return f"▲ {change}"
    if change < 0:
        return f"▼ {-change}"
    return "–"


OFFICIAL_STAMP, PROVISIONAL_STAMP, REJECTED_STAMP = "Số liệu chính thức", "Số liệu tạm tính", "Từ chối phê duyệt"


def sign_off_stamp(sign_off: SignOff | None) -> tuple[str, str]:
    """The report's stamp and the sentence beneath it: official once approved (by whom, when), else
    provisional, with the rejection and its reason when the current figures were rejected."""
    if sign_off is not None and sign_off.figures_status == "official":
        return OFFICIAL_STAMP, (f"Đã được Cục C06 phê duyệt: {sign_off.approved_by}, lúc "
                                f"{format_datetime(sign_off.approved_at)}.")
    if sign_off is not None and sign_off.last_decision == REJECTED:
        return PROVISIONAL_STAMP, (f"{REJECTED_STAMP}: {sign_off.last_answered_by}, lúc "
                                   f"{format_datetime(sign_off.last_answered_at)}. Lý do: {sign_off.last_reason}. "
                                   "Số liệu có thể còn thay đổi.")
    return PROVISIONAL_STAMP, "Chưa được Cục C06 phê duyệt; số liệu có thể còn thay đổi."


def format_gap(gap) -> str:
    """Gap to target: "3,2 điểm %" still to go, or "vượt 1,5 điểm %" when above the target."""
    if gap is None:
        return MISSING
    return f"vượt {format_points(-gap)}" if gap < 0 else format_points(gap)


def format_daily_gain(gain) -> str:
    if gain is None:
        return MISSING
    return f"{'+' if gain > 0 else ''}{format_points(gain, 2)}/ngày"


def province_projection(forecast: ProvinceForecast | NationalForecast) -> str:
    if forecast.target_reached:
        return "Đã đạt chỉ tiêu"
    if forecast.projected_target_date is None:
        return "Không tiến triển"
    return format_date(forecast.projected_target_date)


def national_projection_sentence(forecast: NationalForecast | None, target_rate) -> str:
    if forecast is None:
        return "Chưa có dự báo toàn quốc cho ngày này."
    end = format_date(forecast.campaign_last_day)
    target = format_percent(forecast.target_rate if forecast.target_rate is not None else target_rate)
    rate = format_percent(forecast.participation_rate)
    if forecast.target_reached:
        return f"Toàn quốc đã đạt chỉ tiêu {target} (tỷ lệ tham gia {rate})."
    since = f" từ ngày {format_date(forecast.pace_from_date)}" if forecast.pace_from_date else ""
    if forecast.projected_target_date is None:
        return (f"Tỷ lệ tham gia toàn quốc ({rate}) không tăng{since}: chưa thể dự kiến ngày đạt chỉ tiêu {target}; "
                f"có nguy cơ không đạt chỉ tiêu trước ngày kết thúc đợt ({end}).")
    sentence = (f"Tỷ lệ tham gia toàn quốc {rate}; với tốc độ tăng bình quân {format_daily_gain(forecast.daily_gain)}"
                f"{since}, toàn quốc dự kiến đạt chỉ tiêu {target} vào ngày {format_date(forecast.projected_target_date)}")
    if forecast.at_risk:
        return sentence + f", sau ngày kết thúc đợt ({end}): có nguy cơ không đạt chỉ tiêu đúng hạn."
    return sentence + f", không muộn hơn ngày kết thúc đợt ({end})."


# HTML -----------------------------------------------------------------------------------------

REPORT_STYLE = """
.figures { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
.figure { border: 1px solid #cfd8e3; border-radius: 6px; padding: 10px 14px; min-width: 160px; background: #f7f9fb; }
.figure .label { color: #4a5868; font-size: 0.85em; } .figure .big { font-size: 1.5em; font-weight: 700; }
figure { margin: 12px 0 20px; } figcaption { color: #4a5868; font-size: 0.9em; margin-top: 4px; }
svg.chart { max-width: 100%; height: auto; display: block; }
td.up { color: #2e7d32; } td.down { color: #b3261e; }
.stamp { display: inline-block; border: 2px solid; border-radius: 6px; padding: 6px 12px; margin: 4px 0 8px; }
.stamp.official { color: #1b5e20; background: #edf7ee; } .stamp.provisional { color: #7a4f00; background: #fff6e0; }
.columns { display: flex; flex-wrap: wrap; gap: 24px; } .columns > div { flex: 1 1 520px; }
"""


def _figure(label: str, value: str, note: str = "") -> str:
    note_html = f'<div class="label">{escape(note)}</div>' if note else ""
    return (f'<div class="figure"><div class="label">{escape(label)}</div>'
            f'<div class="big">{escape(value)}</div>{note_html}</div>')


def _stamp(sign_off: SignOff | None) -> str:
    label, detail = sign_off_stamp(sign_off)
    css = "official" if label == OFFICIAL_STAMP else "provisional"
    return f'<p class="stamp {css}"><strong>{escape(label)}</strong><br>{escape(detail)}</p>'


def _header(data: ReportData) -> str:
    campaign, national = data.campaign, data.national
    day_number = (data.report_date - campaign.first_day).days + 1
    parts = [
        "<header>",
        f"<h1>Báo cáo tiến độ lấy ý kiến Nhân dân qua ứng dụng VNeID ngày {escape(format_date(data.report_date))}</h1>",
        f'<p class="subtitle">{text(campaign.title)}<br>Ngày thứ {format_int(day_number)} của đợt lấy ý kiến, '
        f"từ {escape(format_date(campaign.first_day))} đến {escape(format_date(campaign.last_day))}.</p>",
        _stamp(data.sign_off),
    ]
    if national is None:
        parts.append(empty("Chưa có số liệu toàn quốc được công bố cho ngày này."))
    else:
        gap = national.target_gap
        gap_label = "Còn thiếu so với chỉ tiêu" if gap is None or gap > 0 else "Đã đạt chỉ tiêu"
        gap_value = format_gap(gap)
        parts.append('<div class="figures">')
        parts.append(_figure("Số công dân đã tham gia góp ý", format_int(national.participated),
                             f"mới trong ngày: {format_int(national.participated_new)}"
                             if national.participated_new is not None else ""))
        parts.append(_figure("Số công dân có tài khoản định danh điện tử mức 2", format_int(national.eligible)))
        parts.append(_figure("Tỷ lệ tham gia", format_percent(national.participation_rate)))
        parts.append(_figure("Chỉ tiêu", format_percent(national.target_rate)))
        parts.append(_figure(gap_label, gap_value))
        parts.append(_figure("Tỉnh, thành phố đã báo cáo",
                             f"{format_int(national.provinces_reported)}/{format_int(national.provinces_expected)}",
                             f"trễ hạn: {format_int(national.provinces_late)}, cách ly: "
                             f"{format_int(national.provinces_quarantined)}, chưa báo cáo: "
                             f"{format_int(national.provinces_missing)}"))
        parts.append("</div>")
        parts.append('<p class="note">Số liệu toàn quốc chỉ cộng các tỉnh, thành phố có báo cáo được tiếp nhận '
                     "trong ngày; số liệu là số cộng dồn từ ngày bắt đầu đợt.</p>")
    parts.append("</header>")
    return "".join(parts)


def format_tick(rate) -> str:
    return format_percent(rate, 0)


def national_chart(data: ReportData) -> str:
    target = format_percent(data.target_rate)
    return line_chart(
        "bieu-do-toan-quoc",
        [(point.day, point.participation_rate) for point in data.series],
        data.target_rate,
        title=f"Tỷ lệ tham gia toàn quốc theo ngày, chỉ tiêu {target}",
        description=(f"Tỷ lệ tham gia toàn quốc từ {format_date(data.campaign.first_day)} đến "
                     f"{format_date(data.report_date)}; đường nét đứt là chỉ tiêu {target}."),
        format_rate=format_percent,
        format_tick=format_tick,
        format_day=format_date,
        format_tick_day=lambda day: day.strftime("%d/%m"),
        target_label=f"Chỉ tiêu {target}",
    )


def province_chart(data: ReportData) -> str:
    ranked = [p for p in data.provinces if p.participation_rate is not None]
    ranked.sort(key=lambda p: (-p.participation_rate, p.province_code))
    target = format_percent(data.target_rate)
    return bar_chart(
        "bieu-do-tinh",
        [(p.province_name, p.participation_rate) for p in ranked],
        data.target_rate,
        title=f"Tỷ lệ tham gia theo tỉnh, thành phố ngày {format_date(data.report_date)}",
        description=f"{len(ranked)} tỉnh, thành phố có số liệu, xếp từ cao xuống thấp; đường nét đứt là chỉ tiêu {target}.",
        format_rate=format_percent,
        format_tick=format_tick,
        target_label=f"Chỉ tiêu {target}",
    )


def _ranking_table(data: ReportData) -> str:
    rows = []
    for p in data.provinces:
        change = format_rank_change(p.rank_change)
        css = "up" if (p.rank_change or 0) > 0 else "down" if (p.rank_change or 0) < 0 else ""
        rows.append([
            text(p.national_rank), f'<span class="{css}">{escape(change)}</span>' if change else "",
            f'<span class="nowrap">{text(p.province_name)}</span>', format_int(p.participated), format_int(p.eligible),
            format_percent(p.participation_rate), escape(format_gap(p.target_gap)),
            status_label(p.report_status, p.is_late),
        ])
    if not rows:
        return empty("Chưa có số liệu của tỉnh, thành phố nào cho ngày này.")
    return table([("Hạng", True), ("Thay đổi", True), ("Tỉnh, thành phố", False), ("Đã tham gia", True),
                  ("Đủ điều kiện", True), ("Tỷ lệ", True), ("Còn thiếu so với chỉ tiêu", True),
                  ("Tình trạng báo cáo", False)], rows, "ranking")


def _issues_table(data: ReportData) -> str:
    issues = data.issues
    if not issues:
        return empty("Tất cả các tỉnh, thành phố đã báo cáo đúng hạn và được tiếp nhận.")
    return table([("Mã", False), ("Tỉnh, thành phố", False), ("Tình trạng", False), ("Lần gửi", True),
                  ("Thời điểm nhận", False), ("Lý do", False)],
                 [[text(s.province_code), text(s.province_name), status_label(s.status, s.is_late), text(s.revision),
                   moment(s.received_at), text(s.reason) if s.reason else ""] for s in issues],
                 "issues")


def _communes_table(communes: list[CommuneRow]) -> str:
    if not communes:
        return empty("Không có xã, phường nào đủ điều kiện để xếp hạng.")
    return table([("#", True), ("Xã, phường, thị trấn", False), ("Tỉnh, thành phố", False), ("Đã tham gia", True),
                  ("Đủ điều kiện", True), ("Tỷ lệ", True)],
                 [[str(i), f"{text(c.commune_name)} ({text(c.commune_code)})", text(c.province_name),
                   format_int(c.participated), format_int(c.eligible), format_percent(c.participation_rate)]
                  for i, c in enumerate(communes, 1)], "communes")


def _forecast_section(data: ReportData) -> str:
    end = format_date(data.campaign.last_day)
    parts = [f"<p>{escape(national_projection_sentence(data.national_forecast, data.target_rate))}</p>",
             f'<p class="note">Dự báo theo tốc độ tăng bình quân gần đây. Tỉnh, thành phố có nguy cơ là nơi dự kiến đạt '
             f"chỉ tiêu sau ngày kết thúc đợt ({escape(end)}) hoặc không tiến triển.</p>"]
    at_risk = [f for f in data.province_forecasts if f.at_risk]
    if not data.province_forecasts:
        parts.append(empty("Chưa có dự báo theo tỉnh, thành phố cho ngày này."))
    elif not at_risk:
        parts.append(empty("Không có tỉnh, thành phố nào có nguy cơ không đạt chỉ tiêu đúng hạn."))
    else:
        parts.append(table(
            [("Tỉnh, thành phố", False), ("Tỷ lệ hiện tại", True), ("Chỉ tiêu", True), ("Tăng bình quân", True),
             ("Ngày dự kiến đạt chỉ tiêu", False), ("Số liệu đến ngày", False)],
            [[text(f.province_name), format_percent(f.participation_rate), format_percent(f.target_rate),
              escape(format_daily_gain(f.daily_gain)), escape(province_projection(f)), format_date(f.as_of_date)]
             for f in at_risk], "forecast"))
    return "".join(parts)


def region_groupings(data: ReportData, restated: bool) -> list[list[RegionRow]]:
    """The day's regions, one list per grouping in the order fetched, own or restated groupings only."""
    groupings: dict[str, list[RegionRow]] = {}
    for row in data.regions:
        if row.is_restated == restated:
            groupings.setdefault(row.grouping_id, []).append(row)
    return list(groupings.values())


def region_label(row: RegionRow) -> str:
    """A region's name, with how many of its provinces are summed when not all are."""
    return row.region_name if row.is_complete else (
        f"{row.region_name} ({row.provinces_reported}/{row.provinces_expected} tỉnh)")


def region_chart(data: ReportData, regions: list[RegionRow]) -> str:
    ranked = sorted((r for r in regions if r.participation_rate is not None),
                    key=lambda r: (-r.participation_rate, r.region_code))
    target = format_percent(data.target_rate)
    return bar_chart(
        f"bieu-do-vung-{regions[0].grouping_id}",
        [(region_label(r), r.participation_rate) for r in ranked],
        data.target_rate,
        title=f"Tỷ lệ tham gia theo vùng ngày {format_date(data.report_date)}: {regions[0].grouping_title}",
        description=f"{len(ranked)} vùng có số liệu, xếp từ cao xuống thấp; đường nét đứt là chỉ tiêu {target}.",
        format_rate=format_percent,
        format_tick=format_tick,
        target_label=f"Chỉ tiêu {target}",
        label_width=330,
        bar_height=24,  # six bars: thicker than the province chart's so the figure is not a sliver
    )


def _region_table(regions: list[RegionRow]) -> str:
    return table([("Hạng", True), ("Vùng", False), ("Tỉnh đã báo cáo", True), ("Đã tham gia", True),
                  ("Đủ điều kiện", True), ("Tỷ lệ", True), ("Còn thiếu so với chỉ tiêu", True)],
                 [[text(r.region_rank), text(r.region_name),
                   f"{format_int(r.provinces_reported)}/{format_int(r.provinces_expected)}", format_int(r.participated),
                   format_int(r.eligible), format_percent(r.participation_rate), escape(format_gap(r.target_gap))]
                  for r in regions], "regions")


DRAFT_NOTE = "Dự thảo: cách phân vùng này chưa được đối chiếu với văn bản chính thức."


def _region_section(data: ReportData) -> str:
    own, restated = region_groupings(data, restated=False), region_groupings(data, restated=True)
    if not own and not restated:
        return empty("Chưa có số liệu theo vùng cho ngày này.")
    day = escape(format_date(data.report_date))
    parts = ['<p class="note">Số liệu của vùng chỉ cộng các tỉnh, thành phố có báo cáo được tiếp nhận; vùng chưa đủ '
             "tỉnh báo cáo ghi rõ số tỉnh đã cộng. Không so sánh vùng của hai cách phân vùng khác nhau.</p>"]
    for regions in own:
        draft = f'<p class="note">{escape(DRAFT_NOTE)}</p>' if regions[0].grouping_status == "draft" else ""
        parts += [f"<h3>{text(regions[0].grouping_title)}</h3>", draft,
                  f"<figure>{region_chart(data, regions)}<figcaption>Các vùng có số liệu ngày {day}, xếp theo tỷ lệ; "
                  "màu xanh lá: đã đạt chỉ tiêu.</figcaption></figure>", _region_table(regions)]
    for regions in restated:
        draft = " (dự thảo)" if regions[0].grouping_status == "draft" else ""
        note = f" {DRAFT_NOTE}" if draft else ""
        parts += [f"<h3>Quy đổi theo đơn vị hành chính hiện nay: {text(regions[0].grouping_title)}{escape(draft)}</h3>",
                  f'<p class="note">Số liệu của đợt này cộng theo các tỉnh, thành phố sau sắp xếp năm 2025 '
                  f"(mart.province_daily_current_units); số tỉnh là số tỉnh cũ đã báo cáo.{escape(note)}</p>",
                  _region_table(regions)]
    return "".join(parts)


def render_report_html(data: ReportData) -> str:
    """The daily report page: a pure function of the data, every value escaped, NFC, no script."""
    day = format_date(data.report_date)
    rule = (f"Chỉ xét các xã, phường, thị trấn có từ {format_int(data.min_commune_eligible)} công dân có tài khoản "
            "định danh điện tử mức 2 trở lên.")
    generated = f" Lập lúc {escape(format_datetime(data.generated_at))}." if data.generated_at else ""
    body = [
        _header(data),
        '<h2 id="toan-quoc">Tỷ lệ tham gia toàn quốc theo ngày</h2>',
        f"<figure>{national_chart(data)}<figcaption>Tỷ lệ tham gia toàn quốc (các tỉnh có báo cáo được tiếp nhận) "
        f"từ ngày bắt đầu đợt đến {escape(day)}; đường nét đứt màu đỏ là chỉ tiêu.</figcaption></figure>",
        '<h2 id="theo-tinh">Tỷ lệ tham gia theo tỉnh, thành phố</h2>',
        f"<figure>{province_chart(data)}<figcaption>Các tỉnh, thành phố có báo cáo được tiếp nhận ngày {escape(day)}, "
        "xếp theo tỷ lệ; màu xanh lá: đã đạt chỉ tiêu.</figcaption></figure>",
        '<h2 id="xep-hang">Xếp hạng các tỉnh, thành phố</h2>',
        '<p class="note">Thay đổi: so với hạng ngày hôm trước (▲ tăng hạng, ▼ giảm hạng, – giữ nguyên).</p>',
        _ranking_table(data),
        '<h2 id="theo-vung">Tỷ lệ tham gia theo vùng kinh tế - xã hội</h2>',
        _region_section(data),
        '<h2 id="tinh-trang">Tỉnh, thành phố chưa báo cáo, báo cáo trễ hạn hoặc bị cách ly</h2>',
        _issues_table(data),
        '<h2 id="xa">Xã, phường có tỷ lệ tham gia cao nhất và thấp nhất cả nước</h2>',
        f'<p class="note">{escape(rule)}</p>',
        '<div class="columns"><div><h3>10 xã, phường cao nhất</h3>', _communes_table(data.top_communes),
        '</div><div><h3>10 xã, phường thấp nhất</h3>', _communes_table(data.bottom_communes), "</div></div>",
        '<h2 id="du-bao">Dự báo khả năng đạt chỉ tiêu</h2>',
        _forecast_section(data),
        f"<footer>Nguồn: mart.national_daily, mart.province_daily, mart.commune_daily, mart.report_status, "
        f"mart.province_forecast, mart.national_forecast, mart.region_daily.{generated} Xem thêm trang kiểm tra dữ liệu "
        f'<a href="kiem-tra-du-lieu-{data.report_date.isoformat()}.html">kiem-tra-du-lieu-{data.report_date.isoformat()}.html</a>.'
        "</footer>",
    ]
    document = page(f"Báo cáo ngày {day}: {data.campaign.title}", "\n".join(body))
    return document.replace("</style>", REPORT_STYLE + "</style>", 1)


# Excel ----------------------------------------------------------------------------------------

BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="EAF1F8")
PERCENT = "0.0%"
THOUSANDS = "#,##0"
DATE = "dd/mm/yyyy"
DATETIME = "dd/mm/yyyy hh:mm"
RANK_CHANGE = '"▲ "0;"▼ "0;"–"'


def _number(value):
    return float(value) if isinstance(value, Decimal) else value


def _local(moment: dt.datetime | None):
    return None if moment is None else moment.astimezone(LOCAL_TZ).replace(tzinfo=None)


def _sheet_table(sheet, headers: list[tuple[str, int, str | None]], rows: list[list], first_row: int = 1) -> None:
    """Headers (label, width, number format) in bold on first_row, frozen; the rows beneath."""
    for column, (label, width, _) in enumerate(headers, 1):
        cell = sheet.cell(first_row, column, label)
        cell.font, cell.fill = BOLD, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(column)].width = width
    for offset, row in enumerate(rows, 1):
        for column, value in enumerate(row, 1):
            cell = sheet.cell(first_row + offset, column, _number(value))
            number_format = headers[column - 1][2]
            if number_format and value is not None:
                cell.number_format = number_format
    sheet.freeze_panes = sheet.cell(first_row + 1, 1)


def _yes_no(flag: bool | None) -> str | None:
    return None if flag is None else ("Có" if flag else "Không")


def build_workbook(data: ReportData) -> Workbook:
    workbook = Workbook()
    overview = workbook.active
    overview.title = "Tổng quan"
    national = data.national
    headers = [("Chỉ số", 46, None), ("Giá trị", 22, None), ("", 4, None), ("Ngày", 13, DATE),
               ("Tỷ lệ tham gia toàn quốc", 16, PERCENT), ("Chỉ tiêu", 12, PERCENT)]
    _sheet_table(overview, headers, [[None, None, None, point.day, point.participation_rate, point.target_rate]
                                     for point in data.series])
    stamp, stamp_detail = sign_off_stamp(data.sign_off)
    figures = [
        ("Đợt lấy ý kiến", data.campaign.title, None),
        ("Ngày báo cáo", data.report_date, DATE),
        ("Số công dân đã tham gia góp ý", national and national.participated, THOUSANDS),
        ("Số công dân mới tham gia trong ngày", national and national.participated_new, THOUSANDS),
        ("Số công dân có tài khoản định danh điện tử mức 2", national and national.eligible, THOUSANDS),
        ("Tỷ lệ tham gia", national and national.participation_rate, PERCENT),
        ("Chỉ tiêu", data.target_rate, PERCENT),
        ("Còn thiếu so với chỉ tiêu (âm: đã vượt)", national and national.target_gap, PERCENT),
        ("Số tỉnh, thành phố đã báo cáo", national and national.provinces_reported, THOUSANDS),
        ("Số tỉnh, thành phố phải báo cáo", national and national.provinces_expected, THOUSANDS),
        ("Số tỉnh báo cáo trễ hạn", national and national.provinces_late, THOUSANDS),
        ("Số tỉnh có báo cáo bị cách ly", national and national.provinces_quarantined, THOUSANDS),
        ("Số tỉnh chưa báo cáo", national and national.provinces_missing, THOUSANDS),
        ("Dự báo toàn quốc", national_projection_sentence(data.national_forecast, data.target_rate), None),
        ("Tình trạng số liệu", stamp, None),
        ("Phê duyệt", stamp_detail, None),
    ]
    for row, (label, value, number_format) in enumerate(figures, 2):
        overview.cell(row, 1, label)
        cell = overview.cell(row, 2, _number(value))
        if number_format and value is not None:
            cell.number_format = number_format
    if data.series:
        chart = LineChart()
        chart.title = "Tỷ lệ tham gia toàn quốc theo ngày"
        chart.y_axis.title = "Tỷ lệ tham gia"
        chart.x_axis.title = "Ngày"
        chart.y_axis.number_format = "0%"
        chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 1
        chart.x_axis.number_format = "dd/mm"
        chart.x_axis.delete = chart.y_axis.delete = False
        last = len(data.series) + 1
        chart.add_data(Reference(overview, min_col=5, max_col=6, min_row=1, max_row=last), titles_from_data=True)
        chart.set_categories(Reference(overview, min_col=4, min_row=2, max_row=last))
        chart.height, chart.width = 9, 20
        overview.add_chart(chart, f"A{len(figures) + 3}")

    ranking = workbook.create_sheet("Xếp hạng")
    _sheet_table(ranking, [
        ("Hạng", 7, "0"), ("Thay đổi hạng", 10, RANK_CHANGE), ("Mã tỉnh", 8, "@"), ("Tỉnh, thành phố", 24, None),
        ("Đã tham gia", 14, THOUSANDS), ("Đủ điều kiện", 14, THOUSANDS), ("Tỷ lệ", 9, PERCENT), ("Chỉ tiêu", 9, PERCENT),
        ("Còn thiếu so với chỉ tiêu", 12, PERCENT), ("Tình trạng báo cáo", 16, None), ("Trễ hạn", 8, None),
        ("Lần gửi", 8, "0")], [
        [p.national_rank, p.rank_change, p.province_code, p.province_name, p.participated, p.eligible,
         p.participation_rate, p.target_rate, p.target_gap, STATUS_LABELS.get(p.report_status, p.report_status),
         _yes_no(p.is_late), p.revision] for p in data.provinces])

    statuses = workbook.create_sheet("Tình trạng báo cáo")
    _sheet_table(statuses, [
        ("Mã tỉnh", 8, "@"), ("Tỉnh, thành phố", 24, None), ("Tình trạng", 16, None), ("Trễ hạn", 8, None),
        ("Lần gửi", 8, "0"), ("Thời điểm nhận", 17, DATETIME), ("Lý do", 80, None)], [
        [s.province_code, s.province_name, STATUS_LABELS.get(s.status, s.status), _yes_no(s.is_late), s.revision,
         _local(s.received_at), s.reason] for s in data.statuses])

    communes = workbook.create_sheet("Xã cao nhất - thấp nhất")
    rows = [["Cao nhất", i, c.commune_code, c.commune_name, c.province_name, c.participated, c.eligible,
             c.participation_rate] for i, c in enumerate(data.top_communes, 1)]
    rows += [["Thấp nhất", i, c.commune_code, c.commune_name, c.province_name, c.participated, c.eligible,
              c.participation_rate] for i, c in enumerate(data.bottom_communes, 1)]
    _sheet_table(communes, [
        ("Nhóm", 11, None), ("Thứ tự", 7, "0"), ("Mã xã", 8, "@"), ("Xã, phường, thị trấn", 26, None),
        ("Tỉnh, thành phố", 22, None), ("Đã tham gia", 13, THOUSANDS), ("Đủ điều kiện", 13, THOUSANDS),
        ("Tỷ lệ", 9, PERCENT)], rows)
    communes.cell(len(rows) + 3, 1, f"Chỉ xét các xã, phường, thị trấn có từ {data.min_commune_eligible} công dân "
                                    "có tài khoản định danh điện tử mức 2 trở lên.")

    forecast = workbook.create_sheet("Dự báo")
    rows = []
    if data.national_forecast is not None:
        f = data.national_forecast
        rows.append([None, "Toàn quốc", None, f.participation_rate, f.target_rate, f.pace_from_date, f.daily_gain,
                     f.projected_target_date, f.campaign_last_day, _yes_no(f.target_reached), _yes_no(f.at_risk)])
    rows += [[f.province_code, f.province_name, f.as_of_date, f.participation_rate, f.target_rate, f.pace_from_date,
              f.daily_gain, f.projected_target_date, f.campaign_last_day, _yes_no(f.target_reached), _yes_no(f.at_risk)]
             for f in data.province_forecasts]
    _sheet_table(forecast, [
        ("Mã tỉnh", 8, "@"), ("Tỉnh, thành phố", 24, None), ("Số liệu đến ngày", 12, DATE), ("Tỷ lệ hiện tại", 10, PERCENT),
        ("Chỉ tiêu", 9, PERCENT), ("Tính tốc độ từ ngày", 12, DATE), ("Tăng bình quân mỗi ngày", 12, "0.00%"),
        ("Ngày dự kiến đạt chỉ tiêu", 13, DATE), ("Ngày kết thúc đợt", 12, DATE), ("Đã đạt", 8, None),
        ("Có nguy cơ", 10, None)], rows)
    if not rows:
        forecast.cell(3, 1, "Chưa có dự báo cho ngày này.")

    regions = workbook.create_sheet("Theo vùng")
    _sheet_table(regions, [
        ("Cách phân vùng", 34, None), ("Văn bản", 11, None), ("Quy đổi theo đơn vị hiện nay", 12, None),
        ("Hạng", 7, "0"), ("Mã vùng", 10, "@"), ("Vùng", 34, None), ("Tỉnh đã báo cáo", 10, "0"),
        ("Tỉnh phải báo cáo", 10, "0"), ("Đủ số tỉnh", 8, None), ("Đã tham gia", 14, THOUSANDS),
        ("Đủ điều kiện", 14, THOUSANDS), ("Tỷ lệ", 9, PERCENT), ("Chỉ tiêu", 9, PERCENT),
        ("Còn thiếu so với chỉ tiêu", 12, PERCENT)], [
        [r.grouping_title, "Dự thảo" if r.grouping_status == "draft" else "Chính thức", _yes_no(r.is_restated),
         r.region_rank, r.region_code, r.region_name, r.provinces_reported, r.provinces_expected,
         _yes_no(r.is_complete), r.participated, r.eligible, r.participation_rate, r.target_rate, r.target_gap]
        for r in data.regions])
    if not data.regions:
        regions.cell(3, 1, "Chưa có số liệu theo vùng cho ngày này.")
    return workbook


# Writing --------------------------------------------------------------------------------------

def report_dir(publish_root: Path, campaign_id: str, report_date: dt.date) -> Path:
    return Path(publish_root) / campaign_id / report_date.isoformat() / REPORT_DIR


def write_daily_report(uri: str, campaign_id: str, report_date: dt.date, publish_root: Path) -> list[str]:
    """Write the day's report (HTML, XLSX) and validation summary (HTML); return the paths written."""
    with day_publication_lock(uri, campaign_id, report_date):
        return write_report_files(uri, campaign_id, report_date, publish_root)


def write_report_files(uri: str, campaign_id: str, report_date: dt.date, publish_root: Path) -> list[str]:
    """`write_daily_report` for a caller that already holds the day's publication lock."""
    directory = report_dir(publish_root, campaign_id, report_date)
    day = report_date.isoformat()
    html_path, xlsx_path = directory / f"bao-cao-{day}.html", directory / f"bao-cao-{day}.xlsx"
    validation_path = directory / f"kiem-tra-du-lieu-{day}.html"
    generated_at = dt.datetime.now(LOCAL_TZ)
    with connect(uri) as conn:
        data = fetch_report_data(conn, campaign_id, report_date, generated_at)
        validation = fetch_validation_data(conn, data.campaign, report_date, data.statuses, generated_at)
    write_atomically(html_path, text_with_bom([render_report_html(data).encode("utf-8")]))
    write_atomically(xlsx_path, build_workbook(data).save)
    write_atomically(validation_path, text_with_bom([render_validation_html(validation).encode("utf-8")]))
    return [str(html_path), str(xlsx_path), str(validation_path)]
