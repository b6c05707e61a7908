"""The daily national report as an Excel workbook (bao-cao-<day>.xlsx): the page's content on its
sheets, with a native line chart."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.chart import LineChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from vneid_pipeline.bulletin.figures import ReportData
from vneid_pipeline.bulletin.markup import STATUS_LABELS
from vneid_pipeline.bulletin.wording import LOCAL_TZ, national_projection_sentence, sign_off_stamp

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
