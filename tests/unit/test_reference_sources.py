"""The committed reference CSVs are exactly what the pinned `vietnam-provinces` wheels give, and the commune crosswalk's wrinkles.

The wheels are downloaded with pip into .cache/reference-wheels/ (kept between runs) and checked
against their pinned SHA-256. Without them the test fails: the files' provenance would be unproven.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import subprocess
import sys
import unicodedata
import zipfile
from collections import defaultdict
from pathlib import Path

import pytest

from vneid_pipeline.settings import REFERENCE_DIR

REPO = Path(__file__).resolve().parents[2]
CACHE = REPO / ".cache" / "reference-wheels"
PINNED_WHEELS = {
    "0.6.0": "4b5772870efdcb7c58a64fbdc0e0c9ce497e67017a0c189dff99582ddadb7815",
    "2026.9.0": "b5f3540a98937d38b9bebcbdb792fa4f5b9712737d41b05c7254beb2308ebcd1",
}
MEMBER_SHA256 = {  # as recorded in include/reference/PROVENANCE.md
    ("0.6.0", "vietnam_provinces/data/nested-divisions.json"): "a7de74aa026531fff09636cbb6657dab09a83eaff5f230e4736f66e0b7460001",
    ("2026.9.0", "vietnam_provinces/data/nested-divisions.json"): "e997eb9dcbbbafbbae00496965572f8ccd6e192cbb1024e8fe6b5513c162dc9b",
    ("2026.9.0", "vietnam_provinces/_ward_conversion_2025.py"): "b543f9e26d10897aeb11f5a6617ba252a5fc0abb21fcfb3bfe335f541e9ee30d",
}
UNITS_BEFORE = REFERENCE_DIR / "admin_units" / "vn-2025-01.csv"
UNITS_AFTER = REFERENCE_DIR / "admin_units" / "vn-2025-07.csv"
COMMUNE_CROSSWALK = REFERENCE_DIR / "crosswalks" / "commune_vn-2025-01_to_vn-2025-07.csv"
PROVINCE_CROSSWALK = REFERENCE_DIR / "crosswalks" / "province_vn-2025-01_to_vn-2025-07.csv"
CROSSWALK_HEADER = ("from_version_id,from_commune_code,from_commune_name,from_province_code,"
                    "to_version_id,to_commune_code,to_commune_name,to_province_code,from_whole,to_whole")

# Pre-reform communes the official conversion table does not mention.
NOT_IN_TABLE = {
    "01651", "02482", "03751", "03898", "03913", "03988", "03991", "04003", "04060", "07693", "07732", "07744", "16387",
    "16411", "18448", "20176", "20674", "25102", "25174", "25177", "25186", "26935", "26959", "27067", "27217", "27223",
    "27361", "27379",
}
# Old codes of the table that the pre-reform list (0.6.0) does not have; kept out of the crosswalk.
NOT_IN_BEFORE = {"03980", "03983", "03984", "26929", "26953", "27076", "27226", "27232", "27367", "27373"}
# Old communes whose province the table labels wrongly: (code, province in vn-2025-01, province in the table).
WRONG_PROVINCE_LABEL = {("27691", "80", "82"), ("30781", "91", "89")}
# Special zones created in 2025 out of island districts that had no communes.
SPECIAL_ZONES = {"11948": "Đặc khu Bạch Long Vĩ", "19742": "Đặc khu Cồn Cỏ", "20333": "Đặc khu Hoàng Sa",
                 "21548": "Đặc khu Lý Sơn", "26732": "Đặc khu Côn Đảo"}


def load_script(name: str):
    spec = importlib.util.spec_from_file_location(f"{name}_under_test", REPO / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


generate_reference = load_script("generate_reference")


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pinned_wheel(release: str) -> Path:
    path = CACHE / f"vietnam_provinces-{release}-py3-none-any.whl"
    if not path.is_file():
        CACHE.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--python-version", "3.12", "--only-binary=:all:",
                   "--disable-pip-version-check", "-d", str(CACHE), f"vietnam-provinces=={release}"]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=300)
        except subprocess.TimeoutExpired:
            pytest.fail(f"pip download of vietnam-provinces {release} timed out; the reference CSVs cannot be checked against their source")
        if done.returncode != 0 or not path.is_file():
            pytest.fail(f"could not download vietnam-provinces {release} (the source of the reference CSVs) with "
                        f"`{' '.join(command)}`:\n{done.stderr[-2000:]}")
    digest = sha256_of(path)
    if digest != PINNED_WHEELS[release]:
        pytest.fail(f"{path} has SHA-256 {digest}, not the pinned {PINNED_WHEELS[release]}; delete it to download again")
    return path


@pytest.fixture(scope="module")
def wheels() -> dict[str, Path]:
    return {release: pinned_wheel(release) for release in PINNED_WHEELS}


@pytest.fixture(scope="module")
def regenerated(wheels, tmp_path_factory):
    root = tmp_path_factory.mktemp("reference")
    return root, generate_reference.generate([wheels["0.6.0"], wheels["2026.9.0"]], root)


def read_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def crosswalk_rows():
    return read_rows(COMMUNE_CROSSWALK)


def communes(path: Path) -> dict[str, dict]:
    return {row["unit_code"]: row for row in read_rows(path) if row["level"] == "commune"}


# --- the committed files are the pinned wheels' data ------------------------------------------


@pytest.mark.parametrize("relative", ["admin_units/vn-2025-01.csv", "admin_units/vn-2025-07.csv",
                                      "crosswalks/commune_vn-2025-01_to_vn-2025-07.csv"])
def test_committed_file_is_regenerated_byte_for_byte(regenerated, relative):
    root, _ = regenerated
    assert (root / relative).read_bytes() == (REFERENCE_DIR / relative).read_bytes(), \
        f"{relative} differs from what scripts/generate_reference.py makes of the pinned wheels"


@pytest.mark.parametrize(("release", "member"), sorted(MEMBER_SHA256))
def test_source_members_are_those_recorded_in_provenance(wheels, release, member):
    with zipfile.ZipFile(wheels[release]) as wheel:
        assert hashlib.sha256(wheel.read(member)).hexdigest() == MEMBER_SHA256[(release, member)]
    assert MEMBER_SHA256[(release, member)] in (REFERENCE_DIR / "PROVENANCE.md").read_text(encoding="utf-8")


def test_the_official_wheel_declares_its_licence(wheels):
    with zipfile.ZipFile(wheels["2026.9.0"]) as wheel:
        metadata = wheel.read("vietnam_provinces-2026.9.0.dist-info/METADATA").decode("utf-8")
    assert "License-Expression: GPL-3.0-or-later" in metadata.splitlines()


def test_what_the_generator_found_in_the_conversion_table(regenerated):
    _, summary = regenerated
    report = summary["crosswalk"]
    assert set(report.old_codes_not_in_table) == NOT_IN_TABLE
    assert set(report.table_codes_not_in_old_list) == NOT_IN_BEFORE
    assert set(report.province_label_corrected) == {code for code, _, _ in WRONG_PROVINCE_LABEL}
    assert (report.forward_only, report.backward_only) == (0, 0)
    assert set(report.new_codes_without_old) == set(SPECIAL_ZONES)


def test_the_table_labels_two_old_communes_with_another_province(wheels):
    with zipfile.ZipFile(wheels["2026.9.0"]) as wheel:
        conversion = generate_reference.parse_conversion(wheel.read(generate_reference.CONVERSION_MEMBER))
    for code, ours, table in WRONG_PROVINCE_LABEL:
        assert f"{conversion.old_to_new[int(code)][0].province_code:02d}" == table
        assert communes(UNITS_BEFORE)[code]["province_code"] == ours


# --- the official list in vn-2025-07 ----------------------------------------------------------


def test_vn_2025_07_is_the_official_list():
    rows = read_rows(UNITS_AFTER)
    provinces = [row for row in rows if row["level"] == "province"]
    assert len(provinces) == 34 and sum(row["level"] == "commune" for row in rows) == 3321
    assert sum(row["name"].startswith("Tỉnh ") for row in provinces) == 28
    assert all(row["name"].startswith("Thành phố ") for row in provinces if row["division_type"] == "thành phố trung ương")
    names = {row["unit_code"]: row["name"] for row in rows}
    # codes whose draft names were Phường Kim Liên and Phường Yên Sở
    assert names["00226"] == "Phường Văn Miếu - Quốc Tử Giám" and names["00331"] == "Phường Hoàng Mai"
    assert names["04"] == "Tỉnh Cao Bằng" and names["79"] == "Thành phố Hồ Chí Minh"
    assert all("  " not in row["name"] for row in rows)  # the draft had "Phường  Rạch Dừa"


# --- the commune crosswalk --------------------------------------------------------------------


def test_crosswalk_header_order_and_formats(crosswalk_rows):
    assert COMMUNE_CROSSWALK.read_text(encoding="utf-8").split("\n", 1)[0] == CROSSWALK_HEADER
    keys = [(row["from_commune_code"], row["to_commune_code"]) for row in crosswalk_rows]
    assert keys == sorted(set(keys))
    for row in crosswalk_rows:
        assert (row["from_version_id"], row["to_version_id"]) == ("vn-2025-01", "vn-2025-07")
        for column, width in (("from_commune_code", 5), ("to_commune_code", 5), ("from_province_code", 2), ("to_province_code", 2)):
            assert len(row[column]) == width and row[column].isdigit(), row
        assert row["from_whole"] in ("true", "false") and row["to_whole"] in ("true", "false"), row
        assert unicodedata.is_normalized("NFC", row["from_commune_name"] + row["to_commune_name"])
    assert len(crosswalk_rows) == 10554


def test_crosswalk_codes_names_and_provinces_are_those_of_the_unit_files(crosswalk_rows):
    before, after = communes(UNITS_BEFORE), communes(UNITS_AFTER)
    for row in crosswalk_rows:
        old, new = before[row["from_commune_code"]], after[row["to_commune_code"]]
        assert (row["from_commune_name"], row["from_province_code"]) == (old["name"], old["province_code"])
        assert (row["to_commune_name"], row["to_province_code"]) == (new["name"], new["province_code"])


def test_every_pre_reform_commune_is_mapped_except_those_the_table_omits(crosswalk_rows):
    mapped = {row["from_commune_code"] for row in crosswalk_rows}
    before = set(communes(UNITS_BEFORE))
    assert before - mapped == NOT_IN_TABLE
    assert mapped <= before and len(mapped) == 10051 - 28


def test_table_codes_unknown_before_the_reform_are_left_out(crosswalk_rows):
    assert not NOT_IN_BEFORE & set(communes(UNITS_BEFORE))
    assert not NOT_IN_BEFORE & {row["from_commune_code"] for row in crosswalk_rows}


def test_wrongly_labelled_communes_carry_their_pre_reform_province(crosswalk_rows):
    for code, ours, _ in WRONG_PROVINCE_LABEL:
        rows = [row for row in crosswalk_rows if row["from_commune_code"] == code]
        assert rows and {row["from_province_code"] for row in rows} == {ours}


def test_special_zones_have_no_pre_reform_commune(crosswalk_rows):
    after = communes(UNITS_AFTER)
    assert {code: after[code]["name"] for code in SPECIAL_ZONES} == SPECIAL_ZONES
    mapped = {row["to_commune_code"] for row in crosswalk_rows}
    assert set(after) - mapped == set(SPECIAL_ZONES)


def test_provinces_implied_by_the_communes_are_the_province_crosswalk(crosswalk_rows):
    implied = {(row["from_province_code"], row["to_province_code"]) for row in crosswalk_rows}
    provinces = {(row["from_province_code"], row["to_province_code"]) for row in read_rows(PROVINCE_CROSSWALK)}
    assert implied == provinces


def test_a_wholly_merged_commune_goes_into_one_commune(crosswalk_rows):
    targets = defaultdict(set)
    for row in crosswalk_rows:
        targets[row["from_commune_code"], row["from_whole"]].add(row["to_commune_code"])
    assert all(len(news) == 1 for (_, whole), news in targets.items() if whole == "true")
    # Hà Nội: Phường Trúc Bạch went whole into Phường Ba Đình; Phường Cống Vị was split
    assert targets["00004", "true"] == {"00004"} and targets["00007", "false"] == {"00008", "00025"}


# --- the generator's rules, on small tables ---------------------------------------------------


def unit(code, province, name="Xã A"):
    return [code, "commune", name, "xã", province, province]


def test_generator_rules_on_a_small_table():
    g = generate_reference
    conversion = g.Conversion(
        old_to_new={
            1: (g.OldRef(1, 1, 99, False), (g.NewRef(10, 2),)),            # wrong province label 99
            2: (g.OldRef(2, 1, 1, True), (g.NewRef(10, 2), g.NewRef(11, 2))),
            3: (g.OldRef(3, 1, 1, False), (g.NewRef(11, 2),)),             # not in the pre-reform list
        },
        new_to_old={
            10: (g.NewRef(10, 2), (g.OldRef(1, 1, 99, False), g.OldRef(2, 1, 1, True))),
            11: (g.NewRef(11, 2), (g.OldRef(3, 1, 1, False),)),            # forgets old 2
            12: (g.NewRef(12, 2), (g.OldRef(4, 1, 1, False),)),            # pair only in this direction
        },
    )
    before = [unit("00001", "01"), unit("00002", "01"), unit("00004", "01"), unit("00005", "01")]
    after = [unit("00010", "02", "Xã B"), unit("00011", "02", "Xã C"), unit("00012", "02", "Xã D"), unit("00013", "02")]
    report = g.crosswalk(conversion, before, after)
    assert [row[1:4] + row[5:] for row in report.rows] == [
        ["00001", "Xã A", "01", "00010", "Xã B", "02", "true", "true"],
        ["00002", "Xã A", "01", "00010", "Xã B", "02", "false", "false"],
        ["00002", "Xã A", "01", "00011", "Xã C", "02", "false", ""],
        ["00004", "Xã A", "01", "00012", "Xã D", "02", "", "true"],
    ]
    assert report.old_codes_not_in_table == ["00005"] and report.table_codes_not_in_old_list == ["00003"]
    assert report.province_label_corrected == ["00001"]
    assert (report.forward_only, report.backward_only) == (1, 1)  # (2, 11) forward only; (4, 12) backward only
    assert report.new_codes_without_old == ["00013"]
    with pytest.raises(ValueError, match="00012"):
        g.crosswalk(conversion, before, after[:2])


def test_conversion_table_is_parsed_never_executed(tmp_path):
    g = generate_reference
    table = (b"OLD_TO_NEW = {4: OldToNewEntry(OldWardRef(4, 1, 1, False), (NewWardRef(4, 1),))}\n"
             b"NEW_TO_OLD = {4: NewToOldEntry(NewWardRef(4, 1), (OldWardRef(4, 1, 1, False),))}\n")
    conversion = g.parse_conversion(table)
    assert conversion.old_to_new[4] == (g.OldRef(4, 1, 1, False), (g.NewRef(4, 1),))
    marker = tmp_path / "executed"
    hostile = table.replace(b"(4, 1),))}\n", f"(4, 1),)), 5: open({str(marker)!r}, 'w')}}\n".encode(), 1)
    with pytest.raises(ValueError, match="unexpected expression"):
        g.parse_conversion(hostile)
    assert not marker.exists()
    with pytest.raises(ValueError, match="repeats keys"):
        g.parse_conversion(table.replace(b"{4: Old", b"{4: OldToNewEntry(OldWardRef(4, 1, 1, True), ()), 4: Old", 1))


def test_the_draft_release_is_refused(tmp_path):
    draft = tmp_path / "vietnam_provinces-2025.10.1-py3-none-any.whl"
    with zipfile.ZipFile(draft, "w") as wheel:
        wheel.writestr(generate_reference.DATA_MEMBER, "[]")
    with pytest.raises(SystemExit, match="draft"):
        generate_reference.generate([draft], tmp_path / "out")
