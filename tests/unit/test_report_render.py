"""The daily report and validation pages rendered from hand-built data: wording, formats, escaping, charts."""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from decimal import Decimal
from html.parser import HTMLParser

import openpyxl

from vneid_pipeline.bulletin.daily_page import render_report_html
from vneid_pipeline.bulletin.figures import (
    CommuneRow,
    DayRate,
    NationalFigures,
    NationalForecast,
    ProvinceForecast,
    ProvinceRow,
    ProvinceStatus,
    RegionRow,
    ReportData,
    SignOff,
)
from vneid_pipeline.bulletin.validation_page import ExpectationResult, Failure, Payload, ValidationData, render_validation_html
from vneid_pipeline.bulletin.wording import (
    format_date,
    format_gap,
    format_int,
    format_percent,
    format_points,
    format_rank_change,
)
from vneid_pipeline.bulletin.workbook import build_workbook
from vneid_pipeline.reference import Campaign

DAY = dt.date(2025, 5, 8)
HOSTILE = '<script>alert("x")</script> Tỉnh & "Phố"'
CAMPAIGN = Campaign("hien-phap-2025", "Lấy ý kiến Nhân dân về dự thảo Nghị quyết sửa đổi, bổ sung Hiến pháp năm 2013",
                    dt.date(2025, 5, 6), dt.date(2025, 5, 29), "vn-2025-01", Decimal("0.9000"))
TARGET = Decimal("0.9000")


def report_data(**overrides) -> ReportData:
    provinces = [
        ProvinceRow("01", "Hà Nội", "accepted", 1, 2, 1_290_087, 6_290_000, Decimal("0.2051"), TARGET,
                    TARGET - Decimal("0.2051"), False, 1),
        ProvinceRow("79", "Thành phố Hồ Chí Minh", "accepted", 2, -1, 900_000, 7_000_000, Decimal("0.128571"), TARGET,
                    TARGET - Decimal("0.128571"), True, 1),
        ProvinceRow("38", "Thanh Hóa", "accepted", 3, 0, 10_000, 100_000, Decimal("0.1"), TARGET, Decimal("0.8"), False, 1),
        ProvinceRow("30", HOSTILE, "quarantined"),
        ProvinceRow("02", "Hà Giang", "missing"),
    ]
    statuses = [
        ProvinceStatus("01", "Hà Nội", "accepted", False, 1, dt.datetime(2025, 5, 8, 7, 30, tzinfo=dt.UTC), None),
        ProvinceStatus("02", "Hà Giang", "missing", None, None, None, "no report received"),
        ProvinceStatus("30", HOSTILE, "quarantined", False, 1, dt.datetime(2025, 5, 8, 7, 0, tzinfo=dt.UTC),
                       "participated_le_eligible: row 7 (commune 10507) participated 5000 > eligible 4000 <b>"),
        ProvinceStatus("38", "Thanh Hóa", "accepted", False, 1, None, None),
        ProvinceStatus("79", "Thành phố Hồ Chí Minh", "accepted", True, 1, None, None),
    ]
    values = dict(
        campaign=CAMPAIGN,
        report_date=DAY,
        national=NationalFigures(eligible=13_390_000, participated=2_200_087, participation_rate=Decimal("0.164308"),
                                 target_rate=TARGET, target_gap=TARGET - Decimal("0.164308"), provinces_reported=3,
                                 provinces_expected=5, participated_new=300_000, provinces_late=1,
                                 provinces_quarantined=1, provinces_missing=1),
        series=[DayRate(dt.date(2025, 5, 6), Decimal("0.05"), TARGET), DayRate(dt.date(2025, 5, 7), Decimal("0.11"), TARGET),
                DayRate(DAY, Decimal("0.164308"), TARGET)],
        provinces=provinces,
        statuses=statuses,
        top_communes=[CommuneRow("00004", "Phường Trúc Bạch", "Hà Nội", 9_000, 10_000, Decimal("0.9"))],
        bottom_communes=[CommuneRow("26734", "Xã Bình Khánh", "Thành phố Hồ Chí Minh", 100, 5_000, Decimal("0.02"))],
        province_forecasts=[
            ProvinceForecast("38", "Thanh Hóa", DAY, Decimal("0.1"), TARGET, Decimal("0.0125"), dt.date(2025, 7, 10),
                             dt.date(2025, 5, 29), False, True),
            ProvinceForecast("79", "Thành phố Hồ Chí Minh", DAY, Decimal("0.128571"), TARGET, Decimal("0"), None,
                             dt.date(2025, 5, 29), False, True),
            ProvinceForecast("01", "Hà Nội", DAY, Decimal("0.2051"), TARGET, Decimal("0.05"), dt.date(2025, 5, 23),
                             dt.date(2025, 5, 29), False, False),
        ],
        national_forecast=NationalForecast(Decimal("0.164308"), TARGET, Decimal("0.0542"), dt.date(2025, 5, 22),
                                           dt.date(2025, 5, 29), False, False, dt.date(2025, 5, 5), 2),
        regions=[
            RegionRow("vung-kt-xh-2023", "6 vùng (63 tỉnh)", "official", False, "DBSH", "Đồng bằng sông Hồng", 1, 1, 3,
                      False, 1_290_087, 6_290_000, Decimal("0.2051"), TARGET, TARGET - Decimal("0.2051")),
            RegionRow("vung-kt-xh-2023", "6 vùng (63 tỉnh)", "official", False, "DNB", "Đông Nam Bộ", 2, 1, 1,
                      True, 900_000, 7_000_000, Decimal("0.128571"), TARGET, TARGET - Decimal("0.128571")),
            RegionRow("vung-kt-xh-2023", "6 vùng (63 tỉnh)", "official", False, "TN", HOSTILE, None, 0, 1, False),
            RegionRow("vung-kt-xh-2025", "6 vùng (34 tỉnh)", "draft", True, "DBSH", "Đồng bằng sông Hồng", 1, 1, 3,
                      False, 1_290_087, 6_290_000, Decimal("0.2051"), TARGET, TARGET - Decimal("0.2051")),
        ],
    )
    values.update(overrides)
    return ReportData(**values)


