"""Parsing received payloads (JSON, CSV, XLSX) into one typed table of report rows."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import re
import unicodedata
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from vneid_pipeline import parsing
from vneid_pipeline.parsing import ROW_COLUMNS, ContractViolation, ParsedReport, parse_report
from vneid_pipeline.sources import ReceivedReport
from vneid_pipeline.validation import load_suite_definition

CAMPAIGN = "hien-phap-2025"
PROVINCE = "01"
DAY = dt.date(2025, 5, 16)
TZ7 = dt.timezone(dt.timedelta(hours=7))
MTIME = dt.datetime(2025, 5, 16, 7, 30, tzinfo=dt.UTC)
HEADER = "commune_code,commune_name,eligible,participated,agreed"


def received(content_format: str, content: bytes, revision: int | None = 1) -> ReceivedReport:
    source = "http" if content_format == "json" else "files"
    timestamp = None if content_format == "json" else MTIME
    return ReceivedReport(CAMPAIGN, PROVINCE, DAY, source, f"test://{DAY}.{content_format}", content_format,
                          content, timestamp, revision)


def violation_of(content_format: str, content: bytes):
    with pytest.raises(ContractViolation) as caught:
        parse_report(received(content_format, content))
    return caught.value.violation


def suite_regex(rule: str) -> re.Pattern:
    for expectation in load_suite_definition()["expectations"]:
        if expectation["meta"]["rule"] == rule:
            return re.compile(expectation["kwargs"]["regex"])
    raise AssertionError(f"rule {rule} not in the suite")


def records(parsed: ParsedReport) -> list[dict]:
    """Rows as plain dicts with pandas' missing values turned into None."""
    out = []
    for record in parsed.rows.to_dict("records"):
        out.append({key: (None if value is None or (not isinstance(value, str) and pd.isna(value)) else value)
                    for key, value in record.items()})
    return out


# --------------------------------------------------------------------------------------------- JSON


def document(**overrides) -> dict:
    base = {
        "schema_version": 1,
        "campaign_id": CAMPAIGN,
        "province_code": PROVINCE,
        "report_date": DAY.isoformat(),
        "generated_at": "2025-05-16T14:30:00+07:00",
        "revision": 2,
        "province_total": {"eligible": 3000, "participated": 1500, "agreed": 1200},
        "rows": [
            {"commune_code": "00001", "eligible": 1000, "participated": 500, "agreed": 400},
            {"commune_code": "00004", "eligible": 2000, "participated": 1000, "agreed": None},
        ],
    }
    base.update(overrides)
    return base


def as_bytes(doc) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def test_json_valid_report_is_typed():
    parsed = parse_report(received("json", as_bytes(document())))
    assert parsed.campaign_id == CAMPAIGN
    assert parsed.province_code == PROVINCE
    assert parsed.report_date == "2025-05-16"
    assert parsed.revision == 2
    assert parsed.generated_at == dt.datetime(2025, 5, 16, 14, 30, tzinfo=TZ7)
    assert parsed.generated_at.utcoffset() == dt.timedelta(hours=7)
    assert parsed.province_total == {"eligible": 3000, "participated": 1500, "agreed": 1200}
    assert list(parsed.rows.columns) == list(ROW_COLUMNS)
    assert str(parsed.rows["eligible"].dtype) == "Int64"
    rows = records(parsed)
    assert [row["row_number"] for row in rows] == [1, 2]
    assert rows[0]["commune_code"] == "00001"
    assert (rows[0]["eligible"], rows[0]["participated"], rows[0]["agreed"]) == (1000, 500, 400)
    assert (rows[0]["eligible_text"], rows[0]["participated_text"], rows[0]["agreed_text"]) == ("1000", "500", "400")
    # agreed null stays unknown, never 0
    assert rows[1]["agreed"] is None and rows[1]["agreed_text"] is None
    # without dimension fields a row is the commune total
    assert rows[0]["section"] == "" and rows[0]["citizen_group"] == ""


def test_json_absent_agreed_and_province_total_are_unknown():
    doc = document(rows=[{"commune_code": "00001", "eligible": 10, "participated": 5}])
    del doc["province_total"]
    parsed = parse_report(received("json", as_bytes(doc)))
    assert parsed.province_total is None
    assert records(parsed)[0]["agreed"] is None


