"""(Re)create the bad-input corpus: malformed province reports for hien-phap-2025, 16 May 2025.

Every case starts from the simulator's valid report (``FeedSimulator("hien-phap-2025").report(...)``),
cut to its first 20 communes, and corrupts it in one way. Running this script rewrites every stored
file and ``manifest.csv`` byte for byte the same way each time:

    .venv/bin/python tests/corpus/make_corpus.py

Two cases are not stored but built at test time by ``write_generated``: a file over the 256 MiB
limit (a sparse file) and a CSV whose single unbalanced quote makes a field longer than Python's
csv field limit (about 200 KiB). Their ``file`` column in the manifest is empty.

XLSX files are stored too: the workbook is re-zipped with fixed timestamps so the bytes do not
depend on the day the script runs.

``tests/integration/test_bad_input_corpus.py`` runs every case through ``ingest.ingest_province``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent
try:
    from vneid_pipeline.simulator import FeedSimulator
except ImportError:  # run as a script, outside pytest's pythonpath
    sys.path.insert(0, str(CORPUS_DIR.parents[1] / "plugins"))
    from vneid_pipeline.simulator import FeedSimulator

CAMPAIGN = "hien-phap-2025"
DAY = dt.date(2025, 5, 16)
COMMUNES = 20  # reports are cut to their first 20 communes; JSON province_total is recomputed to match
HEADER = ["commune_code", "commune_name", "eligible", "participated", "agreed"]
MANIFEST_COLUMNS = ["case_id", "format", "file", "province_code", "report_date", "expected_outcome",
                    "expected_rule", "description"]
ACCEPTED = "accepted_after_normalisation"
QUARANTINED = "quarantined"
ZIP_TIME = (2025, 5, 16, 13, 0, 0)
LARGE_FILE_LIMIT = 256 * 1024 * 1024  # sources.MAX_PAYLOAD_BYTES; the generated file is one byte over it
CSV_FIELD_LIMIT = 131072  # csv.field_size_limit() default
# A commune of the 2025-07 structure (Đặc khu Bạch Long Vĩ, Hải Phòng) whose code exists nowhere in vn-2025-01.
POST_REFORM_CODE = "11948"
# Windows-1258 keeps the letters with circumflex, breve and horn precomposed and writes tone marks
# as combining characters after them.
TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


# ------------------------------------------------------------------------------------- baseline


_simulator = None


def simulator() -> FeedSimulator:
    global _simulator
    if _simulator is None:
        _simulator = FeedSimulator(CAMPAIGN)
    return _simulator


def report(province: str) -> dict:
    """The simulator's valid JSON report for the province, cut to its first communes, totals consistent."""
    document = json.loads(json.dumps(simulator().report(province, DAY)))
    document["rows"] = document["rows"][:COMMUNES]
    document["province_total"] = {column: sum(row[column] for row in document["rows"])
                                  for column in ("eligible", "participated", "agreed")}
    return document


def table(province: str) -> list[list]:
    """The same report as file rows: code, name, eligible, participated, agreed (all as text)."""
    names = simulator().commune_names(province)
    return [[row["commune_code"], names[row["commune_code"]], str(row["eligible"]), str(row["participated"]),
             str(row["agreed"])] for row in report(province)["rows"]]


def core_rows(province: str, section: str = "", citizen_group: str = "") -> list[tuple]:
    """What core.commune_report should hold for the unaltered report (commune totals)."""
    return [(row["commune_code"], section, citizen_group, row["eligible"], row["participated"], row["agreed"])
            for row in report(province)["rows"]]


