"""The simulator's HTTP feed over real sockets on 127.0.0.1 (urllib, no mocks)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from vneid_pipeline.simulator import Fault, FeedSimulator, serve_feed

CAMPAIGN = "hien-phap-2025"
DAY = dt.date(2025, 5, 16)
PLUGINS = Path(__file__).resolve().parents[2] / "plugins"

FAULTS = {
    ("02", DAY): Fault("missing"),
    ("04", DAY): Fault("server_error", count=2),
    ("06", DAY): Fault("timeout", count=1, delay_seconds=1.5),
    ("08", DAY): Fault("malformed"),
    ("10", DAY): Fault("late"),
    ("11", DAY): Fault("out_of_range"),
    ("12", DAY): Fault("server_error", count=3),
}


@pytest.fixture(scope="module")
def simulator() -> FeedSimulator:
    return FeedSimulator(CAMPAIGN, faults=FAULTS)


@pytest.fixture(scope="module")
def feed(simulator):
    with serve_feed(simulator) as server:
        yield server


def _url(feed, province: str, day: str = DAY.isoformat(), campaign: str = CAMPAIGN) -> str:
    return f"{feed.base_url}/v1/campaigns/{campaign}/provinces/{province}/reports/{day}"


def _get(url: str, token: str | None = None, timeout: float = 5.0) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url)
    if token is not None:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, dict(error.headers), error.read()


def _report(feed, province: str, **kwargs) -> tuple[int, dict[str, str], bytes]:
    return _get(_url(feed, province, **kwargs), token=f"sim-token-{province}")


def test_base_url_and_health(feed):
    assert feed.base_url.startswith("http://127.0.0.1:")
    status, _, body = _get(f"{feed.base_url}/healthz")
    assert status == 200
    assert json.loads(body)["status"] == "ok"


def test_normal_report_is_served_as_json(feed, simulator):
    status, headers, body = _report(feed, "01")
    assert status == 200
    assert headers["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(body.decode("utf-8")) == simulator.report("01", DAY)


def test_missing_or_wrong_token_is_401(feed):
    assert _get(_url(feed, "01"))[0] == 401
    assert _get(_url(feed, "01"), token="not-a-token")[0] == 401
    request = urllib.request.Request(_url(feed, "01"), headers={"Authorization": "Basic c2ltOnRva2Vu"})
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(request, timeout=5)
    assert raised.value.code == 401
    raised.value.close()


def test_token_of_another_province_is_403(feed):
    status, _, body = _get(_url(feed, "01"), token="sim-token-79")
    assert status == 403
    assert json.loads(body)["error"] == "forbidden"


@pytest.mark.parametrize(
    ("province", "day", "campaign", "error"),
    [
        ("02", DAY.isoformat(), CAMPAIGN, "not_published"),
        ("01", DAY.isoformat(), "van-kien-dai-hoi-xiv", "unknown_campaign"),
        ("99", DAY.isoformat(), CAMPAIGN, "unknown_province"),
        ("01", "2025-05-30", CAMPAIGN, "outside_campaign"),
        ("01", "2025-05-05", CAMPAIGN, "outside_campaign"),
    ],
)
def test_not_found_cases_are_404_with_a_json_body(feed, province, day, campaign, error):
    token = "sim-token-01" if province == "99" else f"sim-token-{province}"
    status, headers, body = _get(_url(feed, province, day=day, campaign=campaign), token=token)
    assert status == 404
    assert headers["Content-Type"].startswith("application/json")
    assert json.loads(body)["error"] == error


def test_unparseable_date_is_400(feed):
    assert _report(feed, "01", day="16-05-2025")[0] == 400


def test_server_error_then_success(feed, simulator):
    assert _report(feed, "04")[0] == 503
    assert _report(feed, "04")[0] == 503
    status, _, body = _report(feed, "04")
    assert status == 200
    assert json.loads(body) == simulator.report("04", DAY)
    assert _report(feed, "04")[0] == 200
    assert _report(feed, "04", day="2025-05-17")[0] == 200  # only that day is faulty


def test_server_error_count_is_exact_under_concurrency(feed):
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda _: _report(feed, "12")[0], range(12)))
    assert statuses.count(503) == 3
    assert statuses.count(200) == 9
    assert feed.request_count("12", DAY) == 12


def test_timeout_then_success(feed, simulator):
    started = time.monotonic()
    with pytest.raises((TimeoutError, socket.timeout, urllib.error.URLError)):
        _get(_url(feed, "06"), token="sim-token-06", timeout=0.4)
    assert time.monotonic() - started < 1.4
    started = time.monotonic()
    status, _, body = _get(_url(feed, "06"), token="sim-token-06", timeout=5)
    assert status == 200
    assert time.monotonic() - started < 1.0
    assert json.loads(body) == simulator.report("06", DAY)


def test_malformed_is_200_with_truncated_json(feed):
    status, _, body = _report(feed, "08")
    assert status == 200
    assert body.startswith(b'{"schema_version": 1')
    with pytest.raises(json.JSONDecodeError):
        json.loads(body)


def test_late_report_has_generated_at_after_the_deadline(feed):
    status, _, body = _report(feed, "10")
    assert status == 200
    stamp = dt.datetime.fromisoformat(json.loads(body)["generated_at"])
    assert stamp.utcoffset() == dt.timedelta(hours=7)
    assert stamp.date() == DAY and stamp.time() > dt.time(15, 0)
    on_time = dt.datetime.fromisoformat(json.loads(_report(feed, "01")[2])["generated_at"])
    assert on_time.time() < dt.time(15, 0)


def test_out_of_range_report_has_one_bad_row(feed):
    status, _, body = _report(feed, "11")
    assert status == 200
    rows = json.loads(body)["rows"]
    assert sum(row["participated"] > row["eligible"] for row in rows) == 1


def test_custom_tokens_and_shutdown():
    simulator = FeedSimulator("van-kien-dai-hoi-xiv")
    server = serve_feed(simulator, tokens={"01": "secret-hanoi"})
    day = simulator.campaign.first_day.isoformat()
    with server:
        assert _get(_url(server, "01", day=day, campaign=simulator.campaign_id), token="secret-hanoi")[0] == 200
        assert _get(_url(server, "01", day=day, campaign=simulator.campaign_id), token="sim-token-01")[0] == 401
        assert _get(_url(server, "79", day=day, campaign=simulator.campaign_id), token="secret-hanoi")[0] == 403
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"{server.base_url}/healthz", timeout=2)


def test_shutdown_does_not_wait_for_a_sleeping_request():
    simulator = FeedSimulator(CAMPAIGN, faults={("01", DAY): Fault("timeout", delay_seconds=30)})
    server = serve_feed(simulator)
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(_get, _url(server, "01"), "sim-token-01", 30)
        time.sleep(0.2)
        started = time.monotonic()
        server.shutdown()
        assert time.monotonic() - started < 2
        with pytest.raises((urllib.error.URLError, ConnectionError, OSError)):
            pending.result(timeout=5)


def _cli(*args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(PLUGINS)}
    return subprocess.Popen(
        [sys.executable, "-m", "vneid_pipeline.simulator", *args],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs,
    )  # fmt: skip


def test_cli_serve_prints_the_base_url_and_serves():
    process = _cli("serve", "--campaign", CAMPAIGN, "--host", "127.0.0.1", "--port", "0", "--seed", "2025",
                   "--fault", f"01:{DAY}:missing")  # fmt: skip
    try:
        base_url = process.stdout.readline().strip()
        assert base_url.startswith("http://127.0.0.1:")
        assert _get(f"{base_url}/healthz")[0] == 200
        status, _, body = _get(f"{base_url}/v1/campaigns/{CAMPAIGN}/provinces/79/reports/{DAY}", token="sim-token-79")
        assert status == 200
        assert json.loads(body) == FeedSimulator(CAMPAIGN, seed=2025).report("79", DAY)
        assert _get(f"{base_url}/v1/campaigns/{CAMPAIGN}/provinces/01/reports/{DAY}", token="sim-token-01")[0] == 404
    finally:
        process.terminate()
        assert process.wait(timeout=10) == 0
        process.stdout.close()
        process.stderr.close()


def test_cli_write_files(tmp_path):
    process = _cli("write-files", "--campaign", "van-kien-dai-hoi-xiv", "--landing", str(tmp_path),
                   "--start", "2025-11-01", "--end", "2025-11-02", "--format", "both",
                   "--province", "01", "--province", "79")  # fmt: skip
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    written = sorted(path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*") if path.is_file())
    assert written == [
        f"van-kien-dai-hoi-xiv/{code}/2025-11-0{day}.{ext}"
        for code in ("01", "79")
        for day in (1, 2)
        for ext in ("csv", "xlsx")
    ]
    assert "wrote 8 files" in out

    bad = _cli("write-files", "--campaign", "van-kien-dai-hoi-xiv", "--landing", str(tmp_path), "--start", "2025-05-01")
    bad.communicate(timeout=60)
    assert bad.returncode == 2


# -- breakdown ------------------------------------------------------------------------------

BREAKDOWN_KEYS = ["commune_code", "eligible", "participated", "agreed", "section", "citizen_group"]


def test_breakdown_report_is_served_with_the_dimension_fields():
    simulator = FeedSimulator(CAMPAIGN, breakdown=True, faults={("11", DAY): Fault("out_of_range")})
    with serve_feed(simulator) as server:
        status, headers, body = _report(server, "38")  # Thanh Hóa: the most communes of this version
        assert status == 200
        assert int(headers["Content-Length"]) == len(body)
        report = json.loads(body.decode("utf-8"))
        assert report == simulator.report("38", DAY)
        assert len(report["rows"]) == 56 * len(simulator.commune_names("38"))
        assert all(list(row) == BREAKDOWN_KEYS for row in report["rows"])
        assert all(type(row[key]) is int for row in report["rows"] for key in ("eligible", "participated", "agreed"))
        totals = [row for row in report["rows"] if row["section"] == "" and row["citizen_group"] == ""]
        assert len(totals) == len(simulator.commune_names("38"))
        for measure in ("eligible", "participated", "agreed"):
            assert report["province_total"][measure] == sum(row[measure] for row in totals)
        assert {row["citizen_group"] for row in report["rows"]} == {"", *simulator.citizen_groups}
        assert {row["section"] for row in report["rows"]} == {"", *simulator.sections}

        rows = json.loads(_report(server, "11")[2])["rows"]
        broken = [row for row in rows if row["participated"] > row["eligible"]]
        assert len(broken) == 1 and broken[0]["section"] == broken[0]["citizen_group"] == ""


def test_cli_serve_with_breakdown():
    process = _cli("serve", "--campaign", CAMPAIGN, "--port", "0", "--breakdown")
    try:
        base_url = process.stdout.readline().strip()
        status, _, body = _get(f"{base_url}/v1/campaigns/{CAMPAIGN}/provinces/79/reports/{DAY}", token="sim-token-79")
        assert status == 200
        assert json.loads(body) == FeedSimulator(CAMPAIGN, breakdown=True).report("79", DAY)
    finally:
        process.terminate()
        assert process.wait(timeout=10) == 0
        process.stdout.close()
        process.stderr.close()


def test_cli_write_files_with_breakdown(tmp_path):
    process = _cli("write-files", "--campaign", "van-kien-dai-hoi-xiv", "--landing", str(tmp_path),
                   "--start", "2025-11-01", "--end", "2025-11-01", "--province", "79", "--breakdown")  # fmt: skip
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "wrote 1 files" in out
    path = tmp_path / "van-kien-dai-hoi-xiv" / "79" / "2025-11-01.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    assert header == ["commune_code", "commune_name", "eligible", "participated", "agreed", "section", "citizen_group"]
    simulator = FeedSimulator("van-kien-dai-hoi-xiv", breakdown=True)
    expected = simulator.report("79", dt.date(2025, 11, 1))["rows"]
    assert [[row[0], int(row[2]), int(row[3]), int(row[4]), row[5], row[6]] for row in rows] == [
        [row[key] for key in BREAKDOWN_KEYS] for row in expected
    ]
