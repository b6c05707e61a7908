"""The province-feed simulator: determinism, realism, content faults and landing files."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import itertools
import json
import os
import time
import unicodedata

import pytest
from openpyxl import load_workbook

from vneid_pipeline import reference
from vneid_pipeline.simulator import Fault, FeedSimulator, default_tokens, write_landing

HP = "hien-phap-2025"
VK = "van-kien-dai-hoi-xiv"
DEADLINE = dt.time(15, 0)
TZ7 = dt.timezone(dt.timedelta(hours=7))


@pytest.fixture(scope="module")
def hp() -> FeedSimulator:
    return FeedSimulator(HP)


@pytest.fixture(scope="module")
def vk() -> FeedSimulator:
    return FeedSimulator(VK)


def _rate(report: dict) -> float:
    total = report["province_total"]
    return total["participated"] / total["eligible"]


def _local_time(report: dict) -> dt.datetime:
    stamp = dt.datetime.fromisoformat(report["generated_at"])
    assert stamp.utcoffset() == dt.timedelta(hours=7)
    return stamp


# -- determinism ----------------------------------------------------------------------------


def test_same_seed_gives_identical_reports_whatever_the_call_order():
    first, second = FeedSimulator(HP, seed=7), FeedSimulator(HP, seed=7)
    keys = [("01", dt.date(2025, 5, 6)), ("79", dt.date(2025, 5, 29)), ("30", dt.date(2025, 5, 16))]
    forward = [first.report(code, day) for code, day in keys]
    backward = [second.report(code, day) for code, day in reversed(keys)][::-1]
    assert forward == backward
    assert json.dumps(forward) == json.dumps(backward)


def test_different_seed_gives_different_figures():
    day = dt.date(2025, 5, 16)
    assert FeedSimulator(HP, seed=1).report("01", day)["rows"] != FeedSimulator(HP, seed=2).report("01", day)["rows"]


def test_faults_do_not_change_other_reports():
    day = dt.date(2025, 5, 16)
    plain = FeedSimulator(HP)
    faulty = FeedSimulator(HP, faults={("01", day): Fault("out_of_range"), ("02", day): Fault("late")})
    assert faulty.report("04", day) == plain.report("04", day)
    assert faulty.report("01", day)["generated_at"] == plain.report("01", day)["generated_at"]


# -- contract shape -------------------------------------------------------------------------


def test_report_follows_the_http_contract(hp):
    day = dt.date(2025, 5, 16)
    report = hp.report("30", day)
    assert set(report) == {
        "schema_version", "campaign_id", "province_code", "report_date",
        "generated_at", "revision", "province_total", "rows",
    }  # fmt: skip
    assert report["schema_version"] == 1
    assert report["revision"] == 1
    assert report["campaign_id"] == HP
    assert report["province_code"] == "30"
    assert report["report_date"] == "2025-05-16"
    assert "+07:00" in report["generated_at"]
    version = reference.version_of(reference.campaign(HP))
    expected_codes = {unit.unit_code for unit in version.communes_of("30")}
    codes = [row["commune_code"] for row in report["rows"]]
    assert len(codes) == len(set(codes))
    assert set(codes) == expected_codes
    assert all(isinstance(code, str) and len(code) == 5 and code.isdigit() for code in codes)
    for measure in ("eligible", "participated", "agreed"):
        assert report["province_total"][measure] == sum(row[measure] for row in report["rows"])
    json.dumps(report)  # plain JSON types only


def test_province_codes_are_all_provinces_sorted(hp, vk):
    assert hp.province_codes() == sorted(unit.unit_code for unit in hp.version.provinces())
    assert len(hp.province_codes()) == 63
    assert len(vk.province_codes()) == 34
    communes = sum(len(vk.report(code, vk.campaign.first_day)["rows"]) for code in vk.province_codes())
    assert communes == 3321


def test_unknown_province_or_date_outside_campaign_raises(hp):
    with pytest.raises(LookupError):
        hp.report("99", dt.date(2025, 5, 16))
    with pytest.raises(LookupError):
        hp.report("01", dt.date(2025, 5, 5))
    with pytest.raises(LookupError):
        hp.report("01", dt.date(2025, 5, 30))


def test_generated_at_is_before_the_deadline_normally(hp):
    for day in hp.campaign.days():
        stamp = _local_time(hp.report("01", day))
        assert stamp.date() == day
        assert dt.time(12, 0) <= stamp.time() <= dt.time(14, 55)


# -- realism --------------------------------------------------------------------------------


@pytest.mark.parametrize("campaign_id", [HP, VK])
def test_constraints_hold_everywhere_on_first_middle_and_last_day(campaign_id):
    simulator = FeedSimulator(campaign_id)
    days = simulator.campaign.days()
    for day in (days[0], days[len(days) // 2], days[-1]):
        for code in simulator.province_codes():
            for row in simulator.report(code, day)["rows"]:
                assert 0 <= row["agreed"] <= row["participated"] <= row["eligible"], (code, day, row)


@pytest.mark.parametrize(("campaign_id", "codes"), [(HP, ["01", "38", "48", "79"]), (VK, ["01", "12", "79"])])
def test_cumulative_figures_never_fall_over_the_campaign(campaign_id, codes):
    simulator = FeedSimulator(campaign_id)
    for code in codes:
        previous: dict[str, dict] = {}
        for day in simulator.campaign.days():
            for row in simulator.report(code, day)["rows"]:
                assert 0 <= row["agreed"] <= row["participated"] <= row["eligible"]
                before = previous.get(row["commune_code"])
                if before is not None:
                    assert row["participated"] >= before["participated"], (code, day, row, before)
                    assert row["agreed"] >= before["agreed"], (code, day, row, before)
                    assert row["eligible"] >= before["eligible"], (code, day, row, before)
                previous[row["commune_code"]] = row


@pytest.mark.parametrize("campaign_id", [HP, VK])
def test_province_and_commune_sizes_are_in_range(campaign_id):
    simulator = FeedSimulator(campaign_id)
    totals = []
    for day in (simulator.campaign.first_day, simulator.campaign.last_day):
        for code in simulator.province_codes():
            report = simulator.report(code, day)
            totals.append(report["province_total"]["eligible"])
            for row in report["rows"]:
                assert 300 <= row["eligible"] <= 100_000, (code, row)
    assert all(200_000 <= total <= 8_000_000 for total in totals), (min(totals), max(totals))
    assert max(totals) > 4 * min(totals)  # provinces really differ in size
    national = sum(totals[len(totals) // 2 :])
    assert 40_000_000 <= national <= 80_000_000


def test_bigger_provinces_have_more_eligible_citizens(hp):
    day = hp.campaign.first_day
    thanh_hoa = hp.report("38", day)["province_total"]["eligible"]  # 549 communes
    lai_chau = hp.report("12", day)["province_total"]["eligible"]  # around a hundred
    assert thanh_hoa > lai_chau


def test_participation_is_s_shaped_and_differs_between_provinces(hp):
    days = hp.campaign.days()
    codes = hp.province_codes()
    first = {code: _rate(hp.report(code, days[0])) for code in codes}
    middle = {code: _rate(hp.report(code, days[len(days) // 2])) for code in codes}
    last = {code: _rate(hp.report(code, days[-1])) for code in codes}
    assert max(first.values()) < 0.15  # a slow start
    assert all(0.5 <= rate <= 0.995 for rate in last.values())
    assert max(last.values()) - min(last.values()) > 0.2  # final levels differ
    # Rankings move over the campaign.
    assert sorted(codes, key=middle.get) != sorted(codes, key=last.get)
    # Logistic: national daily increments are small at the ends and largest in between.
    national = [sum(hp.report(code, day)["province_total"]["participated"] for code in codes) for day in days]
    increments = [later - earlier for earlier, later in itertools.pairwise(national)]
    peak = increments.index(max(increments))
    assert 0 < peak < len(increments) - 1
    assert increments[0] < max(increments) / 2 and increments[-1] < max(increments) / 2


def test_agreed_is_a_little_under_participated(hp):
    report = hp.report("01", hp.campaign.last_day)
    total = report["province_total"]
    assert 0.85 <= total["agreed"] / total["participated"] <= 0.995


def test_communes_vary_within_a_province(hp):
    rows = hp.report("01", hp.campaign.last_day)["rows"]
    rates = [row["participated"] / row["eligible"] for row in rows]
    assert max(rates) - min(rates) > 0.1
    assert len({row["eligible"] for row in rows}) > len(rows) * 0.9


def test_a_report_is_fast_once_the_province_is_known():
    simulator = FeedSimulator(HP)
    simulator.report("38", dt.date(2025, 5, 6))  # warm the per-commune parameters
    started = time.perf_counter()
    for day in simulator.campaign.days():
        simulator.report("38", day)  # 549 communes
    per_report = (time.perf_counter() - started) / len(simulator.campaign.days())
    assert per_report < 0.02


# -- content faults -------------------------------------------------------------------------


def test_late_fault_moves_generated_at_after_the_deadline():
    day = dt.date(2025, 5, 16)
    simulator = FeedSimulator(HP, faults={("30", day): Fault("late")})
    stamp = _local_time(simulator.report("30", day))
    assert stamp.date() == day
    assert dt.time(16, 10) <= stamp.time() <= dt.time(18, 0)
    assert simulator.is_published("30", day)


def test_out_of_range_fault_breaks_exactly_one_row():
    day = dt.date(2025, 5, 16)
    simulator = FeedSimulator(HP, faults={("30", day): Fault("out_of_range")})
    report = simulator.report("30", day)
    broken = [row for row in report["rows"] if row["participated"] > row["eligible"]]
    assert len(broken) == 1
    assert report["province_total"]["participated"] == sum(row["participated"] for row in report["rows"])
    assert simulator.report("30", day) == report  # deterministic
    assert all(row["participated"] <= row["eligible"] for row in simulator.report("30", day + dt.timedelta(1))["rows"])


def test_missing_fault_is_not_published():
    day = dt.date(2025, 5, 16)
    simulator = FeedSimulator(HP, faults={("30", day): Fault("missing")})
    assert not simulator.is_published("30", day)
    assert simulator.is_published("30", day + dt.timedelta(days=1))
    assert simulator.is_published("01", day)


def test_fault_rejects_unknown_kind_and_bad_count():
    with pytest.raises(ValueError):
        Fault("explode")
    with pytest.raises(ValueError):
        Fault("server_error", count=0)


def test_default_tokens_are_one_per_province():
    assert default_tokens(["01", "30"]) == {"01": "sim-token-01", "30": "sim-token-30"}


# -- landing files --------------------------------------------------------------------------


def _read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_csv_landing_files_match_the_reports(tmp_path, vk):
    days = vk.campaign.days()[:2]
    paths = write_landing(vk, tmp_path, days, province_codes=["01", "79"])
    assert sorted(paths) == sorted(tmp_path / VK / code / f"{day}.csv" for code in ("01", "79") for day in days)
    names = {unit.unit_code: unit.name for unit in vk.version.communes_of("79")}
    path = tmp_path / VK / "79" / f"{days[1]}.csv"
    header, *rows = _read_csv(path)
    assert header == ["commune_code", "commune_name", "eligible", "participated", "agreed"]
    report = vk.report("79", days[1])
    assert [[row[0], int(row[2]), int(row[3]), int(row[4])] for row in rows] == [
        [row["commune_code"], row["eligible"], row["participated"], row["agreed"]] for row in report["rows"]
    ]
    for row in rows:
        assert row[1] == names[row[0]]
        assert unicodedata.is_normalized("NFC", row[1])
    assert os.stat(path).st_mtime == dt.datetime.fromisoformat(report["generated_at"]).timestamp()
    assert not list(tmp_path.rglob(".*.tmp"))


def test_xlsx_landing_files_keep_codes_as_text(tmp_path, vk):
    day = vk.campaign.first_day
    [path] = write_landing(vk, tmp_path, [day], formats=("xlsx",), province_codes=["01"])
    assert path == tmp_path / VK / "01" / f"{day}.xlsx"
    sheet = load_workbook(path, read_only=True).worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("commune_code", "commune_name", "eligible", "participated", "agreed")
    report = vk.report("01", day)
    assert [(row[0], row[2], row[3], row[4]) for row in values[1:]] == [
        (row["commune_code"], row["eligible"], row["participated"], row["agreed"]) for row in report["rows"]
    ]
    assert all(isinstance(row[0], str) and len(row[0]) == 5 for row in values[1:])
    assert any(row[0].startswith("0") for row in values[1:])
    assert os.stat(path).st_mtime == dt.datetime.fromisoformat(report["generated_at"]).timestamp()


def test_landing_faults(tmp_path):
    day = dt.date(2025, 11, 3)
    simulator = FeedSimulator(
        VK,
        faults={
            ("01", day): Fault("missing"),
            ("79", day): Fault("malformed"),
            ("12", day): Fault("late"),
            ("31", day): Fault("out_of_range"),
            ("08", day): Fault("server_error", count=3),
        },
    )
    paths = write_landing(
        simulator, tmp_path, [day], formats=("csv", "xlsx"), province_codes=["01", "79", "12", "31", "08"]
    )
    assert not (tmp_path / VK / "01").exists()
    assert len(paths) == 8

    _, *rows = _read_csv(tmp_path / VK / "79" / f"{day}.csv")
    assert [row[2] for row in rows if not row[2].isdigit()] == ["không rõ"]
    sheet = load_workbook(tmp_path / VK / "79" / f"{day}.xlsx").worksheets[0]
    assert [cell.value for cell in sheet["C"][1:] if not isinstance(cell.value, int)] == ["không rõ"]

    late = dt.datetime.fromtimestamp(os.stat(tmp_path / VK / "12" / f"{day}.csv").st_mtime, TZ7)
    assert late.date() == day and late.time() > DEADLINE

    _, *rows = _read_csv(tmp_path / VK / "31" / f"{day}.csv")
    assert sum(int(row[3]) > int(row[2]) for row in rows) == 1

    _, *rows = _read_csv(tmp_path / VK / "08" / f"{day}.csv")  # transport faults do not touch files
    assert all(int(row[4]) <= int(row[3]) <= int(row[2]) for row in rows)
    on_time = dt.datetime.fromtimestamp(os.stat(tmp_path / VK / "08" / f"{day}.csv").st_mtime, TZ7)
    assert on_time.time() < DEADLINE


def test_mixed_format_gives_one_file_per_report(tmp_path, vk):
    paths = write_landing(vk, tmp_path, [vk.campaign.first_day], formats=("mixed",))
    assert len(paths) == 34
    assert {path.suffix for path in paths} == {".csv", ".xlsx"}
    assert len({path.parent for path in paths}) == 34


def test_unknown_format_is_rejected(tmp_path, vk):
    with pytest.raises(ValueError):
        write_landing(vk, tmp_path, [vk.campaign.first_day], formats=("json",))


# -- default output is frozen ---------------------------------------------------------------

# SHA-256 of reports and files computed from the simulator before the breakdown mode existed: the
# default output must stay byte for byte what other tests, fixtures and published figures rely on.
# The VK report was re-frozen when vn-2025-07 moved from the June 2025 draft list to the official
# NSO list: its communes (codes, names, order) changed, the simulator did not.
FROZEN_REPORTS = [
    (HP, "30", dt.date(2025, 5, 16), "305ee74bd10cfe25086cd1ee4f3a05f9917952bb54091ffd01cd891d6d0b1502"),
    (HP, "38", dt.date(2025, 5, 29), "b90a1845adec7d7a7067c7aee32e759da56d4abab3d3da56956846a1836aff7e"),
    (VK, "79", dt.date(2025, 11, 3), "795aaeee230404b0ec3c2f9a1bee8b269a7813e7f5115daab7a4dd3ebdaae05f"),
]
# HP, 2025-05-16, all 63 provinces: the HTTP bodies as served, `json.dumps(report, ensure_ascii=False)`.
FROZEN_NATIONAL_BODIES = "62c344e853408c30ae15b67ae90e743ee7b3980e68b7d54bb49cedbabbc0e951"
# VK files, re-frozen with the official NSO list like the VK report above.
FROZEN_CSV = {
    "01": "41eda1e4052c676a842e395f857a2729aa415161ad0dafcb61f0a5bf19e4c5d6",
    "79": "e8ff9b09fec9cbe96599ebe5ac670f5618c58cabcf24bb1c5d532a0d7edb7a4b",  # with the malformed fault
}


def _digest(report: dict) -> str:
    return hashlib.sha256(json.dumps(report, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


@pytest.mark.parametrize(("campaign_id", "code", "day", "expected"), FROZEN_REPORTS)
def test_default_reports_are_unchanged(campaign_id, code, day, expected):
    simulator = FeedSimulator(campaign_id)
    assert _digest(simulator.report(code, day)) == expected
    assert list(simulator.iter_report_rows(code, day)) == simulator.report(code, day)["rows"]


def test_default_national_day_is_unchanged(hp):
    national = hashlib.sha256()
    for code in hp.province_codes():
        report = hp.report(code, dt.date(2025, 5, 16))
        assert all(list(row) == ["commune_code", "eligible", "participated", "agreed"] for row in report["rows"])
        national.update(json.dumps(report, ensure_ascii=False).encode("utf-8"))
    assert national.hexdigest() == FROZEN_NATIONAL_BODIES


def test_default_csv_files_are_unchanged(tmp_path):
    day = dt.date(2025, 11, 3)
    simulator = FeedSimulator(VK, faults={("79", day): Fault("malformed")})
    paths = write_landing(simulator, tmp_path, [day], province_codes=["01", "79"])
    assert {path.parent.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in paths} == FROZEN_CSV


# -- breakdown ------------------------------------------------------------------------------

GROUPS = (
    "Cán bộ, công chức, viên chức",
    "Công nhân khu công nghiệp",
    "Học sinh, sinh viên",
    "Lực lượng vũ trang",
    "Người dân khác",
)
VK_SECTIONS = (
    "Báo cáo chính trị",
    "Báo cáo kinh tế - xã hội",
    "Báo cáo tổng kết công tác xây dựng Đảng",
    "Điều lệ Đảng (sửa đổi)",
    "Chương trình hành động",
)
MEASURES = ("eligible", "participated", "agreed")


@pytest.fixture(scope="module")
def hp_breakdown() -> FeedSimulator:
    return FeedSimulator(HP, breakdown=True)


@pytest.fixture(scope="module")
def vk_breakdown() -> FeedSimulator:
    return FeedSimulator(VK, breakdown=True)


def _blocks(simulator: FeedSimulator, rows: list[dict]) -> list[list[dict]]:
    size = simulator.rows_per_commune
    assert len(rows) % size == 0
    return [rows[start : start + size] for start in range(0, len(rows), size)]


def _check_block(simulator: FeedSimulator, block: list[dict]) -> None:
    """One commune's rows: total, groups, then (section, group) rows, with every invariant."""
    groups, sections = simulator.citizen_groups, simulator.sections
    total, by_group, crossed = block[0], block[1 : 1 + len(groups)], block[1 + len(groups) :]
    assert len(crossed) == len(sections) * len(groups)
    assert {row["commune_code"] for row in block} == {total["commune_code"]}
    assert (total["section"], total["citizen_group"]) == ("", "")
    assert [(row["section"], row["citizen_group"]) for row in by_group] == [("", group) for group in groups]
    assert [(row["section"], row["citizen_group"]) for row in crossed] == [
        (section, group) for section in sections for group in groups
    ]
    for row in block:
        assert list(row) == ["commune_code", "eligible", "participated", "agreed", "section", "citizen_group"]
        assert all(type(row[measure]) is int for measure in MEASURES), row
        assert 0 <= row["agreed"] <= row["participated"] <= row["eligible"], row
    for measure in MEASURES:
        assert sum(row[measure] for row in by_group) == total[measure], (measure, block[:6])
    for index, row in enumerate(crossed):
        group = by_group[index % len(groups)]
        assert row["eligible"] == group["eligible"]
        assert row["participated"] <= group["participated"]
        assert row["agreed"] <= group["agreed"]


