"""Turning a received payload (JSON, CSV or XLSX) into one typed table of report rows.

Parsing is lenient about form and strict about meaning: every value keeps its original text
beside its typed value, so validation can name the exact value that breaks a rule.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from vneid_pipeline.sources import ReceivedReport

SCHEMA_VERSION = 1
COUNT_COLUMNS = ("eligible", "participated", "agreed")
REQUIRED_FILE_COLUMNS = ("commune_code", "commune_name", "eligible", "participated", "agreed")
OPTIONAL_COLUMNS = ("section", "citizen_group")
COUNT_TEXT = re.compile(r"^[0-9]{1,10}$")
STRIPPED_CODE = re.compile(r"^[0-9]{1,4}$")
HEADER_PREFIX_CHARS = 65_536  # the header is read from this much of a CSV; longer headers take the careful path
ROW_COLUMNS = (
    "row_number", "commune_code", "commune_name", "section", "citizen_group",
    "eligible_text", "participated_text", "agreed_text", "eligible", "participated", "agreed",
)


@dataclass(frozen=True)
class Violation:
    rule: str
    message: str
    row_number: int | None = None
    commune_code: str | None = None
    column_name: str | None = None
    value: str | None = None


class ContractViolation(ValueError):
    """The payload cannot be read as a report at all (encoding, structure, header, schema version)."""

    def __init__(self, rule: str, message: str):
        super().__init__(f"{rule}: {message}")
        self.violation = Violation(rule=rule, message=message)


@dataclass
class ParsedReport:
    campaign_id: str | None
    province_code: str | None
    report_date: str | None
    generated_at: dt.datetime | None
    revision: int | None
    province_total: dict | None
    rows: pd.DataFrame = field(repr=False)


def normalise_code(value: str | None, width: int = 5) -> str | None:
    """Codes are zero-padded text; restore the leading zeros that spreadsheets drop."""
    if value is None:
        return None
    text = unicodedata.normalize("NFC", value).strip()
    if STRIPPED_CODE.match(text):
        return text.zfill(width)
    return text


def _count_text(value) -> str | None:
    """The original token of a count, as text; JSON strings keep their quotes so they fail the type rule."""
    if value is None:
        return None
    if isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)


def _json_code_text(code) -> str | None:
    """A code as text: strings as sent, integers (spreadsheet exports) as digits, anything else as JSON."""
    if isinstance(code, str):
        return code
    if isinstance(code, int) and not isinstance(code, bool):
        return str(code)
    return _count_text(code)


VECTORISED_TYPING_ROWS = 10_000


def _typed(texts: pd.Series) -> pd.Series:
    """A count column typed from its texts: the integer where the text is a count, NA elsewhere.

    A few hundred rows are typed one by one in Python: pandas' string methods cost more to set up
    (about 1.5 ms a column) than the work itself. Larger columns go through pyarrow's vectorised
    regex. Both read the texts with COUNT_TEXT and give the same column (tested)."""
    if len(texts) < VECTORISED_TYPING_ROWS:
        return _typed_one_by_one(texts)
    return _typed_vectorised(texts)


def _typed_one_by_one(texts: pd.Series) -> pd.Series:
    values = [int(text) if isinstance(text, str) and COUNT_TEXT.fullmatch(text) else None for text in texts.tolist()]
    return pd.Series(pd.array(values, dtype="Int64"), index=texts.index)


def _typed_vectorised(texts: pd.Series) -> pd.Series:
    texts = texts.astype("string")
    matches = texts.fillna("").str.fullmatch(COUNT_TEXT)
    values = pd.Series(pd.NA, index=texts.index, dtype="Int64")
    if matches.any():
        values[matches] = texts[matches].astype("int64")
    return values


def _frame(records: list[dict]) -> pd.DataFrame:
    return _typed_frame(pd.DataFrame.from_records(records, columns=[c for c in ROW_COLUMNS if c not in COUNT_COLUMNS]))


def _typed_frame(frame: pd.DataFrame) -> pd.DataFrame:
    for column in ("commune_code", "commune_name", "section", "citizen_group",
                   "eligible_text", "participated_text", "agreed_text"):
        frame[column] = frame[column].astype("object")
    for column in COUNT_COLUMNS:
        frame[column] = _typed(frame[f"{column}_text"])
    frame["row_number"] = frame["row_number"].astype("int64")
    return frame[list(ROW_COLUMNS)]


def _dimension(value) -> str:
    if value is None:
        return ""
    return unicodedata.normalize("NFC", str(value)).strip()


def parse_json(received: ReceivedReport) -> ParsedReport:
    try:
        document = json.loads(received.content.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ContractViolation("encoding", f"payload is not UTF-8 ({error.reason} at byte {error.start})") from None
    except json.JSONDecodeError as error:
        raise ContractViolation("json_syntax", f"payload is not valid JSON: {error.msg} at line {error.lineno} column {error.colno}") from None
    try:
        canonical = json.dumps(document, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as error:
        raise ContractViolation("encoding", f"payload holds a character that is not valid Unicode ({error.reason})") from None
    if b"\x00" in canonical or b"\\u0000" in canonical:
        raise ContractViolation("encoding", "payload holds a NUL character")
    if not isinstance(document, dict):
        raise ContractViolation("json_structure", f"payload must be a JSON object, not {type(document).__name__}")
    version = document.get("schema_version")
    if type(version) is not int or version != SCHEMA_VERSION:
        raise ContractViolation(
            "schema_version", f"schema_version {document.get('schema_version')!r} is not supported (expected 1)"
        )
    missing = [key for key in ("campaign_id", "province_code", "report_date", "generated_at", "revision", "rows") if key not in document]
    if missing:
        raise ContractViolation("json_structure", f"payload lacks required field(s): {', '.join(missing)}")
    rows = document["rows"]
    if not isinstance(rows, list):
        raise ContractViolation("json_structure", "rows must be a list")
    revision = document["revision"]
    if not isinstance(revision, int) or isinstance(revision, bool) or revision < 1:
        raise ContractViolation("revision", f"revision must be a positive integer, not {revision!r}")
    generated_at = _parse_timestamp(document["generated_at"])
    total = document.get("province_total")
    if total is not None and not isinstance(total, dict):
        raise ContractViolation("json_structure", "province_total must be an object")
    records = []
    for index, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise ContractViolation("json_structure", f"row {index} is not an object")
        unknown = sorted(set(row) - {"commune_code", "commune_name", *COUNT_COLUMNS, *OPTIONAL_COLUMNS})
        if unknown:
            raise ContractViolation("unknown_field", f"row {index} has unknown field(s): {', '.join(unknown)}")
        code = row.get("commune_code")
        records.append({
            "row_number": index,
            "commune_code": normalise_code(_json_code_text(code)),
            "commune_name": row.get("commune_name"),
            "section": _dimension(row.get("section")),
            "citizen_group": _dimension(row.get("citizen_group")),
            **{f"{column}_text": _count_text(row.get(column)) for column in COUNT_COLUMNS},
        })
    return ParsedReport(
        campaign_id=str(document["campaign_id"]),
        province_code=str(document["province_code"]),
        report_date=str(document["report_date"]),
        generated_at=generated_at,
        revision=revision,
        province_total=total,
        rows=_frame(records),
    )


def _parse_timestamp(value) -> dt.datetime:
    if not isinstance(value, str):
        raise ContractViolation("generated_at", f"generated_at must be an ISO 8601 text, not {value!r}")
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise ContractViolation("generated_at", f"generated_at {value!r} is not an ISO 8601 timestamp") from None
    if parsed.tzinfo is None:
        raise ContractViolation("generated_at", f"generated_at {value!r} has no UTC offset")
    return parsed


def _header_columns(header: list, source_name: str) -> list[str]:
    columns = [unicodedata.normalize("NFC", str(name or "")).strip().lower() for name in header]
    while columns and columns[-1] == "":  # spreadsheets pad rows to the widest formatted column
        columns.pop()
    missing = [name for name in REQUIRED_FILE_COLUMNS if name not in columns]
    unknown = [name for name in columns if name not in REQUIRED_FILE_COLUMNS + OPTIONAL_COLUMNS]
    duplicated = sorted({name for name in columns if columns.count(name) > 1})
    if missing or unknown or duplicated:
        problems = []
        if missing:
            problems.append(f"missing column(s) {', '.join(missing)}")
        if unknown:
            problems.append(f"unknown column(s) {', '.join(repr(name) for name in unknown)}")
        if duplicated:
            problems.append(f"duplicated column(s) {', '.join(duplicated)}")
        raise ContractViolation(
            "header", f"{source_name} header does not match the contract: {'; '.join(problems)} "
            f"(expected {','.join(REQUIRED_FILE_COLUMNS)}[,section][,citizen_group])"
        )
    return columns


def _table_rows(columns: list[str], body) -> tuple[list[int], list[list]]:
    """The data rows cut to the header's width, with their 1-based numbers; blank rows are skipped."""
    width = len(columns)
    numbers, rows = [], []
    for index, cells in enumerate(body, start=1):
        # A row of the header's width whose first cell (the commune code) holds text is neither blank
        # nor misshapen: the common case skips the per-cell checks below.
        if len(cells) != width or not (cells[0] and str(cells[0]).strip()):
            if all(cell is None or str(cell).strip() == "" for cell in cells):
                continue
            extra = cells[width:]
            if len(cells) < width or any(cell is not None and str(cell).strip() != "" for cell in extra):
                raise ContractViolation(
                    "row_shape", f"data row {index} has {len(cells)} fields where the header has {width}"
                )
            cells = cells[:width]
        numbers.append(index)
        rows.append(cells)
    return numbers, rows


