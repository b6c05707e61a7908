"""Reading a commune crosswalk file: every pair is checked against the two unit lists it joins."""

from __future__ import annotations

import pytest

from vneid_pipeline import crosswalks, reference
from vneid_pipeline.settings import REFERENCE_DIR

HEADER = ",".join(crosswalks.COLUMNS) + "\n"
# The reader checks codes and provinces against the unit lists, not whether a pair is true.
GOOD = "vn-2025-01,00001,Phường Phúc Xá,01,vn-2025-07,00004,Phường Ba Đình,01,true,false\n"


@pytest.fixture(scope="module")
def versions():
    return reference.admin_versions()


def write(tmp_path, body: str, header: str = HEADER):
    path = tmp_path / "commune_vn-2025-01_to_vn-2025-07.csv"
    path.write_text(header + body, encoding="utf-8")
    return path


def test_the_bundled_files_read_cleanly(versions):
    files = crosswalks.commune_crosswalk_files(REFERENCE_DIR)
    assert [path.name for path in files] == ["commune_vn-2025-01_to_vn-2025-07.csv"]
    pairs = crosswalks.read_commune_crosswalk(files[0], versions)
    assert len(pairs) > 10051  # splits add pairs
    assert {pair.from_version_id for pair in pairs} == {"vn-2025-01"}
    assert {pair.to_version_id for pair in pairs} == {"vn-2025-07"}


def test_flags_are_read_as_booleans_or_unknown(tmp_path, versions):
    path = write(tmp_path, GOOD + "vn-2025-01,00004,Phường Trúc Bạch,01,vn-2025-07,00004,Phường Ba Đình,01,,true\n")
    first, second = crosswalks.read_commune_crosswalk(path, versions)
    assert (first.from_whole, first.to_whole) == (True, False)
    assert (second.from_whole, second.to_whole) == (None, True)


@pytest.mark.parametrize(("body", "message"), [
    ("vn-2025-01,99999,X,01,vn-2025-07,00004,Y,01,true,true\n", "line 2: from_commune_code '99999' is not a commune of vn-2025-01"),
    ("vn-2025-01,00001,X,02,vn-2025-07,00004,Y,01,true,true\n", "line 2: commune 00001 belongs to province 01 in vn-2025-01, not 02"),
    ("vn-2025-01,00001,X,01,vn-2025-07,00001,Y,01,true,true\n", "line 2: to_commune_code '00001' is not a commune of vn-2025-07"),
    ("vn-2025-01,00001,X,01,vn-2031-01,00004,Y,01,true,true\n", "line 2: unknown to_version_id 'vn-2031-01'"),
    ("vn-2025-01,00001,X,01,vn-2025-07,00004,Y,01,yes,true\n", "line 2: from_whole must be true, false or empty, not 'yes'"),
    (GOOD + GOOD, "line 3: pair 00001 -> 00004 appears twice"),
])
def test_a_wrong_pair_is_refused_naming_its_line(tmp_path, versions, body, message):
    with pytest.raises(crosswalks.CrosswalkError, match=message):
        crosswalks.read_commune_crosswalk(write(tmp_path, body), versions)


def test_a_wrong_header_is_refused(tmp_path, versions):
    with pytest.raises(crosswalks.CrosswalkError, match="header must be from_version_id,from_commune_code"):
        crosswalks.read_commune_crosswalk(write(tmp_path, GOOD, header="old,new\n"), versions)


def test_many_problems_are_counted_and_the_first_ones_listed(tmp_path, versions):
    body = "".join(f"vn-2025-01,9{n:04d},X,01,vn-2025-07,00004,Y,01,true,true\n" for n in range(30))
    with pytest.raises(crosswalks.CrosswalkError, match=r"30 problem\(s\): .*; and 10 more$"):
        crosswalks.read_commune_crosswalk(write(tmp_path, body), versions)
