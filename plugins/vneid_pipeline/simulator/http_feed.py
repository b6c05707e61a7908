"""The simulator's HTTP feed: the province report endpoint of the v1 contract, with injected faults.

`GET /v1/campaigns/{campaign_id}/provinces/{province_code}/reports/{report_date}` with
`Authorization: Bearer <token>`, one token per province; `GET /healthz` for liveness.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import threading
from collections import Counter
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

from vneid_pipeline.simulator.model import FeedSimulator

_REPORT_PATH = re.compile(r"^/v1/campaigns/([^/]+)/provinces/([^/]+)/reports/([^/]+)$")
_JSON = "application/json; charset=utf-8"


def default_tokens(province_codes: list[str] | tuple[str, ...]) -> dict[str, str]:
    """The simulator's deterministic token per province: {"30": "sim-token-30", ...}."""
    return {code: f"sim-token-{code}" for code in province_codes}


class _FeedHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], simulator: FeedSimulator, tokens: dict[str, str]) -> None:
        super().__init__(address, _FeedHandler)
        self.simulator = simulator
        self.province_of_token = {token: code for code, token in tokens.items()}
        self.stopping = threading.Event()
        self._counts: Counter[tuple[str, dt.date]] = Counter()
        self._counts_lock = threading.Lock()

    def count_request(self, province_code: str, report_date: dt.date) -> int:
        """Record one authorised request for a report; return its 1-based ordinal."""
        with self._counts_lock:
            self._counts[(province_code, report_date)] += 1
            return self._counts[(province_code, report_date)]

    def request_count(self, province_code: str, report_date: dt.date) -> int:
        with self._counts_lock:
            return self._counts[(province_code, report_date)]

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients that hang up (time-outs, shutdown) are expected; other errors keep the traceback."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _FeedHandler(BaseHTTPRequestHandler):
    server: _FeedHTTPServer
    server_version = "VNeIDFeedSimulator/1"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: no line on stderr per request."""

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/healthz":
            self._send_json(HTTPStatus.OK, {"status": "ok", "campaign_id": self.server.simulator.campaign_id})
            return
        match = _REPORT_PATH.match(path)
        if match is None:
            self._send_error(HTTPStatus.NOT_FOUND, "not_found", f"no route for {path}")
            return
        self._serve_report(*match.groups())

    def _serve_report(self, campaign_id: str, province_code: str, raw_date: str) -> None:
        simulator = self.server.simulator
        token_province = self._token_province()
        if token_province is None:
            self._send_error(HTTPStatus.UNAUTHORIZED, "unauthorized", "missing or invalid bearer token")
            return
        if campaign_id != simulator.campaign_id:
            self._send_error(HTTPStatus.NOT_FOUND, "unknown_campaign", f"campaign {campaign_id!r} is not served here")
            return
        if province_code not in simulator.province_codes():
            self._send_error(HTTPStatus.NOT_FOUND, "unknown_province", f"province {province_code!r} is not in this campaign")
            return
        if token_province != province_code:
            self._send_error(HTTPStatus.FORBIDDEN, "forbidden", f"the token does not grant access to province {province_code}")
            return
        try:
            report_date = dt.date.fromisoformat(raw_date)
        except ValueError:
            self._send_error(HTTPStatus.BAD_REQUEST, "bad_date", f"report date {raw_date!r} is not YYYY-MM-DD")
            return
        if not simulator.campaign.covers(report_date):
            self._send_error(HTTPStatus.NOT_FOUND, "outside_campaign", f"{raw_date} is outside the campaign")
            return

        ordinal = self.server.count_request(province_code, report_date)
        fault = simulator.fault(province_code, report_date)
        kind = fault.kind if fault is not None else None
        if kind == "missing":
            self._send_error(HTTPStatus.NOT_FOUND, "not_published", f"no report for {province_code} on {raw_date} yet")
            return
        if kind == "server_error" and ordinal <= fault.count:
            self._send_error(HTTPStatus.SERVICE_UNAVAILABLE, "unavailable", "simulated server error", headers={"Retry-After": "1"})
            return
        # A simulated slow answer; woken early on shutdown, which then drops the request unanswered.
        if kind == "timeout" and ordinal <= fault.count and self.server.stopping.wait(fault.delay_seconds):
            return

        body = json.dumps(simulator.report(province_code, report_date), ensure_ascii=False).encode("utf-8")
        if kind == "malformed":
            body = body[: len(body) // 2]
        self._send_bytes(HTTPStatus.OK, body)

    def _token_province(self) -> str | None:
        header = self.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        return self.server.province_of_token.get(token.strip())

    def _send_error(self, status: HTTPStatus, error: str, detail: str, headers: dict[str, str] | None = None) -> None:
        self._send_json(status, {"error": error, "detail": detail, "status": int(status)}, headers)

    def _send_json(self, status: HTTPStatus, payload: dict, headers: dict[str, str] | None = None) -> None:
        self._send_bytes(status, json.dumps(payload, ensure_ascii=False).encode("utf-8"), headers)

    def _send_bytes(self, status: HTTPStatus, body: bytes, headers: dict[str, str] | None = None) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", _JSON)
            self.send_header("Content-Length", str(len(body)))
            if status == HTTPStatus.UNAUTHORIZED:
                self.send_header("WWW-Authenticate", 'Bearer realm="vneid-feed"')
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (e.g. after its own time-out); nothing to answer


class FeedServer:
    """A running simulator feed; stop it with `shutdown()` or use it as a context manager."""

    def __init__(self, simulator: FeedSimulator, host: str, port: int, tokens: dict[str, str]) -> None:
        self.simulator = simulator
        self.tokens = dict(tokens)
        self._server = _FeedHTTPServer((host, port), simulator, self.tokens)
        self.host, self.port = self._server.server_address[:2]
        self.base_url = f"http://{self.host}:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, name="vneid-feed-simulator", daemon=True)
        self._thread.start()
        self._stopped = False

    def request_count(self, province_code: str, report_date: dt.date) -> int:
        """Authorised requests received so far for one report (for tests and diagnostics)."""
        return self._server.request_count(province_code, report_date)

    def wait(self, timeout: float | None = None) -> None:
        """Block until the server stops (it stops only through `shutdown()`)."""
        self._thread.join(timeout)

    def shutdown(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self._server.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.shutdown()


def serve_feed(
    simulator: FeedSimulator,
    host: str = "127.0.0.1",
    port: int = 0,
    tokens: dict[str, str] | None = None,
) -> FeedServer:
    """Start the feed in a daemon thread and return at once; port 0 picks a free port."""
    if tokens is None:
        tokens = default_tokens(simulator.province_codes())
    return FeedServer(simulator, host, port, tokens)