def test_breakdown_labels(hp, hp_breakdown, vk_breakdown):
    assert hp_breakdown.citizen_groups == GROUPS
    assert hp_breakdown.sections == tuple(
        f"Chương {numeral}" for numeral in ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
    )
    assert vk_breakdown.sections[:5] == VK_SECTIONS
    assert 8 <= len(vk_breakdown.sections) <= 10
    assert len(set(vk_breakdown.sections)) == len(vk_breakdown.sections)
    for label in (*hp_breakdown.sections, *vk_breakdown.sections, *GROUPS):
        assert isinstance(label, str) and label and unicodedata.is_normalized("NFC", label)
    assert isinstance(hp_breakdown.sections, tuple) and isinstance(hp_breakdown.citizen_groups, tuple)
    assert (hp.sections, hp.citizen_groups) == (hp_breakdown.sections, GROUPS)  # exposed without breakdown too
    assert (hp.rows_per_commune, hp_breakdown.rows_per_commune, vk_breakdown.rows_per_commune) == (1, 56, 46)


@pytest.mark.parametrize(("campaign_id", "codes"), [(HP, ["01", "12", "38"]), (VK, ["01", "79"])])
def test_breakdown_rows_partition_the_commune_totals(campaign_id, codes):
    plain, simulator = FeedSimulator(campaign_id), FeedSimulator(campaign_id, breakdown=True)
    days = simulator.campaign.days()
    for code in codes:
        for day in (days[0], days[len(days) // 2], days[-1]):
            report, default = simulator.report(code, day), plain.report(code, day)
            blocks = _blocks(simulator, report["rows"])
            assert len(report["rows"]) == simulator.rows_per_commune * len(default["rows"])
            for block in blocks:
                _check_block(simulator, block)
            # The total rows are exactly today's rows, in the same (commune code) order.
            totals = [
                {key: row[key] for key in ("commune_code", *MEASURES)} for row in report["rows"][:: len(blocks[0])]
            ]
            assert totals == default["rows"]
            assert report["province_total"] == default["province_total"]
            assert {key: report[key] for key in report if key != "rows"} == {
                key: default[key] for key in default if key != "rows"
            }
            json.dumps(report)


@pytest.mark.parametrize(("campaign_id", "codes"), [(HP, ["01", "38", "48"]), (VK, ["12", "79"])])
def test_breakdown_figures_never_fall_over_the_campaign(campaign_id, codes):
    simulator = FeedSimulator(campaign_id, breakdown=True)
    for code in codes:
        previous: dict[tuple[str, str, str], dict] = {}
        for day in simulator.campaign.days():
            for row in simulator.iter_report_rows(code, day):
                key = (row["commune_code"], row["section"], row["citizen_group"])
                before = previous.get(key)
                if before is not None:
                    for measure in MEASURES:
                        assert row[measure] >= before[measure], (code, day, key, measure, before, row)
                previous[key] = row
        assert len(previous) == simulator.rows_per_commune * len(simulator.commune_names(code))


def test_breakdown_is_deterministic_and_depends_on_the_seed():
    keys = [("79", dt.date(2025, 5, 29)), ("01", dt.date(2025, 5, 6)), ("30", dt.date(2025, 5, 16))]
    first, second = FeedSimulator(HP, seed=7, breakdown=True), FeedSimulator(HP, seed=7, breakdown=True)
    forward = [first.report(code, day) for code, day in keys]
    backward = [second.report(code, day) for code, day in reversed(keys)][::-1]
    assert json.dumps(forward, ensure_ascii=False) == json.dumps(backward, ensure_ascii=False)
    for (code, day), report in zip(keys, forward, strict=True):
        assert list(first.iter_report_rows(code, day)) == report["rows"]
    other = FeedSimulator(HP, seed=8, breakdown=True).report("30", dt.date(2025, 5, 16))["rows"]
    assert other != forward[2]["rows"]


def test_iter_report_rows_checks_its_arguments_at_once(hp_breakdown):
    with pytest.raises(LookupError):
        hp_breakdown.iter_report_rows("99", dt.date(2025, 5, 16))
    with pytest.raises(LookupError):
        hp_breakdown.iter_report_rows("01", dt.date(2025, 5, 30))


def test_breakdown_looks_like_a_consultation(hp_breakdown):
    """Officials and the armed forces take part more than other residents; sections are read unevenly."""
    rows = hp_breakdown.report("01", hp_breakdown.campaign.last_day)["rows"]
    by_group = {group: [0, 0] for group in GROUPS}
    by_section = {section: [0, 0] for section in hp_breakdown.sections}
    group_participated = {}
    for row in rows:
        if row["section"] == "" and row["citizen_group"]:
            by_group[row["citizen_group"]][0] += row["participated"]
            by_group[row["citizen_group"]][1] += row["eligible"]
            group_participated[(row["commune_code"], row["citizen_group"])] = row["participated"]
    for row in rows:
        if row["section"]:
            within = group_participated[(row["commune_code"], row["citizen_group"])]
            by_section[row["section"]][0] += row["participated"]
            by_section[row["section"]][1] += within
            if within >= 100:  # shares 40 %-95 % of the group's participants, give or take rounding
                assert 0.39 <= row["participated"] / within <= 0.95, row
    rate = {group: participated / eligible for group, (participated, eligible) in by_group.items()}
    assert rate["Cán bộ, công chức, viên chức"] > rate["Người dân khác"]
    assert rate["Lực lượng vũ trang"] > rate["Người dân khác"]
    assert all(eligible > 0 for _, eligible in by_group.values())
    read = [participated / within for participated, within in by_section.values()]
    assert max(read) - min(read) > 0.1
    assert len({round(share, 3) for share in read}) == len(read)


def test_breakdown_out_of_range_breaks_one_commune_total_row():
    day = dt.date(2025, 5, 16)
    simulator = FeedSimulator(HP, breakdown=True, faults={("30", day): Fault("out_of_range")})
    report = simulator.report("30", day)
    broken = [index for index, row in enumerate(report["rows"]) if row["participated"] > row["eligible"]]
    assert broken == [simulator.faulty_row_index("30", day)]
    assert broken[0] % simulator.rows_per_commune == 0
    assert report["rows"][broken[0]]["section"] == report["rows"][broken[0]]["citizen_group"] == ""
    totals = report["rows"][:: simulator.rows_per_commune]
    for measure in MEASURES:
        assert report["province_total"][measure] == sum(row[measure] for row in totals)
    plain = FeedSimulator(HP, faults={("30", day): Fault("out_of_range")}).report("30", day)
    assert report["province_total"] == plain["province_total"]


def test_breakdown_csv_and_xlsx_carry_the_dimension_columns(tmp_path, vk_breakdown):
    day = vk_breakdown.campaign.first_day
    paths = write_landing(vk_breakdown, tmp_path, [day], formats=("csv", "xlsx"), province_codes=["01"])
    assert [path.suffix for path in paths] == [".csv", ".xlsx"]
    report = vk_breakdown.report("01", day)
    expected = [
        [row["commune_code"], row["eligible"], row["participated"], row["agreed"], row["section"], row["citizen_group"]]
        for row in report["rows"]
    ]
    names = vk_breakdown.commune_names("01")

    header, *rows = _read_csv(paths[0])
    assert header == ["commune_code", "commune_name", "eligible", "participated", "agreed", "section", "citizen_group"]
    assert [[row[0], int(row[2]), int(row[3]), int(row[4]), row[5], row[6]] for row in rows] == expected
    assert all(row[1] == names[row[0]] for row in rows)
    assert rows[0][5:] == ["", ""]

    values = list(load_workbook(paths[1], read_only=True).worksheets[0].iter_rows(values_only=True))
    assert values[0] == tuple(header)
    # openpyxl stores "" as an empty text cell, which reads back as None: blank either way.
    assert [[row[0], row[2], row[3], row[4], row[5] or "", row[6] or ""] for row in values[1:]] == expected
    assert all(isinstance(row[0], str) and len(row[0]) == 5 for row in values[1:])
    for path in paths:
        assert os.stat(path).st_mtime == dt.datetime.fromisoformat(report["generated_at"]).timestamp()


def test_breakdown_landing_streams_csv_and_builds_each_report_once(tmp_path, monkeypatch):
    day = dt.date(2025, 11, 3)
    simulator = FeedSimulator(VK, breakdown=True, faults={("79", day): Fault("malformed")})
    builds: list[tuple[str, dt.date]] = []
    iter_report_rows = simulator.iter_report_rows

    def counting(code, report_date):
        builds.append((code, report_date))
        return iter_report_rows(code, report_date)

    def forbidden(*args):
        raise AssertionError("write_landing must not materialise the report")

    monkeypatch.setattr(simulator, "iter_report_rows", counting)
    monkeypatch.setattr(simulator, "report", forbidden)
    write_landing(simulator, tmp_path / "csv", [day], province_codes=["01", "79"])
    write_landing(simulator, tmp_path / "both", [day], formats=("csv", "xlsx"), province_codes=["01", "79"])
    write_landing(simulator, tmp_path / "mixed", [day], formats=("mixed",), province_codes=["01", "79"])
    assert sorted(builds) == sorted([("01", day), ("79", day)] * 3)

    _, *rows = _read_csv(tmp_path / "csv" / VK / "79" / f"{day}.csv")
    damaged = [index for index, row in enumerate(rows) if not row[2].isdigit()]
    assert damaged == [simulator.faulty_row_index("79", day)]
    assert rows[damaged[0]][2] == "không rõ" and rows[damaged[0]][5:] == ["", ""]


def test_a_national_day_with_breakdown_is_fast(tmp_path):
    """hien-phap-2025: 10,051 communes x 56 rows, all 63 provinces written as CSV."""
    simulator = FeedSimulator(HP, breakdown=True)
    started = time.perf_counter()
    paths = write_landing(simulator, tmp_path, [dt.date(2025, 5, 16)])
    elapsed = time.perf_counter() - started
    assert len(paths) == 63
    rows = 0
    for path in paths:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows += sum(1 for _ in handle) - 1
    assert rows == 10_051 * 56 == 562_856
    assert elapsed < 60, elapsed
