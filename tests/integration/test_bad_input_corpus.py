"""Every malformed report of tests/corpus/ run through a real ingest: quarantined with its rule, or accepted
after normalisation, as tests/corpus/manifest.csv says.

CSV and XLSX cases are dropped into a landing folder; JSON cases are served by a small HTTP server on
127.0.0.1 that answers the feed URL with the case's bytes. Regenerate the corpus with
`.venv/bin/python tests/corpus/make_corpus.py`.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import importlib.util
import os
import sys
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from vneid_pipeline import ingest, publish, sources
from vneid_pipeline.simulator import FeedSimulator, write_landing

from .helpers import query, scalar, settings_for

CAMPAIGN = "hien-phap-2025"
DAY = dt.date(2025, 5, 16)
AFTER_CUTOFF = dt.datetime(2025, 5, 16, 16, 0, tzinfo=ingest.LOCAL_TZ)
BEFORE_DEADLINE = dt.datetime(2025, 5, 16, 13, 0, tzinfo=ingest.LOCAL_TZ)  # files' modification time
CORPUS_DIR = Path(__file__).resolve().parents[1] / "corpus"
EVIDENCE_BYTES = 64 * 1024  # what sources.list_landing keeps of a file over the size limit

_spec = importlib.util.spec_from_file_location("make_corpus", CORPUS_DIR / "make_corpus.py")
make_corpus = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("make_corpus", make_corpus)  # dataclasses look their module up there
_spec.loader.exec_module(make_corpus)

with (CORPUS_DIR / "manifest.csv").open(encoding="utf-8", newline="") as _handle:
    MANIFEST = list(csv.DictReader(_handle))

# Cases that exposed a bug in the package, now fixed; kept empty so a new one can be recorded here.
KNOWN_BUGS: dict[str, str] = {}


def _param(case: dict):
    bug = KNOWN_BUGS.get(case["case_id"])
    marks = [pytest.mark.xfail(strict=True, reason=bug)] if bug else []
    return pytest.param(case, id=case["case_id"], marks=marks)


@contextmanager
def serve_report(path: str, body: bytes):
    """A one-report feed: `path` answers 200 with `body` to any bearer token, anything else 404."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's naming)
            if not self.headers.get("Authorization", "").startswith("Bearer "):
                status, content = 401, b'{"error": "unauthorized"}'
            elif self.path.split("?", 1)[0] != path:
                status, content = 404, b'{"error": "not_found"}'
            else:
                status, content = 200, body
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        def log_message(self, format, *args):  # noqa: A002
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def land_case(case: dict, landing: Path) -> Path:
    """Put a file case where the file feed expects it, dated before the deadline; return its path."""
    folder = landing / CAMPAIGN / case["province_code"]
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{case['report_date']}.{case['format']}"
    if case["file"]:
        target.write_bytes((CORPUS_DIR / case["file"]).read_bytes())
    else:
        make_corpus.write_generated(case["case_id"], target)
    os.utime(target, (BEFORE_DEADLINE.timestamp(),) * 2)
    return target


def run_case(case: dict, uri: str, tmp_path: Path, monkeypatch) -> tuple[ingest.ProvinceOutcome, bytes]:
    """Ingest one corpus case; return the outcome and the bytes the pipeline was given."""
    province, day = case["province_code"], dt.date.fromisoformat(case["report_date"])
    if case["format"] == "json":
        body = (CORPUS_DIR / case["file"]).read_bytes()
        monkeypatch.delenv(f"VNEID_FEED_TOKEN_{province}", raising=False)
        monkeypatch.setenv("VNEID_FEED_TOKEN", "corpus-token")
        feed_path = sources.report_url("", CAMPAIGN, province, day)
        with serve_report(feed_path, body) as base_url:
            settings = settings_for(uri, source="http", feed_base_url=base_url, recheck_days=0)
            return ingest.ingest_province(settings, CAMPAIGN, province, day, now=AFTER_CUTOFF), body
    landing = tmp_path / "landing"
    path = land_case(case, landing)
    with path.open("rb") as handle:
        sent = handle.read(EVIDENCE_BYTES if case["expected_rule"] == "file_too_large" else -1)
    settings = settings_for(uri, source="files", landing_dir=landing, recheck_days=0)
    return ingest.ingest_province(settings, CAMPAIGN, province, day, now=AFTER_CUTOFF), sent


def test_manifest_lists_every_case_of_the_generator():
    assert [row["case_id"] for row in MANIFEST] == [case.case_id for case in make_corpus.CASES]
    assert len(MANIFEST) >= 34
    for row in MANIFEST:
        assert row["format"] in ("json", "csv", "xlsx")
        assert row["expected_outcome"] in ("quarantined", "accepted_after_normalisation")
        assert bool(row["expected_rule"]) == (row["expected_outcome"] == "quarantined"), row["case_id"]
        assert row["file"] == "" or (CORPUS_DIR / row["file"]).is_file(), row["case_id"]