def _clean_text(series: pd.Series) -> pd.Series:
    """Trimmed NFC text, None for empty cells; NFC is applied once per distinct non-ASCII value."""
    text = series.fillna("").astype("object").map(str).str.strip()
    non_ascii = ~text.str.isascii()
    if non_ascii.any():
        mapping = {value: unicodedata.normalize("NFC", value).strip() for value in pd.unique(text[non_ascii])}
        text = text.where(~non_ascii, text[non_ascii].map(mapping))
    return text.where(text != "", None)


def _table_frame(columns: list[str], numbers: list[int], rows: list[list]) -> pd.DataFrame:
    raw = pd.DataFrame(rows, columns=columns, dtype="object")
    codes = _clean_text(raw["commune_code"])
    stripped_zeros = codes.fillna("").str.fullmatch(STRIPPED_CODE.pattern)
    frame = pd.DataFrame({
        "row_number": numbers,
        "commune_code": codes.where(~stripped_zeros, codes.str.zfill(5)),
        "commune_name": _clean_text(raw["commune_name"]),
        "section": _clean_text(raw["section"]).fillna("") if "section" in raw else "",
        "citizen_group": _clean_text(raw["citizen_group"]).fillna("") if "citizen_group" in raw else "",
        **{f"{column}_text": _clean_text(raw[column]) for column in COUNT_COLUMNS},
    })
    return _typed_frame(frame)


