"""Reference changes are never silent: a corrected unit list inside a version is applied, reviewed
or refused according to the accepted facts its units carry, and every change is logged."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from vneid_pipeline import ingest, publish, reference, warehouse

from .helpers import query, reference_with_version, scalar, settings_for, table_digest

VERSION = "vn-2027-01"
CAMPAIGN = "thu-nghiem-2027"
DAY = dt.date(2027, 3, 1)
HEADER = "unit_code,level,name,division_type,parent_code,province_code\n"
UNITS = {
    "98": "98,province,Tỉnh Phụ,tỉnh,,98",
    "99": "99,province,Tỉnh Thử Nghiệm,tỉnh,,99",
    "98001": "98001,commune,Xã Phụ Một,xã,98,98",
    "99001": "99001,commune,Xã Một,xã,99,99",
    "99002": "99002,commune,Xã Hai,xã,99,99",
    "99003": "99003,commune,Xã Ba,xã,99,99",
    "99004": "99004,commune,Xã Bốn,xã,99,99",
    "99005": "99005,commune,Xã Năm,xã,99,99",
}
# accepted facts for 99001 to 99003 only; 99004 and 99005 never reported
FACTS = {"99001": (1000, 500, 450), "99002": (2000, 600, 300), "99003": (300, 30, 3)}
RECODE_HEADER = "unit_code,action,new_unit_code,reviewed_by,reviewed_on,reason\n"


@pytest.fixture
def reference_dir(tmp_path):
    return reference_with_version(tmp_path / "reference", VERSION, HEADER + "\n".join(UNITS.values()) + "\n",
                                  "A test version: 2 provinces, 6 communes",
                                  [f"{CAMPAIGN},Lấy ý kiến thử nghiệm,2027-03-01,2027-03-03,{VERSION},0.80"])


@pytest.fixture
def with_facts(fresh_database, reference_dir, tmp_path):
    """A warehouse with the test version loaded, province 99's first day ingested and published."""
    warehouse.prepare(fresh_database, reference_dir)
    folder = tmp_path / "landing" / CAMPAIGN / "99"
    folder.mkdir(parents=True)
    lines = "".join(f"{code},,{e},{p},{a}\n" for code, (e, p, a) in FACTS.items())
    (folder / f"{DAY}.csv").write_text("commune_code,commune_name,eligible,participated,agreed\n" + lines,
                                       encoding="utf-8")
    settings = settings_for(fresh_database, source="files", landing_dir=tmp_path / "landing", recheck_days=0)
    outcome = ingest.ingest_province(settings, CAMPAIGN, "99", DAY, now=dt.datetime(2027, 3, 1, 16, tzinfo=ingest.LOCAL_TZ))
    assert outcome.target_day.status == "accepted"
    publish.publish_day(fresh_database, CAMPAIGN, DAY, tmp_path / "publish")
    return fresh_database


def write_units(reference_dir, **changes: str | None) -> None:
    """The test version's unit list with some lines replaced (a new line) or removed (None)."""
    units = {**UNITS, **changes}
    text = HEADER + "".join(line + "\n" for line in units.values() if line is not None)
    (reference_dir / "admin_units" / f"{VERSION}.csv").write_text(text, encoding="utf-8")


