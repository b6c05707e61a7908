"""The simulator's file feed: CSV / XLSX landing files as provinces drop them (design: "Province feed as files").

`{landing_root}/{campaign_id}/{province_code}/{report_date}.csv` (UTF-8 with a BOM, as Excel
writes it) or `.xlsx` (first sheet, header in the first row, codes as text cells). Each file's
modification time is set to the report's `generated_at`, since the pipeline judges lateness by it.
A simulator with the breakdown adds the columns `section,citizen_group` after `agreed` (empty cells
on the blank dimension); its CSV files are streamed row by row, never held whole in memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from vneid_pipeline.files import write_atomically
from vneid_pipeline.simulator.model import FeedSimulator, _as_date, stable_rng

HEADER = ("commune_code", "commune_name", "eligible", "participated", "agreed")
BREAKDOWN_HEADER = (*HEADER, "section", "citizen_group")
MALFORMED_VALUE = "không rõ"
FORMATS = ("csv", "xlsx", "mixed")


def write_landing(
    simulator: FeedSimulator,
    landing_root: Path,
    dates: Iterable[dt.date],
    formats: Iterable[str] = ("csv",),
    province_codes: Iterable[str] | None = None,
) -> list[Path]:
    """Write one file per (province, date) and format; return the paths written, in order.

    formats: any of "csv", "xlsx" (both together give two files per report, which the contract
    treats as an error for that report) or "mixed" (each province sends one format, chosen
    deterministically). Faults: "missing" writes nothing; "malformed" puts a non-numeric `eligible`
    in one row; "out_of_range" and "late" come from the report itself; transport faults
    ("server_error", "timeout") do not apply to files.
    """
    formats = tuple(formats)
    unknown = [name for name in formats if name not in FORMATS]
    if not formats or unknown:
        raise ValueError(f"formats must be among {', '.join(FORMATS)}; got {formats!r}")
    if "mixed" in formats and len(formats) > 1:
        raise ValueError("'mixed' cannot be combined with other formats")
    codes = list(province_codes) if province_codes is not None else simulator.province_codes()
    root = Path(landing_root) / simulator.campaign_id

    header = BREAKDOWN_HEADER if simulator.breakdown else HEADER
    written: list[Path] = []
    for report_date in map(_as_date, dates):
        for code in codes:
            if not simulator.is_published(code, report_date):
                continue
            mtime = simulator.generated_at(code, report_date).timestamp()  # also checks province and date
            extensions = _extensions(simulator, code, formats)
            # CSV alone is streamed; XLSX, or two files, take one materialised build of the report.
            rows: Iterable[list] = _file_rows(simulator, code, report_date)
            if extensions != ("csv",):
                rows = list(rows)
            for extension in extensions:
                path = root / code / f"{report_date.isoformat()}.{extension}"
                write = _write_csv if extension == "csv" else _write_xlsx
                write_atomically(path, lambda temporary, write=write, rows=rows: write(Path(temporary), header, rows))
                os.utime(path, (mtime, mtime))
                written.append(path)
    return written


def _extensions(simulator: FeedSimulator, province_code: str, formats: tuple[str, ...]) -> tuple[str, ...]:
    if formats == ("mixed",):
        rng = stable_rng(simulator.seed, simulator.campaign_id, "file_format", province_code)
        return ("xlsx",) if rng.random() < 0.3 else ("csv",)
    return tuple(dict.fromkeys(formats))


def _file_rows(simulator: FeedSimulator, province_code: str, report_date: dt.date) -> Iterator[list]:
    """The report's rows as file rows, in report order, with the "malformed" fault applied."""
    names = simulator.commune_names(province_code)
    fault = simulator.fault(province_code, report_date)
    damaged = -1
    if fault is not None and fault.kind == "malformed":
        damaged = simulator.faulty_row_index(province_code, report_date)
    rows = simulator.iter_report_rows(province_code, report_date)
    if simulator.breakdown:
        for index, row in enumerate(rows):
            code = row["commune_code"]
            eligible = MALFORMED_VALUE if index == damaged else row["eligible"]
            yield [code, names[code], eligible, row["participated"], row["agreed"], row["section"],
                   row["citizen_group"]]  # fmt: skip
    else:
        for index, row in enumerate(rows):
            code = row["commune_code"]
            eligible = MALFORMED_VALUE if index == damaged else row["eligible"]
            yield [code, names[code], eligible, row["participated"], row["agreed"]]


def _write_csv(path: Path, header: tuple[str, ...], rows: Iterable[list]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def _write_xlsx(path: Path, header: tuple[str, ...], rows: Iterable[list]) -> None:
    from openpyxl import Workbook  # imported here so the HTTP feed never needs openpyxl

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "report"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for (cell,) in sheet.iter_rows(min_row=2, min_col=1, max_col=1):
        cell.number_format = "@"  # keep the zero-padded codes as text, as a careful clerk would
    workbook.save(path)