def csv_text(header: list[str], rows: list[list], delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def csv_bytes(header=HEADER, rows=None, province="30", encoding="utf-8") -> bytes:
    return csv_text(header, table(province) if rows is None else rows).encode(encoding)


def json_bytes(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def with_row(province: str, index: int, **changes) -> list[list]:
    rows = table(province)
    for column, value in changes.items():
        rows[index][HEADER.index(column)] = value
    return rows


def json_with(province: str = "30", **changes) -> bytes:
    document = report(province)
    document.update(changes)
    return json_bytes(document)


def json_row_changed(column: str, value, index: int = 2, drop_total: bool = True) -> bytes:
    document = report("30")
    document["rows"][index][column] = value
    if drop_total:  # keep the case about the row: a total would also disagree with the broken row
        document["province_total"] = None
    return json_bytes(document)


# ------------------------------------------------------------------------------------- encodings


def to_windows_1258(text: str) -> bytes:
    """Text as a Vietnamese Windows ANSI file holds it (cp1258 has no precomposed toned vowels)."""
    return "".join(_recompose_after_tones(list(unicodedata.normalize("NFD", text)))).encode("cp1258")


def _recompose_after_tones(chars: list[str]) -> list[str]:
    """Join a base letter with a circumflex/breve/horn that NFD ordering put after the tone mark."""
    result: list[str] = []
    pending_tones: list[str] = []
    for char in chars:
        if char in TONE_MARKS:
            pending_tones.append(char)
        elif unicodedata.combining(char) and result:
            result[-1] = unicodedata.normalize("NFC", result[-1] + char)
        else:
            result.extend(pending_tones)
            pending_tones = []
            result.append(char)
    result.extend(pending_tones)
    return result


def mojibake(text: str) -> str:
    """UTF-8 bytes read as Windows-1252 (bytes it leaves undefined become C1 controls, as Windows does)."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


# ------------------------------------------------------------------------------------------ XLSX


def xlsx_bytes(sheets: list[tuple[str, list[list]]], active: int = 0, style: Callable | None = None) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
        if style:
            style(sheet)
    workbook.active = active
    fixed = dt.datetime(*ZIP_TIME)
    workbook.properties.created = fixed
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _rezip(buffer.getvalue())


def _rezip(data: bytes) -> bytes:
    """Same workbook, with fixed zip timestamps and modification date, so the bytes are reproducible."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(<)", rb"\g<1>2025-05-16T06:00:00Z\g<2>", content)
            target.writestr(zipfile.ZipInfo(info.filename, date_time=ZIP_TIME), content,
                            compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def xlsx_rows(province: str = "30", numeric: bool = True) -> list[list]:
    """A report as a clerk types it: counts as numbers, codes as text."""
    rows = [HEADER]
    for code, name, eligible, participated, agreed in table(province):
        rows.append([code, name, int(eligible), int(participated), int(agreed)] if numeric
                    else [code, name, eligible, participated, agreed])
    return rows


def xlsx_sheet_stream_damaged() -> bytes:
    """A workbook whose worksheet data lost a 512-byte block (zeros) at 70% of its compressed stream.

    Uses the full 207-commune report: openpyxl reads the first few KiB of the sheet when it opens the
    workbook, and only damage beyond them shows the point (it surfaces while the rows are read).
    """
    names = simulator().commune_names("30")
    rows = [HEADER] + [[row["commune_code"], names[row["commune_code"]], row["eligible"], row["participated"],
                        row["agreed"]] for row in simulator().report("30", DAY)["rows"]]
    data = bytearray(xlsx_bytes([("report", rows)]))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    damaged = start + info.compress_size * 7 // 10
    data[damaged:damaged + 512] = bytes(512)
    return bytes(data)


def format_right_of_table(sheet) -> None:
    from openpyxl.styles import PatternFill

    fill = PatternFill("solid", fgColor="FFFF00")
    for row in range(1, sheet.max_row + 1):
        for column in range(6, 9):  # F:H, formatted but empty
            sheet.cell(row=row, column=column).fill = fill


# ----------------------------------------------------------------------------------------- cases


@dataclass(frozen=True)
class Case:
    case_id: str
    format: str
    province: str
    outcome: str
    rule: str
    description: str
    build: Callable[[], bytes] | None  # None: generated at test time by write_generated
    expected_core: Callable[[], list[tuple]] | None = field(default=None)

    @property
    def file(self) -> str:
        return f"{self.case_id}.{self.format}" if self.build else ""


def _nfd_rows() -> list[list]:
    return [[code, unicodedata.normalize("NFD", name), *counts] for code, name, *counts in table("30")]


BREAKDOWN_GROUP = "Cán bộ, công chức, viên chức"
BREAKDOWN_SECTION = "Chương I – Chế độ chính trị"


def _breakdown_rows() -> list[list]:
    rows = []
    for code, name, eligible, participated, agreed in table("30"):
        rows.append([code, name, eligible, participated, agreed, "", ""])
        rows.append([code, unicodedata.normalize("NFD", name), str(int(eligible) // 10),
                     str(int(participated) // 10), str(int(agreed) // 10),
                     unicodedata.normalize("NFD", BREAKDOWN_SECTION),
                     "  " + unicodedata.normalize("NFD", BREAKDOWN_GROUP)])
    return rows


def _breakdown_core() -> list[tuple]:
    rows = []
    for code, _name, eligible, participated, agreed in table("30"):
        rows.append((code, "", "", int(eligible), int(participated), int(agreed)))
        rows.append((code, BREAKDOWN_SECTION, BREAKDOWN_GROUP, int(eligible) // 10, int(participated) // 10,
                     int(agreed) // 10))
    return rows


def _subtotal(code: str) -> list[list]:
    rows = table("30")
    sums = [str(sum(int(row[i]) for row in rows)) for i in (2, 3, 4)]
    return rows + [[code, "Tổng cộng" if code == "" else "", *sums]]


def _stripped_zero_rows() -> list[list]:
    return [[str(int(code)), name, *counts] for code, name, *counts in table("01")]


def _json_int_codes() -> bytes:
    document = report("01")
    for row in document["rows"]:
        row["commune_code"] = int(row["commune_code"])
    return json_bytes(document)


def _json_total_mismatch() -> bytes:
    """The whole province's total (all 207 communes) above rows cut to the first 20."""
    document = report("30")
    document["province_total"] = simulator().report("30", DAY)["province_total"]
    return json_bytes(document)


def _json_without(key: str) -> bytes:
    document = report("30")
    del document[key]
    return json_bytes(document)


def _json_rows_object() -> bytes:
    document = report("30")
    document["rows"] = {row["commune_code"]: row for row in document["rows"]}
    return json_bytes(document)


def _json_unknown_field() -> bytes:
    document = report("30")
    document["rows"][4]["ward_code"] = document["rows"][4]["commune_code"]
    return json_bytes(document)


def _json_not_utf8() -> bytes:
    document = report("30")
    names = simulator().commune_names("30")
    for row in document["rows"]:
        row["commune_name"] = names[row["commune_code"]]
    return to_windows_1258(json.dumps(document, ensure_ascii=False, indent=1))


def _json_empty_rows() -> bytes:
    document = report("30")
    document["rows"] = []
    document["province_total"] = None
    return json_bytes(document)


def _xlsx_numeric_codes() -> bytes:
    rows = xlsx_rows("01")
    for row in rows[1:]:
        row[0] = int(row[0])  # a General-format column: Excel keeps 1, not 00001
    return xlsx_bytes([("Báo cáo", rows)])


def _xlsx_title_row() -> bytes:
    title = [["BÁO CÁO KẾT QUẢ LẤY Ý KIẾN NHÂN DÂN QUA VNeID – TỈNH HẢI DƯƠNG – NGÀY 16/5/2025"], []]
    return xlsx_bytes([("report", title + xlsx_rows())])


def _xlsx_second_sheet() -> bytes:
    guide = [["Hướng dẫn: nhập số liệu vào trang 'report'"], ["Không sửa tên cột"]]
    return xlsx_bytes([("Hướng dẫn", guide), ("report", xlsx_rows())], active=1)


def _xlsx_fractional() -> bytes:
    rows = xlsx_rows()
    rows[3][3] = rows[3][3] + 0.5
    return xlsx_bytes([("report", rows)])


def _xlsx_uncached_formula() -> bytes:
    rows = xlsx_rows()
    rows[5][2] = f"={rows[5][2]}"  # written by a script: no cached value, so a reader sees an empty cell
    return xlsx_bytes([("report", rows)])


def _csv_nul_section() -> bytes:
    rows = [row + ["", ""] for row in table("30")]
    code, name, eligible, participated, agreed = table("30")[0]
    rows.append([code, name, str(int(eligible) // 10), str(int(participated) // 10), str(int(agreed) // 10),
                 "Chương I\x00", ""])
    return csv_bytes(HEADER + ["section", "citizen_group"], rows)


def _json_lone_surrogate() -> bytes:
    document = report("30")
    document["province_total"] = None
    first = document["rows"][0]
    document["rows"].append({"commune_code": first["commune_code"], "eligible": first["eligible"] // 10,
                             "participated": first["participated"] // 10, "agreed": first["agreed"] // 10,
                             "section": "Ý kiến khác SURROGATE"})
    # The escape of half a UTF-16 surrogate pair: valid JSON syntax and ASCII bytes, but not a character.
    return json_bytes(document).replace(b"SURROGATE", b"\\ud83d")


def _accepted_core(province: str) -> Callable[[], list[tuple]]:
    return lambda: core_rows(province)


CASES: list[Case] = [
    # --- CSV: encodings
    Case("csv_windows_1258", "csv", "30", QUARANTINED, "encoding",
         "CSV saved as Windows-1258 (Vietnamese ANSI, tone marks as combining bytes), not UTF-8",
         lambda: to_windows_1258(csv_bytes().decode())),
    Case("csv_utf16", "csv", "30", QUARANTINED, "encoding",
         "CSV saved as UTF-16 LE with BOM ('Unicode Text' style)",
         lambda: csv_bytes(encoding="utf-16")),
    Case("csv_mojibake_utf8", "csv", "30", ACCEPTED, "",
         "names garbled by a UTF-8 -> cp1252 -> UTF-8 round trip; the file is valid UTF-8 and commune_name is "
         "informational, so it is accepted: codes and figures are intact and names are never stored",
         lambda: mojibake(csv_bytes().decode()).encode("utf-8"), _accepted_core("30")),
    Case("csv_mojibake_utf8_bom", "csv", "30", QUARANTINED, "header",
         "same round trip on a file that had a BOM: the BOM becomes 'ï»¿' glued to commune_code in the header",
         lambda: mojibake("\ufeff" + csv_bytes().decode()).encode("utf-8")),
    Case("csv_utf8_bom_only", "csv", "30", QUARANTINED, "empty_file",
         "3 bytes: nothing but the UTF-8 byte-order mark",
         lambda: b"\xef\xbb\xbf"),
    # --- CSV: structure
    Case("csv_empty", "csv", "30", QUARANTINED, "empty_file", "0 bytes", lambda: b""),
    Case("csv_header_only", "csv", "30", QUARANTINED, "not_empty", "the header line and no data row",
         lambda: csv_bytes(rows=[])),
    Case("csv_extra_column", "csv", "30", QUARANTINED, "header", "an extra column ghi_chu (remarks)",
         lambda: csv_bytes(HEADER + ["ghi_chu"], [row + [""] for row in table("30")])),
    Case("csv_missing_column", "csv", "30", QUARANTINED, "header", "the agreed column left out",
         lambda: csv_bytes(HEADER[:4], [row[:4] for row in table("30")])),
    Case("csv_renamed_column", "csv", "30", QUARANTINED, "header",
         "commune_code renamed to its Vietnamese label ma_xa",
         lambda: csv_bytes(["ma_xa"] + HEADER[1:])),
    Case("csv_semicolon_separator", "csv", "30", QUARANTINED, "header",
         "semicolon-separated (Excel in a locale with a decimal comma)",
         lambda: csv_text(HEADER, table("30"), delimiter=";").encode("utf-8")),
    Case("csv_short_row", "csv", "30", QUARANTINED, "row_shape", "data row 7 lost its agreed field",
         lambda: csv_bytes(rows=[row[:4] if index == 6 else row for index, row in enumerate(table("30"))])),
    Case("csv_unbalanced_quote_large", "csv", "30", QUARANTINED, "row_shape",
         "an unbalanced double quote opens a field that runs past Python's csv field limit (131072 characters); "
         "generated at test time (a few hundred KiB of breakdown rows)", None),
    Case("csv_too_large", "csv", "30", QUARANTINED, "file_too_large",
         "a file one byte over the 256 MiB limit; generated at test time as a sparse file", None),
    # --- CSV: rows
    Case("csv_subtotal_row_text_code", "csv", "30", QUARANTINED, "commune_code_format",
         "a 'Tổng cộng' (grand total) row with the province sums, its label in the commune_code column",
         lambda: csv_bytes(rows=_subtotal("Tổng cộng"))),
    Case("csv_subtotal_row_empty_code", "csv", "30", QUARANTINED, "commune_code_present",
         "a total row with an empty commune_code, the label in commune_name and the province sums",
         lambda: csv_bytes(rows=_subtotal(""))),
    Case("csv_duplicate_commune", "csv", "30", QUARANTINED, "unique_commune_row",
         "commune 10514 appears twice (row 4 copied to the end)",
         lambda: csv_bytes(rows=table("30") + [table("30")[3]])),
    Case("csv_commune_of_other_province", "csv", "30", QUARANTINED, "commune_in_province",
         "a Hải Phòng (31) commune in Hải Dương's (30) report",
         lambda: csv_bytes(rows=table("30") + [table("31")[0]])),
    Case("csv_post_reform_commune_code", "csv", "30", QUARANTINED, "commune_in_province",
         f"commune {POST_REFORM_CODE} (Đặc khu Bạch Long Vĩ) of the 2025-07 structure, which does not exist before "
         "the reform",
         lambda: csv_bytes(rows=table("30") + [[POST_REFORM_CODE, "Đặc khu Bạch Long Vĩ", "900", "100", "90"]])),
    Case("csv_six_digit_code", "csv", "30", QUARANTINED, "commune_code_format",
         "a commune code with an extra digit (105070)",
         lambda: csv_bytes(rows=with_row("30", 0, commune_code="105070"))),
    Case("csv_nul_in_commune_code", "csv", "30", QUARANTINED, "encoding",
         "commune code 10507 followed by a NUL character (a C string terminator leaked by an exporter)",
         lambda: csv_bytes(rows=with_row("30", 0, commune_code="10507\x00"))),
    Case("csv_nul_in_breakdown_label", "csv", "30", QUARANTINED, "encoding",
         "a breakdown row whose section ends with a NUL character; PostgreSQL text cannot hold it "
         "(expected rule proposed: there is no rule for it yet)",
         _csv_nul_section),
    Case("csv_excel_stripped_leading_zeros", "csv", "01", ACCEPTED, "",
         "Hà Nội's commune codes saved by Excel as numbers: 00001 -> 1, 00004 -> 4; restored to 5 digits",
         lambda: csv_bytes(rows=_stripped_zero_rows()), _accepted_core("01")),
    Case("csv_negative_number", "csv", "30", QUARANTINED, "participated_is_count",
         "participated = -469 in row 1",
         lambda: csv_bytes(rows=with_row("30", 0, participated="-469"))),
    Case("csv_fractional_number", "csv", "30", QUARANTINED, "participated_is_count",
         "participated = 599.5 in row 2",
         lambda: csv_bytes(rows=with_row("30", 1, participated="599.5"))),
    Case("csv_thousands_separator", "csv", "30", QUARANTINED, "eligible_is_count",
         "eligible written with a Vietnamese thousands separator: 7.023",
         lambda: csv_bytes(rows=with_row("30", 2, eligible="7.023"))),
    Case("csv_text_number", "csv", "30", QUARANTINED, "eligible_is_count", "eligible = 'không rõ' (unknown)",
         lambda: csv_bytes(rows=with_row("30", 3, eligible="không rõ"))),
    Case("csv_huge_number", "csv", "30", QUARANTINED, "eligible_is_count", "eligible with 20 digits",
         lambda: csv_bytes(rows=with_row("30", 4, eligible="12345678901234567890"))),
    Case("csv_missing_eligible", "csv", "30", QUARANTINED, "eligible_present", "eligible cell left empty in row 6",
         lambda: csv_bytes(rows=with_row("30", 5, eligible=""))),
    Case("csv_participated_gt_eligible", "csv", "30", QUARANTINED, "participated_le_eligible",
         "participated 599 > eligible 598 in row 2",
         lambda: csv_bytes(rows=with_row("30", 1, eligible=str(int(table("30")[1][3]) - 1),
                                         participated=str(int(table("30")[1][3]))))),
    Case("csv_agreed_gt_participated", "csv", "30", QUARANTINED, "agreed_le_participated",
         "agreed one more than participated in row 3",
         lambda: csv_bytes(rows=with_row("30", 2, agreed=str(int(table("30")[2][3]) + 1)))),
    # --- CSV: recoverable
    Case("csv_nfd_names", "csv", "30", ACCEPTED, "",
         "commune names in Unicode NFD (decomposed, as macOS writes them); names are normalised to NFC on "
         "read but never stored, so codes and figures are checked",
         lambda: csv_bytes(rows=_nfd_rows()), _accepted_core("30")),
    Case("csv_nfd_breakdown_labels", "csv", "30", ACCEPTED, "",
         "commune totals plus one breakdown row per commune whose section and citizen_group are in NFD "
         "(citizen_group with leading spaces); stored trimmed and in NFC",
         lambda: csv_bytes(HEADER + ["section", "citizen_group"], _breakdown_rows()), _breakdown_core),
    Case("csv_padded_cells_and_header_case", "csv", "30", ACCEPTED, "",
         "header in upper case with spaces around names, cells padded with spaces, CRLF line ends",
         lambda: csv_text([f" {name.upper()} " for name in HEADER],
                          [[f" {cell} " for cell in row] for row in table("30")]).replace("\n", "\r\n").encode(),
         _accepted_core("30")),
    Case("csv_blank_lines", "csv", "30", ACCEPTED, "",
         "blank lines and an all-empty ',,,,' line between rows and at the end; skipped",
         lambda: csv_bytes().replace(b"\n10513", b"\n\n,,,,\n10513") + b"\n\n",
         _accepted_core("30")),
    Case("csv_trailing_comma", "csv", "30", ACCEPTED, "",
         "every data line ends with a comma (one empty extra field); the code tolerates empty extra cells "
         "(contract section 5 says row_shape)",
         lambda: csv_bytes().replace(b"\n", b",\n").replace(b"agreed,\n", b"agreed\n"),
         _accepted_core("30")),
    # --- JSON (HTTP feed)
    Case("json_empty_body", "json", "30", QUARANTINED, "empty_file", "HTTP 200 with an empty body", lambda: b""),
    Case("json_truncated", "json", "30", QUARANTINED, "json_syntax", "the body cut off in the middle",
         lambda: json_with()[: len(json_with()) // 2]),
    Case("json_not_utf8", "json", "30", QUARANTINED, "encoding",
         "JSON body encoded in Windows-1258, commune names included",
         _json_not_utf8),
    Case("json_top_level_array", "json", "30", QUARANTINED, "json_structure", "the rows array alone, no envelope",
         lambda: json_bytes(report("30")["rows"])),
    Case("json_wrong_campaign", "json", "30", QUARANTINED, "campaign_matches",
         "campaign_id van-kien-dai-hoi-xiv in a report requested for hien-phap-2025",
         lambda: json_with(campaign_id="van-kien-dai-hoi-xiv")),
    Case("json_wrong_report_date", "json", "30", QUARANTINED, "report_date_matches",
         "report_date 2025-05-15 in the body of the 2025-05-16 report",
         lambda: json_with(report_date="2025-05-15")),
    Case("json_wrong_province_code", "json", "30", QUARANTINED, "province_matches",
         "province_code 31 in the body of province 30's report",
         lambda: json_with(province_code="31")),
    Case("json_province_code_unpadded", "json", "01", QUARANTINED, "province_matches",
         "province_code '1' instead of '01'",
         lambda: json_with("01", province_code="1")),
    Case("json_schema_version_2", "json", "30", QUARANTINED, "schema_version", "schema_version 2",
         lambda: json_with(schema_version=2)),
    Case("json_rows_not_a_list", "json", "30", QUARANTINED, "json_structure",
         "rows is an object keyed by commune code",
         _json_rows_object),
    Case("json_missing_generated_at", "json", "30", QUARANTINED, "json_structure", "no generated_at field",
         lambda: _json_without("generated_at")),
    Case("json_generated_at_naive", "json", "30", QUARANTINED, "generated_at",
         "generated_at 2025-05-16T13:03:22 without a UTC offset",
         lambda: json_with(generated_at="2025-05-16T13:03:22")),
    Case("json_revision_zero", "json", "30", QUARANTINED, "revision", "revision 0", lambda: json_with(revision=0)),
    Case("json_unknown_row_field", "json", "30", QUARANTINED, "unknown_field", "row 5 carries ward_code",
         _json_unknown_field),
    Case("json_count_as_string", "json", "30", QUARANTINED, "eligible_is_count", 'eligible "7023" as a string',
         lambda: json_row_changed("eligible", "7023")),
    Case("json_boolean_count", "json", "30", QUARANTINED, "participated_is_count", "participated true",
         lambda: json_row_changed("participated", True)),
    Case("json_float_count", "json", "30", QUARANTINED, "eligible_is_count", "eligible 7023.0 (a decimal)",
         lambda: json_row_changed("eligible", 7023.0)),
    Case("json_huge_number", "json", "30", QUARANTINED, "eligible_is_count", "eligible with 20 digits",
         lambda: json_row_changed("eligible", 12345678901234567890)),
    Case("json_participated_gt_eligible", "json", "30", QUARANTINED, "participated_le_eligible",
         "participated 7024 > eligible 7023 (province_total absent)",
         lambda: json_row_changed("participated", 7024)),
    Case("json_empty_rows", "json", "30", QUARANTINED, "not_empty", "rows: []", _json_empty_rows),
    Case("json_province_total_mismatch", "json", "30", QUARANTINED, "province_total_reconciles",
         "province_total of all 207 communes while rows list only the first 20 (a filtered sheet)",
         _json_total_mismatch),
    Case("json_lone_surrogate_in_section", "json", "30", QUARANTINED, "encoding",
         "a breakdown row whose section ends with the escape \\ud83d, half of an emoji's surrogate pair cut "
         "off by the producer: valid JSON, but not text (expected rule proposed: there is no rule for it yet)",
         _json_lone_surrogate),
    Case("json_integer_codes_stripped", "json", "01", ACCEPTED, "",
         "commune codes sent as JSON integers (1, 4, ...) for Hà Nội; restored to 5-digit text",
         _json_int_codes, _accepted_core("01")),
    # --- XLSX
    Case("xlsx_header_not_first_row", "xlsx", "30", QUARANTINED, "header",
         "a title line and a blank row above the header",
         _xlsx_title_row),
    Case("xlsx_data_on_second_sheet", "xlsx", "30", QUARANTINED, "header",
         "an instructions sheet first; the data is on the second (active) sheet",
         _xlsx_second_sheet),
    Case("xlsx_corrupt_truncated", "xlsx", "30", QUARANTINED, "xlsx_unreadable",
         "the workbook cut to its first half (an interrupted upload)",
         lambda: xlsx_bytes([("report", xlsx_rows())])[:4000]),
    Case("xlsx_corrupt_sheet_data", "xlsx", "30", QUARANTINED, "xlsx_unreadable",
         "the full 207-commune workbook whose worksheet data lost a 512-byte block (zeros) at 70% of its "
         "compressed stream (a bad sector): the zip opens, reading the rows fails",
         xlsx_sheet_stream_damaged),
    Case("xlsx_legacy_xls_renamed", "xlsx", "30", QUARANTINED, "xlsx_unreadable",
         "an old .xls (OLE2 compound file header) renamed to .xlsx",
         lambda: bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)),
    Case("xlsx_empty_workbook", "xlsx", "30", QUARANTINED, "empty_file", "a workbook whose first sheet is empty",
         lambda: xlsx_bytes([("report", [])])),
    Case("xlsx_fractional_cell", "xlsx", "30", QUARANTINED, "participated_is_count",
         "participated is a fractional numeric cell (x.5) in row 3",
         _xlsx_fractional),
    Case("xlsx_formula_without_value", "xlsx", "30", QUARANTINED, "eligible_present",
         "eligible is a formula written by a script and never computed (no cached value) in row 5",
         _xlsx_uncached_formula),
    Case("xlsx_numeric_codes_stripped", "xlsx", "01", ACCEPTED, "",
         "Hà Nội's codes as numeric cells (1, 4, ...), leading zeros lost; restored",
         _xlsx_numeric_codes, _accepted_core("01")),
    Case("xlsx_formatted_cells_right_of_table", "xlsx", "30", ACCEPTED, "",
         "columns F:H filled yellow but empty, header row included; the code ignores them "
         "(contract section 5 says header)",
         lambda: xlsx_bytes([("report", xlsx_rows())], style=format_right_of_table), _accepted_core("30")),
]
BY_ID = {case.case_id: case for case in CASES}


def write_generated(case_id: str, path: Path) -> None:
    """Write a case that is not stored, at the given landing path."""
    if case_id == "csv_too_large":
        with path.open("wb") as handle:
            handle.write(csv_bytes())
            handle.truncate(LARGE_FILE_LIMIT + 1)  # sparse: takes no disk space
    elif case_id == "csv_unbalanced_quote_large":
        rows = table("30")
        rows[2][1] = '"' + rows[2][1]  # an opening quote nobody closes
        lines = [",".join(HEADER + ["section", "citizen_group"])]
        for code, name, *counts in rows:
            lines.append(",".join([code, name, *counts, "", ""]))
        for index in range(6000):  # breakdown rows after it, so the quoted "field" outgrows the limit
            code, _name, *counts = rows[index % len(rows)]
            lines.append(",".join([code, "", "1", "0", "0", f"Chương {index // len(rows) + 1}", "Khác"]))
        data = ("\n".join(lines) + "\n").encode("utf-8")
        assert len(data) > CSV_FIELD_LIMIT
        path.write_bytes(data)
    else:
        raise KeyError(case_id)


def main() -> None:
    for stale in CORPUS_DIR.iterdir():
        if stale.suffix in (".csv", ".json", ".xlsx") and stale.name != "manifest.csv":
            stale.unlink()
    with (CORPUS_DIR / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(MANIFEST_COLUMNS)
        for case in CASES:
            if case.build:
                (CORPUS_DIR / case.file).write_bytes(case.build())
            writer.writerow([case.case_id, case.format, case.file, case.province, DAY.isoformat(), case.outcome,
                             case.rule, case.description])
    print(f"wrote {sum(1 for case in CASES if case.build)} files and manifest.csv ({len(CASES)} cases) in {CORPUS_DIR}")


if __name__ == "__main__":
    main()
