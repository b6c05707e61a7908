"""The daily report workbook: sheets, formats, the line chart and the stamp."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl

from vneid_pipeline.bulletin.figures import SignOff
from vneid_pipeline.bulletin.workbook import build_workbook

from .samples import APPROVED_AT, HOSTILE, report_data


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