def _cell_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = unicodedata.normalize("NFC", str(value)).strip()
    return text or None


def _csv_text(content: bytes) -> str:
    """The file as text, or the contract rule it breaks before any row is read."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ContractViolation(
            "encoding", f"CSV is not UTF-8 ({error.reason} at byte {error.start}); save it as 'CSV UTF-8'"
        ) from None
    if not text or text.isspace():
        raise ContractViolation("empty_file", "the CSV file is empty")
    if "\x00" in text:
        line = text[:text.index("\x00")].count("\n") + 1
        raise ContractViolation("encoding", f"the CSV file holds a NUL character (line {line})")
    return text


def _first_record(text: str) -> list[str] | None:
    """The header row read from the start of the text alone; None when it may not end there."""
    reader = csv.reader(io.StringIO(text[:HEADER_PREFIX_CHARS], newline=""))
    try:
        header, following = next(reader, None), next(reader, None)
    except csv.Error:
        return None
    return header if following is not None or len(text) <= HEADER_PREFIX_CHARS else None


def _clean_cell(value: str) -> str | None:
    """The same as `_clean_text` for one value: trimmed NFC text, None when empty."""
    text = value.strip()
    if not text.isascii():
        text = unicodedata.normalize("NFC", text).strip()
    return text or None


def _fast_csv_frame(content: bytes, header: list[str], columns: list[str]) -> pd.DataFrame | None:
    """The rows of a plainly shaped CSV file, read by pyarrow's C++ reader and cleaned once per
    distinct value; None when the file needs the careful path of `_table_rows`/`_table_frame`.

    The careful path reads every cell through `csv.reader` and Python string methods (about 9 s
    and 1.4 GiB for a million rows). This path gives the same frame when every row has the header's
    width and a commune code, which is what a sound file looks like: pyarrow refuses rows of another
    width, and a blank line or a subtotal row without a code sends the file to the careful path, which
    skips blank rows, keeps row numbers counting them, and words the row_shape violation. Each
    column is dictionary-encoded, the Python cleaning (strip, NFC, zero-padding, count typing) runs
    over its distinct values only, and the cells of the frame share their cleaned string objects.
    """
    names = [f"c{index}" for index in range(len(header))]
    try:
        table = pacsv.read_csv(
            io.BytesIO(content),
            read_options=pacsv.ReadOptions(column_names=names),
            parse_options=pacsv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(names, pa.string()),
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False),
        )
    except (pa.ArrowException, ValueError):
        return None
    if table.num_rows == 0 or [table[name][0].as_py() for name in names] != header:
        return None
    table = table.slice(1)
    field_limit = csv.field_size_limit()
    distinct: dict[str, tuple[list[str], np.ndarray]] = {}
    for column, name in zip(columns, names):
        encoded = table[name].combine_chunks().dictionary_encode()
        values = encoded.dictionary.to_pylist()
        if any(len(value) > field_limit for value in values):  # csv.reader refuses such a field
            return None
        distinct[column] = (values, encoded.indices.to_numpy(zero_copy_only=False))
    del table
    codes, code_index = distinct["commune_code"]
    if any(not code.strip() for code in codes):  # blank rows and subtotal rows: the careful path words them
        return None

    def cells(cleaned: list, index: np.ndarray) -> pd.Series:
        """One cell per row, sharing the cleaned values; missing is NaN, as `_clean_text` leaves it."""
        values = np.array([np.nan if value is None else value for value in cleaned] or [np.nan], dtype=object)
        return pd.Series(values[index], dtype=object)

    def cleaned_codes(values: list[str]) -> list[str | None]:
        out = []
        for value in values:
            text = _clean_cell(value)
            out.append(text.zfill(5) if text is not None and STRIPPED_CODE.fullmatch(text) else text)
        return out

    frame = {
        "row_number": pd.Series(np.arange(1, len(code_index) + 1, dtype="int64")),
        "commune_code": cells(cleaned_codes(codes), code_index),
        "commune_name": cells([_clean_cell(value) for value in distinct["commune_name"][0]],
                              distinct["commune_name"][1]),
    }
    for column in OPTIONAL_COLUMNS:
        if column in distinct:
            values, index = distinct[column]
            frame[column] = cells([_clean_cell(value) or "" for value in values], index)
        else:
            frame[column] = pd.Series([""] * len(code_index), dtype=object)
    typed = {}
    for column in COUNT_COLUMNS:
        values, index = distinct[column]
        texts = [_clean_cell(value) for value in values]
        matched = np.array([text is not None and COUNT_TEXT.fullmatch(text) is not None for text in texts], dtype=bool)
        numbers = np.array([int(text) if ok else 0 for text, ok in zip(texts, matched)], dtype="int64")
        frame[f"{column}_text"] = cells(texts, index)
        typed[column] = pd.Series(pd.arrays.IntegerArray(numbers[index], ~matched[index]) if len(values)
                                  else pd.array([], dtype="Int64"))
    frame.update(typed)
    del distinct, code_index, typed
    # mimalloc keeps what the reader freed (about 140 MiB per million rows) unless asked to give it back.
    pa.default_memory_pool().release_unused()
    return pd.DataFrame(frame)[list(ROW_COLUMNS)]


def parse_csv(received: ReceivedReport) -> pd.DataFrame:
    text = _csv_text(received.content)
    header = _first_record(text)
    if header is not None:
        columns = _header_columns(header, "CSV")
        if len(columns) == len(header):
            del text  # the fast path reads the bytes; the text is decoded again only for the careful path
            frame = _fast_csv_frame(received.content, header, columns)
            if frame is not None:
                return frame
            text = _csv_text(received.content)
    return _careful_csv_frame(text)


def _careful_csv_frame(text: str) -> pd.DataFrame:
    """Every cell through `csv.reader`: blank rows skipped, row_shape explained, any quirk of form."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        columns = _header_columns(next(reader), "CSV")
        return _table_frame(columns, *_table_rows(columns, reader))
    except csv.Error as error:
        raise ContractViolation("row_shape", f"the CSV cannot be read near line {reader.line_num}: {error}") from None


