"""The daily report written from a real warehouse: three published days of the simulator, one province
quarantined, one missing and one late on the last day. The workbook is read back with openpyxl and the
HTML page is rendered by headless Chromium (text, chart sizes, a screenshot decoded pixel by pixel)."""

from __future__ import annotations

import datetime as dt
import re
import stat
import struct
import subprocess
import zlib
from collections import Counter
from html import unescape
from pathlib import Path

import openpyxl
import pytest

from vneid_pipeline import bulletin
from vneid_pipeline.simulator import Fault, FeedSimulator

from .helpers import ingest_and_publish_simulated_days, query, scalar

CAMPAIGN = "hien-phap-2025"
DAYS = [dt.date(2025, 5, 27), dt.date(2025, 5, 28), dt.date(2025, 5, 29)]  # the campaign's last three days
DAY = DAYS[-1]
FIRST_DAY = dt.date(2025, 5, 6)
FAULTS = {("30", DAY): Fault("out_of_range"), ("01", DAY): Fault("missing"), ("79", DAY): Fault("late")}
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
MEASURE_SCRIPT = """<script>
for (const svg of document.querySelectorAll("svg.chart")) {
  const box = svg.getBoundingClientRect();
  svg.setAttribute("data-rendered-size", Math.round(box.width) + "x" + Math.round(box.height));
}
document.body.setAttribute("data-svg-count", String(document.querySelectorAll("svg.chart").length));
</script>"""


@pytest.fixture(scope="module")
def reported(postgres_server, tmp_path_factory):
    uri = postgres_server.create_database("test_daily_report_module", recreate=True)
    publish_root = tmp_path_factory.mktemp("publish")
    ingest_and_publish_simulated_days(uri, FeedSimulator(CAMPAIGN, faults=FAULTS), DAYS, tmp_path_factory.mktemp("landing"),
                                      publish_root, pulled_at=dt.time(18))
    paths = bulletin.write_daily_report(uri, CAMPAIGN, DAY, publish_root)
    return uri, publish_root, [Path(path) for path in paths]


def test_three_files_are_written_atomically_and_readable_by_others(reported):
    _, root, paths = reported
    directory = root / CAMPAIGN / DAY.isoformat() / "report"
    assert paths == [directory / f"bao-cao-{DAY}.html", directory / f"bao-cao-{DAY}.xlsx",
                     directory / f"kiem-tra-du-lieu-{DAY}.html"]
    for path in paths:
        assert path.is_file() and stat.S_IMODE(path.stat().st_mode) == 0o644
    assert not list(directory.glob(".*"))
    assert paths[1].read_bytes().startswith(b"PK")  # a zip, no BOM in front