class _Collector(HTMLParser):
    """Collects the page's text (outside script/style) and every svg element with its attributes."""

    def __init__(self):
        super().__init__()
        self.text, self.elements, self._skip = [], [], 0

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def parse(document: str) -> _Collector:
    collector = _Collector()
    collector.feed(document)
    return collector


def svg_section(document: str, chart_id: str) -> str:
    start = document.index(f'id="{chart_id}"')
    return document[start:document.index("</svg>", start)]


def test_numbers_and_dates_are_formatted_the_vietnamese_way():
    assert format_int(1_290_087) == "1.290.087"
    assert format_int(None) == "—"
    assert format_percent(Decimal("0.2051")) == "20,5 %"
    assert format_percent(Decimal("0.20549")) == "20,5 %" and format_percent(Decimal("0.20551")) == "20,6 %"
    assert format_percent(1) == "100,0 %"
    assert format_points(Decimal("0.6949")) == "69,5 điểm %"
    assert format_gap(Decimal("-0.015")) == "vượt 1,5 điểm %"
    assert format_date(dt.date(2025, 5, 8)) == "08/05/2025"


def test_page_is_vietnamese_nfc_utf8_without_scripts_or_external_resources():
    document = render_report_html(report_data())
    assert document.startswith("<!DOCTYPE html>")
    assert '<html lang="vi">' in document and '<meta charset="utf-8">' in document
    assert unicodedata.is_normalized("NFC", document)
    text = " ".join(parse(document).text)
    for phrase in ("Xếp hạng các tỉnh, thành phố", "Tỷ lệ tham gia toàn quốc theo ngày", "Thành phố Hồ Chí Minh",
                   "Dự báo khả năng đạt chỉ tiêu", "08/05/2025", "2.200.087", "13.390.000", "16,4 %", "90,0 %",
                   "73,6 điểm %", "3/5"):
        assert phrase in text, phrase
    tags = {tag for tag, _ in parse(document).elements}
    assert "script" not in tags and "link" not in tags and "img" not in tags
    assert not re.search(r"(src|href)=\"(https?:)?//", document)


def test_hostile_province_name_and_reason_are_escaped():
    document = render_report_html(report_data())
    assert "<script>" not in document and "<b>" not in document
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Tỉnh &amp; &quot;Phố&quot;" in document
    assert HOSTILE in parse(document).text  # what a reader sees is the name as given
    validation = render_validation_html(validation_data())
    assert "<script>" not in validation and "&lt;script&gt;" in validation