def parse_xlsx(received: ReceivedReport) -> pd.DataFrame:
    import openpyxl  # imported here: only file feeds need it

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(received.content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many unrelated types for a broken workbook
        raise ContractViolation("xlsx_unreadable", f"the XLSX file cannot be opened: {type(error).__name__}: {error}") from None
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise ContractViolation("empty_file", "the first sheet of the XLSX file is empty")
        columns = _header_columns(list(header), "XLSX")
        return _table_frame(columns, *_table_rows(columns, ([_cell_text(cell) for cell in row] for row in rows)))
    except ContractViolation:
        raise
    except Exception as error:  # read-only workbooks decompress and parse while rows are read
        raise ContractViolation("xlsx_unreadable", f"the XLSX sheet cannot be read: {type(error).__name__}: {error}") from None
    finally:
        workbook.close()


def parse_report(received: ReceivedReport) -> ParsedReport:
    if not received.content:
        raise ContractViolation("empty_file", f"{received.source_uri} is empty")
    if received.content_format == "json":
        return parse_json(received)
    rows = parse_csv(received) if received.content_format == "csv" else parse_xlsx(received)
    return ParsedReport(
        campaign_id=received.campaign_id,
        province_code=received.province_code,
        report_date=received.report_date.isoformat(),
        generated_at=received.source_timestamp,
        revision=received.revision_from_name,
        province_total=None,
        rows=rows,
    )
