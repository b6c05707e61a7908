"""The daily report page rendered from hand-built data: wording, escaping, sections, the stamp."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from vneid_pipeline.bulletin.daily_page import render_report_html
from vneid_pipeline.bulletin.figures import DayRate, SignOff
from vneid_pipeline.bulletin.validation_page import render_validation_html
from vneid_pipeline.bulletin.wording import format_rank_change

from .samples import APPROVED_AT, HOSTILE, parse, report_data, stamp_text, svg_section, validation_data


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