def test_line_chart_has_one_point_per_day_and_the_target_line():
    data = report_data()
    document = render_report_html(data)
    svg = svg_section(document, "bieu-do-toan-quoc")
    points = re.findall(r'<polyline class="series" points="([^"]+)"', svg)
    assert len(points) == 1 and len(points[0].split()) == len(data.series) == 3
    assert svg.count("<circle") == 3
    xs = [float(pair.split(",")[0]) for pair in points[0].split()]
    assert xs == sorted(xs) and len(set(xs)) == 3
    ys = [float(pair.split(",")[1]) for pair in points[0].split()]
    assert ys[0] > ys[1] > ys[2]  # rising rate: higher on the page (smaller y)
    assert 'class="target"' in svg and "Chỉ tiêu 90,0 %" in svg
    assert "06/05" in svg and "08/05" in svg and "50 %" in svg and "100 %" in svg
    assert '<title id="bieu-do-toan-quoc-title">' in svg and 'aria-label="' in svg
    assert "08/05/2025: 16,4 %" in svg


def test_a_day_without_figures_breaks_the_line():
    series = [DayRate(dt.date(2025, 5, 6), Decimal("0.05")), DayRate(dt.date(2025, 5, 7), None),
              DayRate(DAY, Decimal("0.16"))]
    svg = svg_section(render_report_html(report_data(series=series)), "bieu-do-toan-quoc")
    runs = re.findall(r'<polyline class="series" points="([^"]+)"', svg)
    assert [len(run.split()) for run in runs] == [1, 1]
    assert svg.count("<circle") == 2


def test_bar_chart_has_one_sorted_bar_per_province_with_figures():
    svg = svg_section(render_report_html(report_data()), "bieu-do-tinh")
    bars = re.findall(r'<rect class="bar"[^>]*width="([0-9.]+)"[^>]*><title>([^<]+)</title>', svg)
    assert [title for _, title in bars] == ["Hà Nội: 20,5 %", "Thành phố Hồ Chí Minh: 12,9 %", "Thanh Hóa: 10,0 %"]
    widths = [float(width) for width, _ in bars]
    assert widths == sorted(widths, reverse=True) and widths[-1] > 0
    assert 'class="target"' in svg


def test_ranking_shows_rank_change_arrows_and_statuses():
    assert [format_rank_change(change) for change in (2, -1, 0, None)] == ["▲ 2", "▼ 1", "–", ""]
    document = render_report_html(report_data())
    ranking = document[document.index('<table class="ranking">'):]
    ranking = ranking[:ranking.index("</table>")]
    text = " ".join(parse(ranking).text)
    assert "▲ 2" in text and "▼ 1" in text and "–" in text
    assert "Bị cách ly" in text and "Chưa báo cáo" in text and "(trễ hạn)" in text
    assert text.index("Hà Nội") < text.index("Thành phố Hồ Chí Minh") < text.index("Thanh Hóa") < text.index("Hà Giang")


def test_missing_quarantined_and_late_provinces_are_listed_with_the_reason():
    document = render_report_html(report_data())
    issues = document[document.index('<table class="issues">'):]
    text = " ".join(parse(issues[:issues.index("</table>")]).text)
    assert "Hà Giang" in text and "no report received" in text
    assert "participated_le_eligible: row 7 (commune 10507) participated 5000 > eligible 4000 <b>" in text
    assert "Thành phố Hồ Chí Minh" in text  # late
    assert "Hà Nội" not in text  # on time, accepted


def test_communes_rule_and_forecast_are_shown():
    text = " ".join(parse(render_report_html(report_data())).text)
    assert "có từ 100 công dân" in text
    assert "Phường Trúc Bạch" in text and "Xã Bình Khánh" in text
    assert "10/07/2025" in text and "Không tiến triển" in text and "+1,25 điểm %/ngày" in text
    assert "toàn quốc dự kiến đạt chỉ tiêu 90,0 % vào ngày 22/05/2025" in text