def test_workbook_matches_the_province_mart(reported):
    uri, _, paths = reported
    workbook = openpyxl.load_workbook(paths[1])
    assert workbook.sheetnames == ["Tổng quan", "Xếp hạng", "Tình trạng báo cáo", "Xã cao nhất - thấp nhất", "Dự báo",
                                   "Theo vùng"]
    overview = workbook["Tổng quan"]
    assert len(overview._charts) == 1
    # one row per campaign day up to the report day; the days not published have no rate
    campaign_days = [FIRST_DAY + dt.timedelta(days=offset) for offset in range((DAY - FIRST_DAY).days + 1)]
    assert [overview.cell(row, 4).value.date() for row in range(2, 2 + len(campaign_days))] == campaign_days
    assert overview.cell(2, 5).value is None and overview.cell(1 + len(campaign_days), 5).value is not None
    national = query(uri, "select participated, participation_rate from mart.national_daily "
                          "where campaign_id = %s and report_date = %s", [CAMPAIGN, DAY])[0]
    assert overview["B4"].value == national[0]
    assert abs(overview.cell(1 + len(campaign_days), 5).value - float(national[1])) < 1e-12

    ranking = workbook["Xếp hạng"]
    assert ranking.freeze_panes == "A2" and ranking["A1"].font.bold
    expected = query(uri, "select national_rank, rank_change, province_code, province_name, participated, eligible, "
                          "participation_rate, report_status from mart.province_daily "
                          "where campaign_id = %s and report_date = %s order by national_rank nulls last, province_code",
                     [CAMPAIGN, DAY])
    rows = [[cell.value for cell in row[:10]] for row in ranking.iter_rows(min_row=2)]
    assert len(rows) == len(expected) == 63
    for row, (rank, change, code, name, participated, eligible, rate, status) in zip(rows, expected):
        assert row[:6] == [rank, change, code, name, participated, eligible]
        assert (row[6] is None) if rate is None else abs(row[6] - float(rate)) < 1e-12
        assert row[9] == {"accepted": "Đã tiếp nhận", "quarantined": "Bị cách ly", "missing": "Chưa báo cáo"}[status]
    assert ranking["G2"].number_format == "0.0%" and ranking["E2"].number_format == "#,##0"

    statuses = {row[0].value: (row[2].value, row[3].value, row[6].value)
                for row in workbook["Tình trạng báo cáo"].iter_rows(min_row=2)}
    assert statuses["30"][0] == "Bị cách ly" and statuses["30"][2].startswith("participated_le_eligible")
    assert statuses["01"][0] == "Chưa báo cáo" and statuses["79"][:2] == ("Đã tiếp nhận", "Có")

    communes = [[cell.value for cell in row] for row in workbook["Xã cao nhất - thấp nhất"].iter_rows(min_row=2, max_row=21)]
    top = query(uri, "select commune_code, participation_rate from mart.commune_daily where campaign_id = %s "
                     "and report_date = %s and eligible >= 100 order by participation_rate desc, commune_code limit 10",
                [CAMPAIGN, DAY])
    assert [(row[0], row[2]) for row in communes[:10]] == [("Cao nhất", code) for code, _ in top]
    assert all(row[6] >= 100 for row in communes) and [row[0] for row in communes[10:]] == ["Thấp nhất"] * 10

    forecast = [[cell.value for cell in row] for row in workbook["Dự báo"].iter_rows(min_row=2)]
    assert forecast[0][1] == "Toàn quốc"
    assert len(forecast) == 1 + scalar(uri, "select count(*) from mart.province_forecast where report_date = %s", [DAY])


def decode_png(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and RGB rows of an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium writes)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, compressed = 8, []
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            compressed.append(body)
    assert depth == 8 and colour in (2, 6) and interlace == 0
    bpp = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(b"".join(compressed)), width * bpp
    previous, rows = bytearray(stride), []
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif kind == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, previous))
        elif kind == 3:
            for i in range(stride):
                line[i] = (line[i] + (((line[i - bpp] if i >= bpp else 0) + previous[i]) >> 1)) & 255
        elif kind == 4:
            for i in range(stride):
                a, b = (line[i - bpp] if i >= bpp else 0), previous[i]
                c = previous[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line) if bpp == 3 else bytes(v for i, v in enumerate(line) if i % 4 != 3))
        previous = line
    return width, height, rows


