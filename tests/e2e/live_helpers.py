"""Shared by the live-Airflow tests: a small synthetic administrative version, the feed simulator in
its own process, a webhook for the alerts, REST calls as any local user, and polling."""

from __future__ import annotations

import json
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from vneid_pipeline.localairflow import LocalAirflow, free_port

from ..integration.helpers import reference_with_version

# Three provinces of two communes each: a day is ingested and published in seconds.
UNITS = """unit_code,level,name,division_type,parent_code,province_code
01,province,Thành phố Hà Nội,thành phố trung ương,,01
98,province,Tỉnh Kiểm Thử,tỉnh,,98
99,province,Tỉnh Thử Nghiệm,tỉnh,,99
00070,commune,Phường Hoàn Kiếm,phường,01,01
00073,commune,Phường Cửa Nam,phường,01,01
98001,commune,Xã Bắc,xã,98,98
98002,commune,Xã Nam,xã,98,98
99001,commune,Xã Một,xã,99,99
99002,commune,Xã Hai,xã,99,99
"""
PROVINCE_CODES = ("01", "98", "99")
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def live_reference(target: Path, version_id: str, description: str, campaign_line: str,
                   valid_from: str, valid_to: str) -> Path:
    """The bundled reference data plus the three-province version, valid from `valid_from` to
    `valid_to` (in the past: a backfill refuses future dates), and its campaign."""
    reference = reference_with_version(target, version_id, UNITS, description, [campaign_line])
    versions = reference / "admin_versions.csv"
    versions.write_text(versions.read_text(encoding="utf-8").replace(
        f'{version_id},"{description}",2027-01-01,,', f'{version_id},"{description}",{valid_from},{valid_to},'),
        encoding="utf-8")
    return reference


def feed_tokens() -> dict[str, str]:
    return {f"VNEID_FEED_TOKEN_{code}": f"sim-token-{code}" for code in PROVINCE_CODES}


class Webhook(ThreadingHTTPServer):
    """Receives the alerts (`VNEID_ALERT_WEBHOOK`)."""

    def __init__(self) -> None:
        self.received: list[dict] = []
        webhook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                webhook.received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server_address[1]}/alert"


def scheduler_path_airflow(postgres_server, root: Path, name: str, reference: Path, campaign_id: str,
                           extra_env: dict[str, str]) -> tuple[LocalAirflow, int]:
    """A LocalExecutor Airflow (scheduler, dag-processor, api-server), not started yet, with its own
    warehouse `<name>_warehouse` and metadata database `<name>_airflow`, its alerts posted to a
    webhook of this test (`airflow.webhook`, to shut down), its reports fetched over HTTP from the
    feed simulator on the port returned; `extra_env` on top of that."""
    warehouse_uri = postgres_server.create_database(f"{name}_warehouse", recreate=True)
    metadata_uri = postgres_server.create_database(f"{name}_airflow", owner="airflow", recreate=True).replace(
        "postgresql://", "postgresql+psycopg2://", 1)
    webhook = Webhook()
    threading.Thread(target=webhook.serve_forever, daemon=True).start()
    feed_port = free_port()
    env = {
        "VNEID_REFERENCE_DIR": str(reference),
        "AIRFLOW_CONN_VNEID_WAREHOUSE": warehouse_uri,
        "VNEID_CAMPAIGN": campaign_id,
        "VNEID_SOURCE": "http",
        "VNEID_FEED_URL": f"http://127.0.0.1:{feed_port}",
        "VNEID_PUBLISH_ROOT": str(root / "publish"),
        "VNEID_ALERT_WEBHOOK": webhook.url,
        **feed_tokens(),
        **extra_env,
    }
    airflow = LocalAirflow(PROJECT_ROOT, home=root / "airflow", api_port=free_port(), extra_env=env,
                           metadata_uri=metadata_uri,
                           components={component: [component] for component in ("scheduler", "dag-processor", "api-server")})
    airflow.warehouse_uri, airflow.publish_root, airflow.webhook = warehouse_uri, root / "publish", webhook
    return airflow, feed_port


class Feed:
    """The feed simulator (`python -m vneid_pipeline.simulator serve`) as a supervised process of
    the live Airflow; `restart(faults)` serves the same campaign on the same port with other faults,
    as a province that corrects its report."""

    def __init__(self, airflow: LocalAirflow, campaign_id: str, port: int) -> None:
        self.airflow, self.campaign_id, self.port = airflow, campaign_id, port
        self.process = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, faults: list[str]) -> None:
        argv = [sys.executable, "-m", "vneid_pipeline.simulator", "serve", "--campaign", self.campaign_id,
                "--port", str(self.port)]
        for fault in faults:
            argv += ["--fault", fault]
        self.process = self.airflow.spawn("simulator", argv)
        wait_for(self._healthy, timeout=60, what="the feed simulator to answer /healthz")

    def restart(self, faults: list[str]) -> None:
        self.process.terminate()  # SIGTERM: the simulator shuts down as on Ctrl-C
        self.process.wait(30)
        self.start(faults)

    def _healthy(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError(f"the feed simulator exited with {self.process.returncode}; "
                                 f"see {self.airflow.log_path('simulator')}")
        try:
            with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:
                return json.load(response)["campaign_id"] == self.campaign_id
        except OSError:
            return False


def api_as(airflow: LocalAirflow, user: str, method: str, path: str, body: dict | None = None,
           _tokens: dict = {}) -> tuple[int, dict | None]:  # noqa: B006 (one token per user and Airflow)
    """A REST API v2 call as `user`: (HTTP status, decoded JSON), errors included."""
    key = (airflow.api_url, user)
    if key not in _tokens:
        _tokens[key] = airflow.token(user)
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"{airflow.api_url}{path}", data=data, method=method, headers={
        "Authorization": f"Bearer {_tokens[key]}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            status, payload = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, payload = error.code, error.read()
    return status, json.loads(payload) if payload else None


def runs(airflow: LocalAirflow, dag_id: str) -> list[dict]:
    """The DAG's runs, oldest first."""
    return airflow.api("GET", f"/api/v2/dags/{dag_id}/dagRuns?limit=100")["dag_runs"]


def task_instances(airflow: LocalAirflow, dag_id: str, run_id: str, task_id: str) -> list[dict]:
    found = airflow.api("GET", f"/api/v2/dags/{dag_id}/dagRuns/{run_id}/taskInstances?limit=100")
    return sorted((ti for ti in found["task_instances"] if ti["task_id"] == task_id), key=lambda ti: ti["map_index"])


def wait_for(condition, timeout: float = 600, what: str = "", interval: float = 1):
    """Poll `condition` until it returns something true; return that."""
    deadline = time.monotonic() + timeout
    while True:
        found = condition()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(interval)
