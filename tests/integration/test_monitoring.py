"""The 16:00 publication check and its alert, against a real warehouse and a real webhook on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from vneid_pipeline import monitoring, publish

DAY = dt.date(2025, 5, 16)


def test_an_unpublished_day_is_late_and_a_published_one_is_not(warehouse_uri, tmp_path):
    with pytest.raises(monitoring.PublicationLateError, match="not published"):
        monitoring.check_publication(warehouse_uri, "hien-phap-2025", DAY)
    publish.publish_day(warehouse_uri, "hien-phap-2025", DAY, tmp_path)
    publication = monitoring.check_publication(warehouse_uri, "hien-phap-2025", DAY)
    assert (publication.provinces_reported, publication.provinces_expected, publication.is_complete) == (0, 63, False)


def test_the_alert_reaches_the_webhook():
    received = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self):
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        monitoring.send_alert("hien-phap-2025 2025-05-16 chưa công bố", f"http://127.0.0.1:{server.server_port}/")
    finally:
        server.shutdown()
    assert received == [{"text": "hien-phap-2025 2025-05-16 chưa công bố"}]


def test_an_unreachable_webhook_does_not_raise():
    monitoring.send_alert("x", "http://127.0.0.1:9/")