def test_json_dimension_fields_are_kept_in_nfc():
    nfd_group = unicodedata.normalize("NFD", "Công nhân khu công nghiệp")
    doc = document(rows=[{"commune_code": "00001", "eligible": 10, "participated": 5,
                          "section": " Chương II ", "citizen_group": nfd_group}])
    row = records(parse_report(received("json", as_bytes(doc))))[0]
    assert row["section"] == "Chương II"
    assert row["citizen_group"] == "Công nhân khu công nghiệp"
    assert unicodedata.is_normalized("NFC", row["citizen_group"])


@pytest.mark.parametrize("version", [2, 0, "1", None])
def test_json_other_schema_version_is_rejected(version):
    violation = violation_of("json", as_bytes(document(schema_version=version)))
    assert violation.rule == "schema_version"
    assert repr(version) in violation.message


def test_json_missing_schema_version_is_rejected():
    doc = document()
    del doc["schema_version"]
    assert violation_of("json", as_bytes(doc)).rule == "schema_version"


def test_json_boolean_schema_version_is_rejected():
    assert violation_of("json", as_bytes(document(schema_version=True))).rule == "schema_version"


def test_json_truncated_payload_is_a_syntax_error():
    content = as_bytes(document())
    violation = violation_of("json", content[: len(content) // 2])
    assert violation.rule == "json_syntax"
    assert "line 1" in violation.message


def test_json_non_utf8_payload_is_an_encoding_error():
    text = json.dumps(document(rows=[{"commune_code": "00001", "commune_name": "Đông Hưng",
                                      "eligible": 1, "participated": 1}]), ensure_ascii=False)
    violation = violation_of("json", text.encode("cp1258"))
    assert violation.rule == "encoding"
    assert "UTF-8" in violation.message


def test_json_array_payload_is_a_structure_error():
    violation = violation_of("json", b"[1, 2, 3]")
    assert violation.rule == "json_structure"
    assert "list" in violation.message


@pytest.mark.parametrize("missing", ["campaign_id", "province_code", "report_date", "generated_at", "revision", "rows"])
def test_json_missing_required_field_is_named(missing):
    doc = document()
    del doc[missing]
    violation = violation_of("json", as_bytes(doc))
    assert violation.rule == "json_structure"
    assert missing in violation.message


def test_json_several_missing_fields_are_all_named():
    doc = document()
    del doc["generated_at"], doc["rows"]
    message = violation_of("json", as_bytes(doc)).message
    assert "generated_at" in message and "rows" in message


@pytest.mark.parametrize("field_name,value", [
    ("rows", {"commune_code": "00001"}),
    ("province_total", [3000, 1500]),
])
def test_json_wrongly_shaped_containers_are_rejected(field_name, value):
    assert violation_of("json", as_bytes(document(**{field_name: value}))).rule == "json_structure"


def test_json_row_that_is_not_an_object_is_rejected_with_its_index():
    doc = document(rows=[{"commune_code": "00001", "eligible": 1, "participated": 1}, ["00004", 1, 1]])
    violation = violation_of("json", as_bytes(doc))
    assert violation.rule == "json_structure"
    assert "row 2" in violation.message


@pytest.mark.parametrize("revision", [0, -1, "2", 1.5, True, None])
def test_json_invalid_revision_is_rejected(revision):
    violation = violation_of("json", as_bytes(document(revision=revision)))
    assert violation.rule == "revision"
    assert repr(revision) in violation.message


@pytest.mark.parametrize("generated_at,expected_text", [
    ("2025-05-16T14:30:00", "no UTC offset"),
    ("2025-05-16 14:30", "no UTC offset"),
    ("yesterday afternoon", "not an ISO 8601"),
    (1747380600, "ISO 8601 text"),
])
def test_json_generated_at_must_be_an_offset_timestamp(generated_at, expected_text):
    violation = violation_of("json", as_bytes(document(generated_at=generated_at)))
    assert violation.rule == "generated_at"
    assert expected_text in violation.message


def test_json_generated_at_in_utc_is_the_same_instant():
    parsed = parse_report(received("json", as_bytes(document(generated_at="2025-05-16T07:30:00Z"))))
    assert parsed.generated_at == dt.datetime(2025, 5, 16, 14, 30, tzinfo=TZ7)


def test_json_unknown_row_field_is_named():
    doc = document(rows=[{"commune_code": "00001", "eligible": 1, "participated": 1},
                         {"commune_code": "00004", "eligible": 1, "participated": 1, "disagreed": 0, "note": "x"}])
    violation = violation_of("json", as_bytes(doc))
    assert violation.rule == "unknown_field"
    assert "row 2" in violation.message
    assert "disagreed" in violation.message and "note" in violation.message


def test_json_counts_given_as_strings_keep_their_quotes_and_fail_the_count_rule():
    doc = document(rows=[{"commune_code": "00001", "eligible": "1000", "participated": 500, "agreed": "400"}])
    row = records(parse_report(received("json", as_bytes(doc))))[0]
    assert row["eligible_text"] == '"1000"'
    assert row["agreed_text"] == '"400"'
    assert row["eligible"] is None and row["agreed"] is None
    assert row["participated"] == 500
    assert not suite_regex("eligible_is_count").fullmatch(row["eligible_text"])
    assert not suite_regex("agreed_is_count").fullmatch(row["agreed_text"])


@pytest.mark.parametrize("value,text", [(1000.0, "1000.0"), (12.5, "12.5"), (True, "true"), (-3, "-3")])
def test_json_non_integer_counts_keep_their_json_form(value, text):
    doc = document(rows=[{"commune_code": "00001", "eligible": value, "participated": 0}])
    row = records(parse_report(received("json", as_bytes(doc))))[0]
    assert row["eligible_text"] == text
    assert row["eligible"] is None
    assert not suite_regex("eligible_is_count").fullmatch(text)


@pytest.mark.parametrize("code,expected", [(1234, "01234"), (10507, "10507"), ("507", "00507"), (" 00004 ", "00004")])
def test_json_commune_codes_are_normalised_to_five_digits(code, expected):
    doc = document(rows=[{"commune_code": code, "eligible": 1, "participated": 1}])
    assert records(parse_report(received("json", as_bytes(doc))))[0]["commune_code"] == expected


def test_json_empty_payload_is_empty_file():
    assert violation_of("json", b"").rule == "empty_file"


# ---------------------------------------------------------------------------------------------- CSV


def csv_bytes(*lines: str, bom: bool = False, newline: str = "\n") -> bytes:
    text = newline.join(lines) + newline
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


@pytest.mark.parametrize("bom", [True, False])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_csv_utf8_with_or_without_bom(bom, newline):
    content = csv_bytes(HEADER, "00001,Phường Phúc Xá,1000,500,400", "00004,Phường Trúc Bạch,2000,1000,",
                        bom=bom, newline=newline)
    parsed = parse_report(received("csv", content, revision=3))
    rows = records(parsed)
    assert [row["commune_code"] for row in rows] == ["00001", "00004"]
    assert rows[0]["commune_name"] == "Phường Phúc Xá"
    assert (rows[0]["eligible"], rows[0]["participated"], rows[0]["agreed"]) == (1000, 500, 400)
    assert rows[1]["agreed"] is None and rows[1]["agreed_text"] is None
    # file payloads take their identity from the landing path and the file's mtime
    assert (parsed.campaign_id, parsed.province_code, parsed.report_date) == (CAMPAIGN, PROVINCE, "2025-05-16")
    assert parsed.revision == 3
    assert parsed.generated_at == MTIME
    assert parsed.province_total is None


def test_csv_quoted_names_may_contain_commas():
    rows = records(parse_report(received("csv", csv_bytes(HEADER, '00001,"Xã A, huyện B",10,5,5'))))
    assert rows[0]["commune_name"] == "Xã A, huyện B"
    assert rows[0]["eligible"] == 10


@pytest.mark.parametrize("encoding", ["cp1258", "utf-16"])
def test_csv_not_in_utf8_is_an_encoding_violation(encoding):
    text = f"{HEADER}\n00001,Đông Hưng,10,5,5\n"
    violation = violation_of("csv", text.encode(encoding))
    assert violation.rule == "encoding"
    assert "CSV UTF-8" in violation.message


@pytest.mark.parametrize("header,named", [
    ("commune_code,commune_name,eligible,participated", ["missing", "agreed"]),
    (HEADER + ",note", ["unknown", "'note'"]),
    ("ma_xa,commune_name,eligible,participated,agreed", ["missing", "commune_code", "unknown", "'ma_xa'"]),
    ("commune_code,commune_name,eligible,participated,agreed,eligible", ["duplicated", "eligible"]),
    ("commune_code;commune_name;eligible;participated;agreed", ["missing", "commune_code", "agreed"]),
])
def test_csv_header_errors_name_the_columns(header, named):
    violation = violation_of("csv", csv_bytes(header, "00001,A,1,1,1"))
    assert violation.rule == "header"
    for text in named:
        assert text in violation.message


def test_csv_header_is_case_and_space_insensitive():
    header = " Commune_Code ,COMMUNE_NAME,Eligible,participated , agreed"
    rows = records(parse_report(received("csv", csv_bytes(header, "00001,A,10,5,5"))))
    assert rows[0]["commune_code"] == "00001" and rows[0]["eligible"] == 10


def test_csv_blank_lines_are_skipped_and_row_numbers_follow_the_file():
    content = csv_bytes(HEADER, "00001,A,10,5,5", "", "00004,B,20,10,5", ",,,,", "00006,C,30,15,5", "")
    rows = records(parse_report(received("csv", content)))
    assert [row["commune_code"] for row in rows] == ["00001", "00004", "00006"]
    # numbers count data lines of the file, so a province can find the row it is told about
    assert [row["row_number"] for row in rows] == [1, 3, 5]


def test_csv_optional_dimension_columns():
    header = HEADER + ",section,citizen_group"
    nfd = unicodedata.normalize("NFD", "Cán bộ, công chức")
    content = csv_bytes(header, f'00001,A,10,5,5,Chương I,"{nfd}"', "00001,A,10,5,5,Chương II,")
    rows = records(parse_report(received("csv", content)))
    assert [(row["section"], row["citizen_group"]) for row in rows] == [
        ("Chương I", "Cán bộ, công chức"), ("Chương II", "")]
    assert unicodedata.is_normalized("NFC", rows[0]["citizen_group"])


def test_csv_only_one_optional_column():
    rows = records(parse_report(received("csv", csv_bytes(HEADER + ",citizen_group", "00001,A,10,5,5,Sinh viên"))))
    assert rows[0]["citizen_group"] == "Sinh viên"
    assert rows[0]["section"] == ""


@pytest.mark.parametrize("code,expected", [
    ("507", "00507"), ("1", "00001"), ("4", "00004"), ("10507", "10507"), (" 507 ", "00507"), ("123456", "123456"),
])
def test_csv_leading_zeros_stripped_by_excel_are_restored(code, expected):
    rows = records(parse_report(received("csv", csv_bytes(HEADER, f"{code},A,10,5,5"))))
    assert rows[0]["commune_code"] == expected


def test_csv_nfd_names_are_normalised_to_nfc():
    name = "Phường Hoàn Kiếm"
    nfd = unicodedata.normalize("NFD", name)
    assert nfd != name
    rows = records(parse_report(received("csv", csv_bytes(HEADER, f"00070,{nfd},10,5,5"))))
    assert rows[0]["commune_name"] == name


def test_csv_counts_keep_their_text_for_validation():
    rows = records(parse_report(received("csv", csv_bytes(HEADER, "00001,A,-5,3.5,abc"))))
    row = rows[0]
    assert (row["eligible_text"], row["participated_text"], row["agreed_text"]) == ("-5", "3.5", "abc")
    assert row["eligible"] is None and row["participated"] is None and row["agreed"] is None


@pytest.mark.parametrize("line,fields", [("00004,B,20,10", 4), ("00004,B,20,10,5,extra", 6)])
def test_csv_row_with_wrong_field_count_is_row_shape(line, fields):
    violation = violation_of("csv", csv_bytes(HEADER, "00001,A,10,5,5", line))
    assert violation.rule == "row_shape"
    assert "data row 2" in violation.message
    assert f"{fields} fields" in violation.message


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n\n", b"\xef\xbb\xbf \r\n"])
def test_csv_empty_file(content):
    assert violation_of("csv", content).rule == "empty_file"


def test_csv_header_only_gives_no_rows():
    parsed = parse_report(received("csv", csv_bytes(HEADER)))
    assert len(parsed.rows) == 0
    assert list(parsed.rows.columns) == list(ROW_COLUMNS)


# --------------------------------------------------------------------------------------------- XLSX


def xlsx_bytes(*rows, extra_sheet: list | None = None, prepare=None) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    if prepare:
        prepare(sheet)
    if extra_sheet is not None:
        other = workbook.create_sheet("other")
        for row in extra_sheet:
            other.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


XLSX_HEADER = HEADER.split(",")


def test_xlsx_numbers_become_contract_text():
    content = xlsx_bytes(XLSX_HEADER, [507, "Xã A", 1200.0, 600, None], [10507, "Xã B", 12.5, 1, 1],
                         ["00004", "Xã C", "300", "100", "50"])
    parsed = parse_report(received("xlsx", content, revision=2))
    rows = records(parsed)
    assert [row["commune_code"] for row in rows] == ["00507", "10507", "00004"]
    assert rows[0]["eligible_text"] == "1200" and rows[0]["eligible"] == 1200
    assert rows[0]["participated_text"] == "600"
    assert rows[0]["agreed_text"] is None and rows[0]["agreed"] is None
    assert rows[1]["eligible_text"] == "12.5" and rows[1]["eligible"] is None
    assert rows[2]["eligible"] == 300
    assert parsed.revision == 2 and parsed.generated_at == MTIME


def test_xlsx_blank_rows_skipped_and_names_normalised():
    nfd = unicodedata.normalize("NFD", "Phường Cửa Nam")
    content = xlsx_bytes(XLSX_HEADER, [1, nfd, 10, 5, 5], [None, None, None, None, None], [4, "B", 20, 10, 5])
    rows = records(parse_report(received("xlsx", content)))
    assert [row["commune_code"] for row in rows] == ["00001", "00004"]
    assert [row["row_number"] for row in rows] == [1, 3]
    assert rows[0]["commune_name"] == "Phường Cửa Nam"


def test_xlsx_optional_columns_and_header_case():
    content = xlsx_bytes(["Commune_Code", "commune_name", "ELIGIBLE", "participated", "agreed", "Section"],
                         [1, "A", 10, 5, 5, "Chương III"])
    row = records(parse_report(received("xlsx", content)))[0]
    assert row["section"] == "Chương III" and row["citizen_group"] == ""


def test_xlsx_only_the_first_sheet_is_read():
    content = xlsx_bytes(XLSX_HEADER, [1, "A", 10, 5, 5],
                         extra_sheet=[XLSX_HEADER, [4, "B", 20, 10, 5], [6, "C", 30, 10, 5]])
    rows = records(parse_report(received("xlsx", content)))
    assert [row["commune_code"] for row in rows] == ["00001"]


@pytest.mark.parametrize("header,named", [
    (["commune_code", "commune_name", "eligible", "participated"], ["missing", "agreed"]),
    (["ma_xa", "ten_xa", "eligible", "participated", "agreed"],
     ["'ma_xa'", "'ten_xa'", "commune_code", "commune_name"]),
    (XLSX_HEADER + ["participated"], ["duplicated", "participated"]),
])
def test_xlsx_header_errors(header, named):
    violation = violation_of("xlsx", xlsx_bytes(header, [1, "A", 10, 5, 5]))
    assert violation.rule == "header"
    assert violation.message.startswith("XLSX header")
    for text in named:
        assert text in violation.message


def test_xlsx_row_with_extra_cell_is_row_shape():
    violation = violation_of("xlsx", xlsx_bytes(XLSX_HEADER, [1, "A", 10, 5, 5], [4, "B", 20, 10, 5, "ghi chú"]))
    assert violation.rule == "row_shape"
    assert "data row 2" in violation.message


@pytest.mark.parametrize("content", [b"PK\x03\x04 not really a zip", b"\x00\x01\x02garbage",
                                     (HEADER + "\n00001,A,1,1,1\n").encode()])
def test_xlsx_corrupt_bytes_are_unreadable(content):
    violation = violation_of("xlsx", content)
    assert violation.rule == "xlsx_unreadable"


def test_xlsx_empty_first_sheet_is_empty_file():
    assert violation_of("xlsx", xlsx_bytes()).rule == "empty_file"


def test_xlsx_formatting_right_of_the_table_is_not_a_header_error():
    def format_column_h(sheet):
        sheet["H1"].font = openpyxl.styles.Font(bold=True)

    content = xlsx_bytes(XLSX_HEADER, [1, "A", 10, 5, 5], prepare=format_column_h)
    rows = records(parse_report(received("xlsx", content)))
    assert [row["commune_code"] for row in rows] == ["00001"]


# ------------------------------------------------------------------- CSV: fast path against careful path

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
BREAKDOWN_HEADER = HEADER + ",section,citizen_group"


def both_paths(content: bytes):
    """What `parse_csv` gives (the fast path, or the careful one it falls back to) and what the careful path
    alone gives: a frame, or the violation raised."""
    results = []
    for parse in (lambda: parsing.parse_csv(received("csv", content)),
                  lambda: parsing._careful_csv_frame(parsing._csv_text(content))):
        try:
            results.append(parse())
        except ContractViolation as error:
            results.append(error.violation)
    return results


def assert_same_result(content: bytes) -> None:
    chosen, careful = both_paths(content)
    if isinstance(careful, pd.DataFrame):
        assert isinstance(chosen, pd.DataFrame), chosen
        pd.testing.assert_frame_equal(chosen, careful)
    else:
        assert chosen == careful


def fast_frame(content: bytes) -> pd.DataFrame | None:
    text = parsing._csv_text(content)
    header = parsing._first_record(text)
    return parsing._fast_csv_frame(content, header, parsing._header_columns(header, "CSV"))


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.csv")), ids=lambda path: path.stem)
def test_csv_fast_and_careful_paths_agree_on_the_corpus(path):
    assert_same_result(path.read_bytes())


@pytest.mark.parametrize("breakdown", [False, True])
def test_csv_fast_path_reads_simulator_files_as_the_careful_path_does(tmp_path, breakdown):
    from vneid_pipeline.simulator import FeedSimulator, write_landing

    paths = write_landing(FeedSimulator(CAMPAIGN, breakdown=breakdown), tmp_path, [DAY], province_codes=["01", "30", "79"])
    assert paths
    for path in paths:
        content = path.read_bytes()
        assert fast_frame(content) is not None, path
        assert_same_result(content)


def test_csv_fast_path_reads_benchmark_breakdown_reports_as_the_careful_path_does(tmp_path):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    import datagen

    communes = [(f"{n:05d}", name) for n, name in enumerate(["Phường Phúc Xá", "Xã A, huyện B", 'Xã "Mới"'], start=1)]
    report = datagen.write_report(communes, PROVINCE, 3_000, 7, tmp_path / "report.csv")
    content = report.report_csv.read_bytes()
    frame = fast_frame(content)
    assert frame is not None and len(frame) == 3_000
    assert_same_result(content)


EDGE_CASES = {
    "plain": [HEADER, "00001,A,10,5,5", "4,B,20,10,"],
    "quoted commas, quotes and a newline": [BREAKDOWN_HEADER, '00001,"Xã A, huyện B",10,5,5,"Chương ""I""","a\nb"'],
    "crlf": [HEADER, "00001,A,10,5,5\r", "00004,B,20,10,5\r"],
    "lone cr": [HEADER + "\r00001,A,10,5,5\r00004,B,20,10,5"],
    "blank line": [HEADER, "00001,A,10,5,5", "", "00004,B,20,10,5"],
    "blank line at the end": [HEADER, "00001,A,10,5,5", "", ""],
    "comma-only row": [HEADER, "00001,A,10,5,5", ",,,,", "00004,B,20,10,5"],
    "whitespace-only code": [HEADER, "   ,A,10,5,5"],
    "subtotal without code": [HEADER, "00001,A,10,5,5", ",Tổng,10,5,5"],
    "short row": [HEADER, "00001,A,10,5"],
    "long row": [HEADER, "00001,A,10,5,5,6"],
    "trailing empty cell": [HEADER, "00001,A,10,5,5,"],
    "trailing empty header column": [HEADER + ",", "00001,A,10,5,5,"],
    "unterminated quote": [HEADER, '00001,"A,10,5,5'],
    "quote inside a field": [HEADER, '00001,A"b,10,5,5', '00004,"B"x,20,10,5'],
    "padded and odd whitespace": [HEADER, " 1 ,\u00a0A\u00a0,\t10 ,5\u3000, 5", "\x1c00004\x1d,B,20,10,5"],
    "nfd labels": [BREAKDOWN_HEADER, "00001,A,10,5,5," + unicodedata.normalize("NFD", "Chương Một") + ","],
    "counts not counts": [HEADER, "00001,A,-5,3.5,abc", "00004,B,1.000,１２,12345678901", "00006,C,٣,0010,"],
    "codes": [HEADER, "507,A,1,1,1", "123456,B,1,1,1", "0,C,1,1,1", "12a,D,1,1,1"],
    "header only": [HEADER],
    "header in another case and order": [" Agreed ,Commune_Code,ELIGIBLE,participated,commune_name", "1,00001,3,2,A"],
    "duplicate header": [HEADER + ",eligible", "00001,A,10,5,5,5"],
    "semicolons": [HEADER.replace(",", ";"), "00001;A;10;5;5"],
}


@pytest.mark.parametrize("lines", EDGE_CASES.values(), ids=EDGE_CASES.keys())
@pytest.mark.parametrize("bom", [False, True])
def test_csv_fast_and_careful_paths_agree_on_edge_cases(lines, bom):
    assert_same_result(csv_bytes(*lines, bom=bom))


def test_csv_fast_path_leaves_odd_files_to_the_careful_path():
    assert fast_frame(csv_bytes(HEADER, "00001,A,10,5,5")) is not None
    for name in ("blank line", "comma-only row", "subtotal without code", "short row", "long row", "unterminated quote"):
        assert fast_frame(csv_bytes(*EDGE_CASES[name])) is None, name
    huge = "x" * (csv.field_size_limit() + 1)
    assert fast_frame(csv_bytes(HEADER, f"00001,{huge},10,5,5")) is None
    assert violation_of("csv", csv_bytes(HEADER, f"00001,{huge},10,5,5")).rule == "row_shape"


def test_csv_header_longer_than_the_prefix_is_read_whole():
    header = HEADER + "," + " " * (parsing.HEADER_PREFIX_CHARS + 10) + "section"
    rows = records(parse_report(received("csv", csv_bytes(header, "00001,A,10,5,5,Chương I"))))
    assert rows[0]["section"] == "Chương I"


def test_csv_fast_and_careful_paths_agree_on_random_damage():
    """Seeded random edits of a sound breakdown file (quotes, separators, line ends, spaces, digits,
    letters, NUL-free) must never make the two paths disagree."""
    rng = random.Random(20251125)
    base = csv_bytes(BREAKDOWN_HEADER, "00001,Phường Phúc Xá,1000,500,400,,", '00001,Phường Phúc Xá,600,300,200,Chương I,"Cán bộ, công chức"',
                     "00004,Xã B,20,10,5,,", "4,Xã B,20,10,,Chương I,").decode("utf-8")
    alphabet = ['"', ",", "\n", "\r", "\r\n", " ", "\u00a0", "\t", "0", "7", "x", "-", ".", "ệ", "e\u0302", "\x1c", ""]
    for _ in range(150):
        text = list(base)
        for _ in range(rng.randint(1, 4)):
            position = rng.randrange(len(text))
            if rng.random() < 0.3:
                del text[position]
            else:
                text.insert(position, rng.choice(alphabet))
        assert_same_result("".join(text).encode("utf-8"))


def test_counts_are_typed_alike_one_by_one_and_vectorised():
    import pandas as pd

    from vneid_pipeline.parsing import _typed_one_by_one, _typed_vectorised

    texts = pd.Series(["0", "0012", "9999999999", "10000000000", "-1", "1.0", "1e3", " 5", "5 ", "5\n", "", None,
                       "١٢", "１２", '"12"', "true", "12abc", "4294967296", float("nan"), "007"] * 3, dtype="object")
    one_by_one, vectorised = _typed_one_by_one(texts), _typed_vectorised(texts)
    assert str(one_by_one.dtype) == str(vectorised.dtype) == "Int64"
    assert one_by_one.equals(vectorised)
    assert one_by_one.tolist()[:4] == [0, 12, 9999999999, pd.NA]