@pytest.mark.parametrize("case", [case for case in make_corpus.CASES if case.build], ids=lambda case: case.case_id)
def test_stored_files_are_what_the_generator_writes(case):
    assert (CORPUS_DIR / case.file).read_bytes() == case.build(), "re-run tests/corpus/make_corpus.py"


@pytest.mark.parametrize("case", [_param(case) for case in MANIFEST])
def test_corpus_case(case, warehouse_uri, tmp_path, monkeypatch):
    outcome, sent = run_case(case, warehouse_uri, tmp_path, monkeypatch)
    province = case["province_code"]
    (payload_id, content, checksum), = query(
        warehouse_uri, "select payload_id, content, checksum from raw.report_payload where province_code = %s",
        [province])
    assert bytes(content) == sent  # stored byte for byte (a file over the limit: its first 64 KiB)
    assert checksum == hashlib.sha256(sent).hexdigest()
    status, reason = query(warehouse_uri, "select status, reason from dq.report_revision where payload_id = %s",
                           [payload_id])[0]
    rules = [rule for (rule,) in query(warehouse_uri, "select rule from dq.validation_failure "
                                                      "where payload_id = %s order by failure_number", [payload_id])]
    core_rows = query(warehouse_uri, "select commune_code, section, citizen_group, eligible, participated, agreed "
                                     "from core.commune_report where payload_id = %s", [payload_id])

    if case["expected_outcome"] == "quarantined":
        assert (outcome.target_day.status, status) == ("quarantined", "quarantined"), outcome.target_day
        assert case["expected_rule"] in rules, f"rules recorded: {rules}; reason: {reason}"
        assert case["expected_rule"] in reason
        assert outcome.target_day.reason == reason
        assert core_rows == []
        assert scalar(warehouse_uri, "select count(*) from core.province_report where payload_id = %s",
                      [payload_id]) == 0
    else:
        assert (outcome.target_day.status, status, reason, rules) == ("accepted", "accepted", None, [])
        expected = make_corpus.BY_ID[case["case_id"]].expected_core()
        assert sorted(core_rows) == sorted(expected)
        assert query(warehouse_uri, "select revision, is_current, is_late from core.province_report "
                                    "where payload_id = %s", [payload_id]) == [(1, True, False)]
    assert scalar(warehouse_uri, "select count(*) from staging.commune_report") == 0


def test_a_bad_province_does_not_hold_back_a_good_one(warehouse_uri, tmp_path):
    landing, publish_root = tmp_path / "landing", tmp_path / "publish"
    simulator = FeedSimulator(CAMPAIGN)
    write_landing(simulator, landing, [DAY], province_codes=["31"])
    bad = next(case for case in MANIFEST if case["case_id"] == "csv_duplicate_commune")
    land_case(bad, landing)
    settings = settings_for(warehouse_uri, source="files", landing_dir=landing, recheck_days=0)

    outcomes = {code: ingest.ingest_province(settings, CAMPAIGN, code, DAY, now=AFTER_CUTOFF).target_day.status
                for code in ("30", "31")}
    published = publish.publish_day(warehouse_uri, CAMPAIGN, DAY, publish_root)

    assert outcomes == {"30": "quarantined", "31": "accepted"}
    assert published.rows["province_daily"] == 63
    assert scalar(warehouse_uri, "select count(*) from mart.province_daily where report_date = %s", [DAY]) == 63
    statuses = dict(query(warehouse_uri, "select province_code, status from mart.report_status "
                                         "where campaign_id = %s and report_date = %s", [CAMPAIGN, DAY]))
    assert len(statuses) == 63
    assert (statuses.pop("30"), statuses.pop("31")) == ("quarantined", "accepted")
    assert set(statuses.values()) == {"missing"}
    assert scalar(warehouse_uri, "select reason from mart.report_status where report_date = %s "
                                 "and province_code = '30'", [DAY]).startswith("unique_commune_row: ")
    rows = simulator.report("31", DAY)["rows"]
    assert query(warehouse_uri, "select province_code, eligible, participated from mart.province_daily "
                                "where report_date = %s and province_code in ('30', '31') order by 1", [DAY]) == [
        ("30", None, None), ("31", sum(r["eligible"] for r in rows), sum(r["participated"] for r in rows))]
    assert scalar(warehouse_uri, "select provinces_reported from mart.national_daily where report_date = %s",
                  [DAY]) == 1

    feedback_dir = publish_root / CAMPAIGN / DAY.isoformat() / "feedback"
    assert sorted(path.name for path in feedback_dir.iterdir()) == ["30.csv"]
    raw = (feedback_dir / "30.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    duplicated = make_corpus.table("30")[3][0]
    assert {(line["Quy tắc"], line["Mã xã"]) for line in lines} == {("unique_commune_row", duplicated)}
    assert sorted(int(line["Dòng"]) for line in lines) == [4, make_corpus.COMMUNES + 1]