def run_chromium(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    return subprocess.run([str(CHROMIUM), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *arguments],
                          capture_output=True, text=True, timeout=180, check=True)


@pytest.fixture
def chromium():
    # A missing browser fails the test rather than skipping it: the rendering check is part of CI.
    assert CHROMIUM.exists(), "the report test needs Debian's chromium: apt-get install chromium (.ci/run does)"
    return run_chromium


def test_report_renders_in_headless_chromium(reported, chromium, tmp_path):
    uri, _, paths = reported
    page = paths[0].read_text(encoding="utf-8-sig")
    assert '<html lang="vi">' in page and "<script" not in page
    measured = tmp_path / "measured.html"
    measured.write_text(page.replace("</body>", MEASURE_SCRIPT + "</body>"), encoding="utf-8")
    dom = chromium(tmp_path, "--window-size=1280,2000", "--dump-dom", measured.as_uri()).stdout
    text = unescape(re.sub(r"<[^>]+>", " ", dom))
    leader = scalar(uri, "select province_name from mart.province_daily where report_date = %s and national_rank = 1", [DAY])
    for phrase in ("Xếp hạng các tỉnh, thành phố", "Tỷ lệ tham gia toàn quốc theo ngày", "Hải Dương", leader,
                   "Dự báo khả năng đạt chỉ tiêu", "29/05/2025", "61/63"):
        assert phrase in text, phrase
    assert 'data-svg-count="3"' in dom
    sizes, declared = {}, {}
    for svg in re.findall(r"<svg[^>]*>", dom):
        chart = re.search(r' id="([^"]+)"', svg).group(1)
        sizes[chart] = tuple(map(int, re.search(r'data-rendered-size="(\d+)x(\d+)"', svg).groups()))
        declared[chart] = tuple(int(re.search(rf' {name}="(\d+)"', svg).group(1)) for name in ("width", "height"))
    assert set(sizes) == {"bieu-do-toan-quoc", "bieu-do-tinh", "bieu-do-vung-vung-kt-xh-2023"}
    assert all(width > 300 and height > 200 for width, height in sizes.values()), sizes
    assert sizes == declared  # laid out at full size in a 1280 px window
    assert sizes["bieu-do-tinh"][1] > 61 * 20  # one 16 px bar (and a 4 px gap) per accepted province
    assert sizes["bieu-do-vung-vung-kt-xh-2023"][1] > 6 * 28  # one 24 px bar (and a 4 px gap) per region

    screenshot = tmp_path / "report.png"
    chromium(tmp_path, f"--screenshot={screenshot}", "--window-size=1280,2000", paths[0].as_uri())
    width, height, rows = decode_png(screenshot)
    assert (width, height) == (1280, 2000)
    colours = Counter(row[i:i + 3] for row in rows for i in range(0, len(row), 3))
    white = colours[b"\xff\xff\xff"]
    assert len(colours) > 200 and white < 0.9 * width * height, (len(colours), white)
    line, bars = bytes.fromhex("1f5fa8"), (bytes.fromhex("2f7fc1"), bytes.fromhex("2e8b57"))
    assert colours[line] > 1000 and sum(colours[bar] for bar in bars) > 1000  # the line and the bars were drawn


def test_report_page_lists_the_faulty_provinces_and_the_forecast(reported):
    uri, _, paths = reported
    text = unescape(re.sub(r"<[^>]+>", " ", paths[0].read_text(encoding="utf-8-sig")))
    issues = text[text.index("Tỉnh, thành phố chưa báo cáo"):text.index("Xã, phường có tỷ lệ")]
    assert "Hà Nội" in issues and "Chưa báo cáo" in issues
    assert "Hải Dương" in issues and "participated_le_eligible" in issues
    assert "Thành phố Hồ Chí Minh" in issues and "trễ hạn" in issues
    assert "Chỉ xét các xã, phường, thị trấn có từ 100 công dân" in text
    national = scalar(uri, "select participated from mart.national_daily where report_date = %s", [DAY])
    assert f"{national:,}".replace(",", ".") in text
    forecast = text[text.index("Dự báo khả năng đạt chỉ tiêu"):]
    assert "toàn quốc" in forecast.lower()
    at_risk = query(uri, "select province_name from mart.province_forecast where report_date = %s and at_risk", [DAY])
    for (name,) in at_risk:
        assert name in forecast
    if not at_risk:
        assert "Không có tỉnh, thành phố nào có nguy cơ" in forecast


def test_region_section_and_sheet_match_the_region_mart(reported):
    uri, _, paths = reported
    regions = query(uri, "select grouping_id, is_restated, region_rank, region_code, region_name, provinces_reported, "
                         "provinces_expected, participated, participation_rate from mart.region_daily "
                         "where campaign_id = %s and report_date = %s "
                         "order by is_restated, grouping_id, region_rank nulls last, region_code", [CAMPAIGN, DAY])
    assert [(grouping, restated) for grouping, restated, *_ in regions] == (
        [("vung-kt-xh-2023", False)] * 6 + [("vung-kt-xh-2025", True)] * 6)
    sheet = openpyxl.load_workbook(paths[1])["Theo vùng"]
    cells = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2, max_row=13)]
    assert [(row[3], row[4], row[5], row[6], row[7], row[9]) for row in cells] == [
        (rank, code, name, reported, expected, participated)
        for _, _, rank, code, name, reported, expected, participated, _ in regions]
    assert [row[1] for row in cells] == ["Chính thức"] * 6 + ["Dự thảo"] * 6
    assert all(abs(row[11] - float(region[8])) < 1e-12 for row, region in zip(cells, regions, strict=True))

    page = paths[0].read_text(encoding="utf-8-sig")
    svg = page[page.index('id="bieu-do-vung-vung-kt-xh-2023"'):]
    svg = svg[:svg.index("</svg>")]
    bars = re.findall(r'<rect class="bar"[^>]*><title>([^:<]+):', svg)
    # Hà Nội missing and Hải Dương quarantined: Đồng bằng sông Hồng sums 9 of its 11 provinces
    assert len(bars) == 6 and "Đồng bằng sông Hồng (9/11 tỉnh)" in bars
    text = unescape(re.sub(r"<[^>]+>", " ", page))
    section = text[text.index("Tỷ lệ tham gia theo vùng kinh tế - xã hội"):text.index("Tỉnh, thành phố chưa báo cáo")]
    restated = section[section.index("Quy đổi theo đơn vị hành chính hiện nay"):]
    assert "(dự thảo)" in restated and "Duyên hải Nam Trung Bộ và Tây Nguyên" in restated
    assert "Tây Nguyên" in section[:section.index("Quy đổi")]


