"""Hand-built bulletin data and an HTML reader shared by the bulletin's unit tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from html.parser import HTMLParser

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
)
from vneid_pipeline.bulletin.validation_page import ExpectationResult, Failure, Payload, ValidationData
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


APPROVED_AT = dt.datetime(2025, 5, 8, 9, 5, tzinfo=dt.UTC)  # 16:05 in Hà Nội


def stamp_text(document: str) -> str:
    start = document.index('<p class="stamp')
    return " ".join(parse(document[start:document.index("</p>", start) + 4]).text)


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