def test_empty_sections_say_so():
    data = report_data(national=None, statuses=[], provinces=[], top_communes=[], bottom_communes=[],
                       province_forecasts=[], national_forecast=None,
                       series=[DayRate(dt.date(2025, 5, 6), None), DayRate(dt.date(2025, 5, 7), None)])
    text = " ".join(parse(render_report_html(data)).text)
    for phrase in ("Chưa có số liệu toàn quốc được công bố cho ngày này.",
                   "Chưa có số liệu của tỉnh, thành phố nào cho ngày này.",
                   "Tất cả các tỉnh, thành phố đã báo cáo đúng hạn và được tiếp nhận.",
                   "Không có xã, phường nào đủ điều kiện để xếp hạng.",
                   "Chưa có dự báo toàn quốc cho ngày này.",
                   "Chưa có dự báo theo tỉnh, thành phố cho ngày này."):
        assert phrase in text, phrase
    no_risk = report_data(province_forecasts=[report_data().province_forecasts[2]])
    assert "Không có tỉnh, thành phố nào có nguy cơ" in " ".join(parse(render_report_html(no_risk)).text)


def test_region_section_charts_the_own_grouping_and_labels_the_restated_draft():
    document = render_report_html(report_data())
    svg = svg_section(document, "bieu-do-vung-vung-kt-xh-2023")
    bars = re.findall(r'<rect class="bar"[^>]*><title>([^<]+)</title>', svg)
    # an incomplete region says how many of its provinces are summed; a region without figures has no bar
    assert bars == ["Đồng bằng sông Hồng (1/3 tỉnh): 20,5 %", "Đông Nam Bộ: 12,9 %"]
    assert 'class="target"' in svg and "Chỉ tiêu 90,0 %" in svg
    assert 'id="bieu-do-vung-vung-kt-xh-2025"' not in document  # restated figures get a table, not a chart
    section = document[document.index('id="theo-vung"'):document.index('id="tinh-trang"')]
    text = " ".join(parse(section).text)
    assert "Không so sánh vùng của hai cách phân vùng khác nhau" in text
    restated = text[text.index("Quy đổi theo đơn vị hành chính hiện nay"):]
    assert "6 vùng (34 tỉnh) (dự thảo)" in restated and "chưa được đối chiếu với văn bản chính thức" in restated
    assert "Dự thảo" not in text[:text.index("Quy đổi")]  # the official grouping is not labelled draft
    assert HOSTILE not in section and "&lt;script&gt;" in section
    assert section.count('<table class="regions">') == 2
    empty_day = " ".join(parse(render_report_html(report_data(regions=[]))).text)
    assert "Chưa có số liệu theo vùng cho ngày này." in empty_day


def test_workbook_has_the_sheets_formats_and_a_line_chart():
    buffer = io.BytesIO()
    build_workbook(report_data()).save(buffer)
    workbook = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    assert workbook.sheetnames == ["Tổng quan", "Xếp hạng", "Tình trạng báo cáo", "Xã cao nhất - thấp nhất", "Dự báo",
                                   "Theo vùng"]
    regions = workbook["Theo vùng"]
    assert [cell.value for cell in regions[2]][:8] == ["6 vùng (63 tỉnh)", "Chính thức", "Không", 1, "DBSH",
                                                       "Đồng bằng sông Hồng", 1, 3]
    assert regions["L2"].value == 0.2051 and regions["L2"].number_format == "0.0%"
    assert [regions["B5"].value, regions["C5"].value] == ["Dự thảo", "Có"]
    ranking = workbook["Xếp hạng"]
    assert ranking.freeze_panes == "A2" and ranking["A1"].font.bold
    assert [cell.value for cell in ranking[2]][:7] == [1, 2, "01", "Hà Nội", 1_290_087, 6_290_000, 0.2051]
    assert ranking["G2"].number_format == "0.0%" and ranking["E2"].number_format == "#,##0"
    assert ranking["D5"].value == HOSTILE
    assert len(workbook["Tổng quan"]._charts) == 1
    forecast = workbook["Dự báo"]
    assert forecast["B2"].value == "Toàn quốc" and forecast["H2"].value == dt.datetime(2025, 5, 22)
    assert forecast["B3"].value == "Thanh Hóa" and forecast["K3"].value == "Có"


APPROVED_AT = dt.datetime(2025, 5, 8, 9, 5, tzinfo=dt.UTC)  # 16:05 in Hà Nội


def stamp_text(document: str) -> str:
    start = document.index('<p class="stamp')
    return " ".join(parse(document[start:document.index("</p>", start) + 4]).text)