def test_validation_page_shows_the_quarantined_rule_and_value(reported):
    uri, _, paths = reported
    page = paths[2].read_text(encoding="utf-8-sig")
    assert '<html lang="vi">' in page and "<script" not in page
    text = unescape(re.sub(r"<[^>]+>", " ", page))
    assert f"Kiểm tra dữ liệu báo cáo ngày {DAY:%d/%m/%Y}" in text
    failures = query(uri, """
        select failure.rule, failure.commune_code, failure.value, failure.row_number
        from dq.validation_failure as failure
        join dq.report_revision as fate using (payload_id)
        where fate.report_date = %s and fate.province_code = '30' and fate.status = 'quarantined'""", [DAY])
    assert failures
    details = text[text.index("Chi tiết theo tỉnh"):]
    section = details[details.index("Hải Dương (30)"):]
    for rule, commune_code, value, _ in failures[:20]:
        assert rule in section and commune_code in section and value in section
    assert "Bị cách ly" in section
    expectations = text[text.index("Kết quả từng kỳ vọng"):text.index("Chi tiết theo tỉnh")]
    assert "Không đạt" in expectations and "Hải Dương" in expectations


def test_rewriting_the_report_replaces_the_files(reported):
    uri, root, paths = reported
    before = paths[1].stat().st_mtime_ns
    again = bulletin.write_daily_report(uri, CAMPAIGN, DAY, root)
    assert [Path(path) for path in again] == paths and paths[1].stat().st_mtime_ns >= before
    assert not list(paths[0].parent.glob(".*"))


def test_a_day_without_publication_still_gives_a_page(reported, tmp_path):
    uri, _, _ = reported
    paths = bulletin.write_daily_report(uri, CAMPAIGN, DAY + dt.timedelta(days=1), tmp_path)
    text = unescape(re.sub(r"<[^>]+>", " ", Path(paths[0]).read_text(encoding="utf-8-sig")))
    assert "Chưa có số liệu toàn quốc được công bố cho ngày này." in text
    assert all(isinstance(path, str) for path in paths)  # small and plain, fit for XCom


def test_validation_page_shows_every_expectation_outcome(reported, tmp_path):
    uri, _, _ = reported
    payload_id = scalar(uri, "select payload_id from dq.report_revision where report_date = %s and province_code = '30'", [DAY])
    outcomes = query(uri, "select rule, success from dq.validation_result where payload_id = %s", [payload_id])
    assert len(outcomes) > 10 and ("participated_le_eligible", False) in outcomes  # recorded by the ingest itself
    page = Path(bulletin.write_daily_report(uri, CAMPAIGN, DAY, tmp_path)[2]).read_text(encoding="utf-8-sig")
    text = unescape(re.sub(r"<[^>]+>", " ", page))
    section = text[text.index("Kết quả từng kỳ vọng"):text.index("Chi tiết theo tỉnh")]
    section = section[section.index("Tỉnh Hải Dương (30)"):]
    assert "Chưa có kết quả chi tiết" not in section
    for rule, _ in outcomes:
        assert rule in section
    assert "Không đạt" in section and any(success for _, success in outcomes) == (" Đạt " in section)
