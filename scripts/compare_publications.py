"""Compare the published files of two runs, apart from the moments they were made.

    .venv/bin/python scripts/compare_publications.py <publish_root_a> <publish_root_b>

For refactors that must not change behaviour: run `make run` before and after (in two clones) and
compare their `publish/` folders. Every file must exist in both. CSV and Parquet files are compared
row by row with the values of timestamp columns (names ending in `_at`) left out; HTML pages and
workbook cells with every date-and-time (dd/mm/yyyy HH:MM, ISO 8601) masked, and the validation
page's payload ids (sequence values) too. Prints each
difference and exits 1 if there is one.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sys
from pathlib import Path

MOMENT = re.compile(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}|\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}(:?\d{2})?|Z)?")


# The validation page's tables begin with the payload id (then the revision), a sequence value: it depends on the order in
# which concurrent province tasks landed their reports, not on what they held.
PAYLOAD_ID_CELL = re.compile(r'<tr><td class="num">\d+</td>(?=<td class="num">\d+</td>)')
PAYLOAD_ID_HEADING = re.compile(r"(goi-|gói dữ liệu số )\d+")


def _masked(text: str) -> str:
    return MOMENT.sub("<moment>", text)


def _without_moments(header: list[str], rows: list[list]) -> list[list]:
    keep = [index for index, name in enumerate(header) if not name.endswith("_at")]
    return [header] + [[row[index] for index in keep] for row in rows]


def _csv(path: Path) -> list[list]:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    return _without_moments(rows[0], rows[1:]) if rows else []


def _parquet(path: Path) -> list[list]:
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    return [[str(table.schema)]] + _without_moments(table.column_names, [list(row.values()) for row in table.to_pylist()])


def _cell(value):
    if isinstance(value, dt.datetime) and value.time() != dt.time(0):
        return "<moment>"
    return _masked(value) if isinstance(value, str) else value


def _workbook(path: Path) -> list[list]:
    import openpyxl

    workbook = openpyxl.load_workbook(path)
    return [[sheet.title, *[_cell(cell.value) for cell in row]] for sheet in workbook for row in sheet.iter_rows()]


def _html(path: Path) -> list[list]:
    text = path.read_text(encoding="utf-8-sig")
    if path.name.startswith("kiem-tra-du-lieu-"):
        text = PAYLOAD_ID_CELL.sub('<tr><td class="num"><payload></td>', text)
        text = PAYLOAD_ID_HEADING.sub(r"\1<payload>", text)
    return [[line] for line in _masked(text).splitlines()]


READERS = {".csv": _csv, ".parquet": _parquet, ".xlsx": _workbook, ".html": _html}


def differences(root_a: Path, root_b: Path) -> list[str]:
    files_a = {path.relative_to(root_a) for path in root_a.rglob("*") if path.is_file()}
    files_b = {path.relative_to(root_b) for path in root_b.rglob("*") if path.is_file()}
    found = [f"only in {root_a}: {name}" for name in sorted(files_a - files_b)]
    found += [f"only in {root_b}: {name}" for name in sorted(files_b - files_a)]
    for name in sorted(files_a & files_b):
        read = READERS.get(name.suffix)
        if read is None:
            if (root_a / name).read_bytes() != (root_b / name).read_bytes():
                found.append(f"{name}: bytes differ")
            continue
        content_a, content_b = read(root_a / name), read(root_b / name)
        if content_a != content_b:
            first = next((n for n, (a, b) in enumerate(zip(content_a, content_b)) if a != b), min(len(content_a), len(content_b)))
            shown = [repr(content[first])[:200] if first < len(content) else "end" for content in (content_a, content_b)]
            found.append(f"{name}: differs from row {first + 1} ({shown[0]} vs {shown[1]})")
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    root_a, root_b = map(Path, argv)
    found = differences(root_a, root_b)
    for line in found:
        print(line)
    count = sum(1 for path in root_a.rglob("*") if path.is_file())
    print(f"{count} files in {root_a}: {'identical apart from timestamps' if not found else f'{len(found)} difference(s)'}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
