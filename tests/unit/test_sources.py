"""The landing folder: which files make up a province-day, and which paths are refused."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from vneid_pipeline.sources import ReportNotPublishedError, landing_dir_for, list_landing, report_url

CAMPAIGN = "hien-phap-2025"
PROVINCE = "30"
DAY = dt.date(2025, 5, 16)


@pytest.fixture
def landing(tmp_path) -> Path:
    root = tmp_path / "landing"
    (root / CAMPAIGN / PROVINCE).mkdir(parents=True)
    return root


def put(landing: Path, name: str, content: bytes = b"x", mtime: dt.datetime | None = None) -> Path:
    path = landing / CAMPAIGN / PROVINCE / name
    path.write_bytes(content)
    if mtime is not None:
        os.utime(path, (mtime.timestamp(), mtime.timestamp()))
    return path


def test_plain_name_is_revision_one_and_suffix_gives_the_revision(landing):
    put(landing, "2025-05-16.r2.xlsx", b"second")
    put(landing, "2025-05-16.csv", b"first")
    found = list_landing(landing, CAMPAIGN, PROVINCE, DAY)
    assert [(r.revision_from_name, r.content_format, r.content) for r in found] == [
        (1, "csv", b"first"), (2, "xlsx", b"second")]
    for item in found:
        assert (item.campaign_id, item.province_code, item.report_date) == (CAMPAIGN, PROVINCE, DAY)
        assert item.source == "files"
        assert item.rejection is None
    assert Path(found[0].source_uri).name == "2025-05-16.csv"


def test_revisions_are_ordered_numerically(landing):
    for name in ("2025-05-16.r10.csv", "2025-05-16.r2.csv", "2025-05-16.r9.xlsx", "2025-05-16.csv"):
        put(landing, name)
    assert [r.revision_from_name for r in list_landing(landing, CAMPAIGN, PROVINCE, DAY)] == [1, 2, 9, 10]


def test_other_days_and_unrelated_names_are_ignored(landing):
    put(landing, "2025-05-16.csv", b"mine")
    for name in ("2025-05-15.csv", "2025-05-17.r2.xlsx", "2025-05-16.json", "2025-05-16.csv.bak", "2025-05-16.csv~",
                 "2025-05-16.r0.csv", "2025-05-16.r.csv", "2025-05-16.rx.csv", "notes.txt", "x2025-05-16.csv",
                 ".2025-05-16.csv.swp"):
        put(landing, name, b"other")
    (landing / CAMPAIGN / PROVINCE / "2025-05-16.r3.csv").mkdir()  # a folder, not a file
    found = list_landing(landing, CAMPAIGN, PROVINCE, DAY)
    assert [(Path(r.source_uri).name, r.content) for r in found] == [("2025-05-16.csv", b"mine")]


def test_csv_and_xlsx_for_the_same_revision_conflict(landing):
    put(landing, "2025-05-16.csv")
    put(landing, "2025-05-16.r2.csv")
    put(landing, "2025-05-16.r2.xlsx")
    found = list_landing(landing, CAMPAIGN, PROVINCE, DAY)
    assert [(r.revision_from_name, r.content_format) for r in found] == [(1, "csv"), (2, "csv"), (2, "xlsx")]
    assert found[0].rejection is None
    for item in found[1:]:
        rule, message = item.rejection
        assert rule == "ambiguous_submission"
        assert "2025-05-16.r2.csv" in message and "2025-05-16.r2.xlsx" in message
        assert "revision 2" in message


def test_revision_one_with_and_without_suffix_conflicts(landing):
    put(landing, "2025-05-16.csv")
    put(landing, "2025-05-16.r1.csv")
    found = list_landing(landing, CAMPAIGN, PROVINCE, DAY)
    assert [r.revision_from_name for r in found] == [1, 1]
    assert all(r.rejection and r.rejection[0] == "ambiguous_submission" for r in found)


def test_missing_province_folder_is_not_published(tmp_path):
    with pytest.raises(ReportNotPublishedError):
        list_landing(tmp_path, CAMPAIGN, PROVINCE, DAY)


def test_missing_file_for_the_day_is_not_published(landing):
    put(landing, "2025-05-15.csv")
    with pytest.raises(ReportNotPublishedError, match="2025-05-16"):
        list_landing(landing, CAMPAIGN, PROVINCE, DAY)


def test_symlinks_are_ignored(landing, tmp_path):
    outside = tmp_path / "secret.csv"
    outside.write_bytes(b"not a report")
    put(landing, "2025-05-16.csv", b"real")
    (landing / CAMPAIGN / PROVINCE / "2025-05-16.r2.csv").symlink_to(outside)
    found = list_landing(landing, CAMPAIGN, PROVINCE, DAY)
    assert [(r.revision_from_name, r.content) for r in found] == [(1, b"real")]


def test_only_a_symlink_means_not_published(landing, tmp_path):
    outside = tmp_path / "secret.csv"
    outside.write_bytes(b"not a report")
    (landing / CAMPAIGN / PROVINCE / "2025-05-16.csv").symlink_to(outside)
    with pytest.raises(ReportNotPublishedError):
        list_landing(landing, CAMPAIGN, PROVINCE, DAY)


def test_mtime_becomes_an_aware_utc_source_timestamp(landing):
    when = dt.datetime(2025, 5, 16, 15, 0, 1, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    put(landing, "2025-05-16.csv", mtime=when)
    (found,) = list_landing(landing, CAMPAIGN, PROVINCE, DAY)
    assert found.source_timestamp == when
    assert found.source_timestamp.utcoffset() == dt.timedelta(0)
    assert found.source_timestamp == dt.datetime(2025, 5, 16, 8, 0, 1, tzinfo=dt.UTC)


def test_landing_dir_is_inside_the_root(landing):
    folder = landing_dir_for(landing, CAMPAIGN, PROVINCE)
    assert folder == (landing / CAMPAIGN / PROVINCE).resolve()


def test_province_folder_linked_outside_the_root_is_refused(tmp_path):
    root = tmp_path / "landing"
    (root / CAMPAIGN).mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "2025-05-16.csv").write_bytes(b"x")
    (root / CAMPAIGN / PROVINCE).symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(ValueError, match="escapes"):
        landing_dir_for(root, CAMPAIGN, PROVINCE)
    with pytest.raises(ValueError):
        list_landing(root, CAMPAIGN, PROVINCE, DAY)


BAD_CAMPAIGNS = ["../x", "ab/../../etc", "..", "", "Hien-Phap-2025", "-leading-dash", "a b", "a/b", "x" * 65]
BAD_PROVINCES = ["3", "../x", "ab/../../etc", "..", "", "030", "3a", "٣٠", "/30"]


@pytest.mark.parametrize("campaign_id", BAD_CAMPAIGNS)
def test_bad_campaign_ids_are_rejected(landing, campaign_id):
    with pytest.raises(ValueError, match="campaign id"):
        landing_dir_for(landing, campaign_id, PROVINCE)
    with pytest.raises(ValueError, match="campaign id"):
        report_url("http://feed", campaign_id, PROVINCE, DAY)
    with pytest.raises(ValueError):
        list_landing(landing, campaign_id, PROVINCE, DAY)


@pytest.mark.parametrize("province_code", BAD_PROVINCES)
def test_bad_province_codes_are_rejected(landing, province_code):
    with pytest.raises(ValueError, match="province code"):
        landing_dir_for(landing, CAMPAIGN, province_code)
    with pytest.raises(ValueError, match="province code"):
        report_url("http://feed", CAMPAIGN, province_code, DAY)


@pytest.mark.parametrize("campaign_id,province_code", [(CAMPAIGN + "\n", PROVINCE), (CAMPAIGN, PROVINCE + "\n")])
def test_identifiers_with_a_trailing_newline_are_rejected(landing, campaign_id, province_code):
    with pytest.raises(ValueError):
        report_url("http://feed", campaign_id, province_code, DAY)


def test_report_url_follows_the_feed_contract():
    assert report_url("http://127.0.0.1:8765/", CAMPAIGN, "01", DAY) == (
        "http://127.0.0.1:8765/v1/campaigns/hien-phap-2025/provinces/01/reports/2025-05-16")
    assert report_url("https://feed.example/base", "van-kien-dai-hoi-xiv", "31", dt.date(2025, 11, 1)) == (
        "https://feed.example/base/v1/campaigns/van-kien-dai-hoi-xiv/provinces/31/reports/2025-11-01")


def test_a_file_over_the_size_limit_is_rejected_with_its_own_rule(landing, monkeypatch):
    from vneid_pipeline import sources

    monkeypatch.setattr(sources, "MAX_PAYLOAD_BYTES", 10)
    put(landing, "2025-05-16.csv", b"x" * 11)
    (found,) = list_landing(landing, CAMPAIGN, PROVINCE, DAY)
    assert found.rejection[0] == "file_too_large"
    assert "11 bytes" in found.rejection[1]
