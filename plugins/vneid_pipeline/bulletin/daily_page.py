"""The daily national report as one self-contained HTML page (bao-cao-<day>.html): national
figures, the national rate by day and the provinces' rates as inline SVG charts with the target, the
ranking, the provinces missing, late or quarantined, top and bottom communes, regions, the forecast."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from vneid_pipeline.bulletin.charts import bar_chart, line_chart
from vneid_pipeline.bulletin.figures import CommuneRow, RegionRow, ReportData, SignOff
from vneid_pipeline.bulletin.markup import empty, moment, page, status_label, table, text
from vneid_pipeline.bulletin.wording import (
    OFFICIAL_STAMP,
    format_daily_gain,
    format_date,
    format_datetime,
    format_gap,
    format_int,
    format_percent,
    format_rank_change,
    national_projection_sentence,
    province_projection,
    sign_off_stamp,
)

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


def _ranked_bars(data: ReportData, chart_id: str, bars: list[tuple[str, Decimal]], what: str, title: str,
                 **sizes) -> str:
    """A bar chart of rates from the highest down (`bars` already in that order), with the day's target."""
    target = format_percent(data.target_rate)
    return bar_chart(chart_id, bars, data.target_rate, title=title,
                     description=f"{len(bars)} {what} có số liệu, xếp từ cao xuống thấp; đường nét đứt là chỉ tiêu {target}.",
                     format_rate=format_percent, format_tick=format_tick, target_label=f"Chỉ tiêu {target}", **sizes)


def province_chart(data: ReportData) -> str:
    ranked = sorted((p for p in data.provinces if p.participation_rate is not None),
                    key=lambda p: (-p.participation_rate, p.province_code))
    return _ranked_bars(data, "bieu-do-tinh", [(p.province_name, p.participation_rate) for p in ranked],
                        "tỉnh, thành phố",
                        f"Tỷ lệ tham gia theo tỉnh, thành phố ngày {format_date(data.report_date)}")


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
    # six bars: thicker than the province chart's so the figure is not a sliver
    return _ranked_bars(data, f"bieu-do-vung-{regions[0].grouping_id}",
                        [(region_label(r), r.participation_rate) for r in ranked], "vùng",
                        f"Tỷ lệ tham gia theo vùng ngày {format_date(data.report_date)}: {regions[0].grouping_title}",
                        label_width=330, bar_height=24)


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