def test_a_day_without_an_approval_is_stamped_provisional():
    for sign_off in (None, SignOff("provisional")):
        document = render_report_html(report_data(sign_off=sign_off))
        assert 'class="stamp provisional"' in document
        assert stamp_text(document) == "Số liệu tạm tính Chưa được Cục C06 phê duyệt; số liệu có thể còn thay đổi."
        assert "Số liệu chính thức" not in document


def test_an_approved_day_is_stamped_official_with_its_approver_and_time():
    document = render_report_html(report_data(sign_off=SignOff("official", "c06.nguyen", APPROVED_AT)))
    assert 'class="stamp official"' in document
    assert stamp_text(document) == "Số liệu chính thức Đã được Cục C06 phê duyệt: c06.nguyen, lúc 08/05/2025 16:05."
    assert "Số liệu tạm tính" not in document


def test_a_rejected_day_shows_the_rejection_and_its_reason_escaped():
    reason = '<b>Tỉnh 98</b> & "Phố" chưa xác nhận'
    sign_off = SignOff("provisional", last_decision="rejected", last_answered_by="reviewer",
                       last_answered_at=APPROVED_AT, last_reason=reason)
    document = render_report_html(report_data(sign_off=sign_off))
    assert "<b>Tỉnh 98</b>" not in document and "&lt;b&gt;Tỉnh 98&lt;/b&gt; &amp; &quot;Phố&quot;" in document
    assert stamp_text(document) == (f"Số liệu tạm tính Từ chối phê duyệt: reviewer, lúc 08/05/2025 16:05. "
                                    f"Lý do: {reason}. Số liệu có thể còn thay đổi.")
    # an approval of earlier figures that a rejection of the current ones followed is not shown
    assert "Số liệu chính thức" not in document


def test_the_workbook_carries_the_same_stamp():
    def overview(sign_off):
        buffer = io.BytesIO()
        build_workbook(report_data(sign_off=sign_off)).save(buffer)
        sheet = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))["Tổng quan"]
        return {sheet.cell(row, 1).value: sheet.cell(row, 2).value for row in range(2, 24)}
    official = overview(SignOff("official", "c06.nguyen", APPROVED_AT))
    assert official["Tình trạng số liệu"] == "Số liệu chính thức"
    assert official["Phê duyệt"] == "Đã được Cục C06 phê duyệt: c06.nguyen, lúc 08/05/2025 16:05."
    assert overview(None)["Tình trạng số liệu"] == "Số liệu tạm tính"


def validation_data(**overrides) -> ValidationData:
    payloads = [Payload(11, "30", HOSTILE, 1, "quarantined", "participated_le_eligible: row 7", False,
                        failure_count=25),
                Payload(12, "01", "Hà Nội", 1, "accepted")]
    failures = [Failure(11, n, "participated_le_eligible", n + 1, "10507", "participated", f"{5000 + n}",
                        "participated > eligible") for n in range(1, 21)]
    values = dict(campaign=CAMPAIGN, report_date=DAY,
                  statuses=[ProvinceStatus("01", "Hà Nội", "accepted", False, 1),
                            ProvinceStatus("30", HOSTILE, "quarantined", False, 1, None, "participated_le_eligible: row 7")],
                  payloads=payloads, failures=failures,
                  expectation_results=[ExpectationResult(11, 4, "participated_le_eligible", "expect_column_pair_values_a_to_be_"
                                                         "greater_than_b", "participated", False, 25, 300)])
    values.update(overrides)
    return ValidationData(**values)


def test_validation_page_lists_broken_rules_with_counts_and_expectations():
    document = render_validation_html(validation_data())
    assert '<html lang="vi">' in document and unicodedata.is_normalized("NFC", document)
    text = " ".join(parse(document).text)
    assert "20 đầu tiên trên tổng số 25 lỗi" in text
    assert "participated_le_eligible" in text and "5001" in text and "10507" in text
    assert "Bị cách ly" in text and "Không phát hiện vấn đề: Hà Nội (01)" in text
    assert "Không đạt" in text and "300" in text


def test_validation_page_says_when_expectation_results_are_absent():
    for results in (None, []):
        text = " ".join(parse(render_validation_html(validation_data(expectation_results=results))).text)
        assert "Chưa có kết quả chi tiết theo từng kỳ vọng" in text