def write_recodes(reference_dir, *lines: str) -> None:
    folder = reference_dir / "recodes"
    folder.mkdir(exist_ok=True)
    (folder / f"{VERSION}.csv").write_text(RECODE_HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")


def units(uri) -> dict[str, tuple]:
    return {code: rest for code, *rest in query(
        uri, "select unit_code, name, division_type from core.admin_unit where version_id = %s", [VERSION])}


def fact_sums(uri) -> dict[str, tuple]:
    return {code: tuple(rest) for code, *rest in query(
        uri, "select commune_code, sum(eligible), sum(participated), sum(agreed) from core.commune_report "
             "where campaign_id = %s group by commune_code", [CAMPAIGN])}


def changes_logged(uri, since: int = 0) -> list[tuple]:
    return query(uri, "select unit_code, change, action, old_name, new_name, new_unit_code, facts_moved, reviewed_by "
                      "from dq.reference_change where version_id = %s and change_id > %s order by unit_code",
                 [VERSION, since])


def last_change_id(uri) -> int:
    return scalar(uri, "select coalesce(max(change_id), 0) from dq.reference_change")


def warehouse_state(uri) -> tuple:
    """Everything a refused load must leave as it was."""
    return (table_digest(uri, "core.admin_unit", "version_id, unit_code"),
            table_digest(uri, "core.commune_report", "payload_id, commune_code, section, citizen_group"),
            table_digest(uri, "core.campaign_target", "campaign_id, province_code"),
            table_digest(uri, "core.province_crosswalk", "from_version_id, from_province_code, to_province_code"),
            table_digest(uri, "dq.reference_change", "change_id"),
            scalar(uri, "select count(*) from core.reference_load"))


def test_the_first_load_logs_every_unit_as_added(with_facts):
    assert scalar(with_facts, "select count(*) from dq.reference_change where version_id = %s "
                              "and change = 'added' and action = 'applied'", [VERSION]) == len(UNITS)


def test_units_without_facts_are_renamed_and_removed_and_the_expected_count_follows(with_facts, reference_dir, tmp_path):
    assert scalar(with_facts, "select communes_expected from mart.province_daily where province_code = '99'") == 5
    since = last_change_id(with_facts)
    write_units(reference_dir, **{"99004": "99004,commune,Phường Bốn,phường,99,99", "99005": None})
    assert warehouse.load_reference(with_facts, reference_dir) is True
    assert units(with_facts)["99004"] == ["Phường Bốn", "phường"]
    assert "99005" not in units(with_facts)
    assert changes_logged(with_facts, since) == [
        ("99004", "changed", "applied", "Xã Bốn", "Phường Bốn", None, None, None),
        ("99005", "removed", "applied", "Xã Năm", None, None, None, None),
    ]
    checksum = scalar(with_facts, "select checksum from core.reference_load order by loaded_at desc limit 1")
    assert scalar(with_facts, "select count(distinct reference_checksum) from dq.reference_change "
                              "where change_id > %s", [since]) == 1
    assert scalar(with_facts, "select min(reference_checksum) from dq.reference_change where change_id > %s",
                  [since]) == checksum
    publish.publish_day(with_facts, CAMPAIGN, DAY, tmp_path / "publish")
    assert scalar(with_facts, "select communes_expected from mart.province_daily where province_code = '99'") == 4


def test_a_rename_of_a_commune_with_facts_stops_the_whole_load(with_facts, reference_dir):
    before = warehouse_state(with_facts)
    write_units(reference_dir, **{"99001": "99001,commune,Xã Một Mới,xã,99,99", "99005": None})
    (reference_dir / "campaign_targets.csv").write_text(
        f"campaign_id,province_code,target_rate\n{CAMPAIGN},99,0.95\n", encoding="utf-8")
    with pytest.raises(reference.UnreviewedUnitChange) as refused:
        warehouse.load_reference(with_facts, reference_dir)
    message = str(refused.value)
    assert "remove 1 unit(s) that have accepted facts: vn-2027-01 99001 name Xã Một → Xã Một Mới" in message
    assert "recodes/<version_id>.csv" in message and "99005" not in message
    assert warehouse_state(with_facts) == before


def test_a_reviewed_rename_is_applied_and_logged_with_its_reviewer(with_facts, reference_dir, tmp_path):
    since = last_change_id(with_facts)
    write_units(reference_dir, **{"99001": "99001,commune,Xã Một Mới,xã,99,99"})
    write_recodes(reference_dir, "99001,rename,,Nguyễn Văn A,2027-02-20,official list renames the commune")
    assert warehouse.load_reference(with_facts, reference_dir) is True
    assert units(with_facts)["99001"] == ["Xã Một Mới", "xã"]
    assert fact_sums(with_facts) == FACTS
    assert changes_logged(with_facts, since) == [
        ("99001", "changed", "renamed", "Xã Một", "Xã Một Mới", None, None, "Nguyễn Văn A")]
    assert query(with_facts, "select reviewed_on, reason from dq.reference_change where change_id > %s", [since]) == [
        (dt.date(2027, 2, 20), "official list renames the commune")]
    publish.publish_day(with_facts, CAMPAIGN, DAY, tmp_path / "publish")
    assert scalar(with_facts, "select commune_name from mart.commune_daily where commune_code = '99001'") == "Xã Một Mới"


def test_a_rotation_of_three_communes_with_facts_moves_their_facts(with_facts, reference_dir, tmp_path):
    since = last_change_id(with_facts)
    # the official list gives Xã Một the code 99002, Xã Hai 99003 and Xã Ba 99001
    write_units(reference_dir, **{"99001": "99001,commune,Xã Ba,xã,99,99", "99002": "99002,commune,Xã Một,xã,99,99",
                                  "99003": "99003,commune,Xã Hai,xã,99,99"})
    write_recodes(reference_dir, "99001,recode,99002,Trần Thị B,2027-02-21,codes rotated in the official list",
                  "99002,recode,99003,Trần Thị B,2027-02-21,codes rotated in the official list",
                  "99003,recode,99001,Trần Thị B,2027-02-21,codes rotated in the official list")
    assert warehouse.load_reference(with_facts, reference_dir) is True
    assert fact_sums(with_facts) == {"99002": FACTS["99001"], "99003": FACTS["99002"], "99001": FACTS["99003"]}
    assert changes_logged(with_facts, since) == [
        ("99001", "changed", "recoded", "Xã Một", "Xã Ba", "99002", 1, "Trần Thị B"),
        ("99002", "changed", "recoded", "Xã Hai", "Xã Một", "99003", 1, "Trần Thị B"),
        ("99003", "changed", "recoded", "Xã Ba", "Xã Hai", "99001", 1, "Trần Thị B"),
    ]
    publish.publish_day(with_facts, CAMPAIGN, DAY, tmp_path / "publish")
    assert query(with_facts, "select commune_code, commune_name, participated from mart.commune_daily "
                             "where province_code = '99' and participated is not null order by commune_code") == [
        ("99001", "Xã Ba", 30), ("99002", "Xã Một", 500), ("99003", "Xã Hai", 600)]
    # the recode file stays in the folder: a later load (another file changed) moves nothing again
    since = last_change_id(with_facts)
    (reference_dir / "campaign_targets.csv").write_text(
        f"campaign_id,province_code,target_rate\n{CAMPAIGN},99,0.95\n", encoding="utf-8")
    assert warehouse.load_reference(with_facts, reference_dir) is True
    assert fact_sums(with_facts) == {"99002": FACTS["99001"], "99003": FACTS["99002"], "99001": FACTS["99003"]}
    assert changes_logged(with_facts, since) == []


def test_a_removed_commune_with_facts_stops_the_load_until_its_facts_are_recoded(with_facts, reference_dir):
    before = warehouse_state(with_facts)
    write_units(reference_dir, **{"99002": None, "99007": "99007,commune,Xã Bảy,xã,99,99"})
    with pytest.raises(reference.UnreviewedUnitChange, match=r"vn-2027-01 99002 Xã Hai → removed"):
        warehouse.load_reference(with_facts, reference_dir)
    assert warehouse_state(with_facts) == before
    since = last_change_id(with_facts)
    write_recodes(reference_dir, "99002,recode,99007,Lê Văn C,2027-02-22,99002 of the draft is 99007 in the official list")
    assert warehouse.load_reference(with_facts, reference_dir) is True
    assert fact_sums(with_facts) == {"99001": FACTS["99001"], "99007": FACTS["99002"], "99003": FACTS["99003"]}
    assert "99002" not in units(with_facts)
    assert changes_logged(with_facts, since) == [
        ("99002", "removed", "recoded", "Xã Hai", None, "99007", 1, "Lê Văn C"),
        ("99007", "added", "applied", None, "Xã Bảy", None, None, None),
    ]


@pytest.mark.parametrize(("lines", "problem"), [
    (["99999,rename,,A,2027-02-20,typo"], "unknown unit 99999 in vn-2027-01"),
    (["99001,merge,99002,A,2027-02-20,why"], "unknown action 'merge'"),
    (["99001,rename,,,2027-02-20,why"], "reviewed_by is empty"),
    (["99001,rename,,A,20/02/2027,why"], "reviewed_on '20/02/2027' is not a YYYY-MM-DD date"),
    (["99001,recode,,A,2027-02-20,why"], "recode needs new_unit_code"),
    (["99001,recode,99888,A,2027-02-20,why"], "new_unit_code 99888 is not a commune of the incoming vn-2027-01 list"),
    (["99001,recode,98001,A,2027-02-20,why"], "cannot be recoded to 98001 of province 98"),
    (["99001,recode,99002,A,2027-02-20,why"], "99002 already has accepted facts of its own"),
    (["99001,rename,,A,2027-02-20,why", "99001,rename,,B,2027-02-21,again"], "unit 99001 already has an entry on line 2"),
])
def test_a_malformed_recode_file_is_refused(with_facts, reference_dir, lines, problem):
    before = warehouse_state(with_facts)
    write_units(reference_dir, **{"99001": "99001,commune,Xã Một Mới,xã,99,99"})
    write_recodes(reference_dir, *lines)
    with pytest.raises(reference.RecodeFileError, match=problem):
        warehouse.load_reference(with_facts, reference_dir)
    assert warehouse_state(with_facts) == before


def test_a_recode_file_with_another_header_or_version_is_refused(with_facts, reference_dir):
    (reference_dir / "recodes").mkdir()
    (reference_dir / "recodes" / f"{VERSION}.csv").write_text("code,action\n99001,rename\n", encoding="utf-8")
    with pytest.raises(reference.RecodeFileError, match="header must be unit_code,action,new_unit_code"):
        warehouse.load_reference(with_facts, reference_dir)
    shutil.move(reference_dir / "recodes" / f"{VERSION}.csv", reference_dir / "recodes" / "vn-2099-01.csv")
    with pytest.raises(reference.RecodeFileError, match="unknown administrative versions: vn-2099-01"):
        warehouse.load_reference(with_facts, reference_dir)


def test_two_versions_starting_on_the_same_day_are_refused(fresh_database, reference_dir):
    warehouse.prepare(fresh_database, reference_dir)
    latest = "vn-2027-01" if dt.date.today() >= dt.date(2027, 1, 1) else "vn-2025-07"
    assert query(fresh_database, "select version_id from core.latest_admin_version") == [(latest,)]
    shutil.copy(reference_dir / "admin_units" / f"{VERSION}.csv", reference_dir / "admin_units" / "vn-2027-02.csv")
    with (reference_dir / "admin_versions.csv").open("a", encoding="utf-8") as versions:
        versions.write('vn-2027-02,"Same day",2027-01-01,,false,admin_units/vn-2027-02.csv\n')
    with pytest.raises(reference.AdminVersionDateConflict, match="vn-2027-01, vn-2027-02 all from 2027-01-01"):
        warehouse.load_reference(fresh_database, reference_dir)
    assert scalar(fresh_database, "select count(*) from core.admin_version where version_id = 'vn-2027-02'") == 0


def test_an_unchanged_unit_list_changes_and_logs_nothing_and_removed_file_rows_go(with_facts, reference_dir):
    units_before = table_digest(with_facts, "core.admin_unit", "version_id, unit_code")
    since = last_change_id(with_facts)
    crosswalk = reference_dir / "crosswalks" / "province_vn-2025-01_to_vn-2025-07.csv"
    rows = crosswalk.read_text(encoding="utf-8").splitlines(keepends=True)
    crosswalk.write_text("".join(rows[:-1]), encoding="utf-8")
    (reference_dir / "campaign_targets.csv").write_text(
        f"campaign_id,province_code,target_rate\n{CAMPAIGN},99,0.95\n", encoding="utf-8")
    assert warehouse.load_reference(with_facts, reference_dir) is True
    assert scalar(with_facts, "select count(*) from core.province_crosswalk") == len(rows) - 2
    assert query(with_facts, "select province_code from core.campaign_target") == [("99",)]
    (reference_dir / "campaign_targets.csv").write_text("campaign_id,province_code,target_rate\n", encoding="utf-8")
    assert warehouse.load_reference(with_facts, reference_dir) is True
    assert query(with_facts, "select count(*) from core.campaign_target") == [(0,)]
    assert warehouse.load_reference(with_facts, reference_dir) is False
    assert table_digest(with_facts, "core.admin_unit", "version_id, unit_code") == units_before
    assert changes_logged(with_facts, since) == []
    assert fact_sums(with_facts) == FACTS
