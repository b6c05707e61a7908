"""Each checkout has its own local PostgreSQL: its own directory, and a port held by another is refused.

Two checkouts here are two temporary directories passed as `checkout` to `LocalPostgres.for_port`,
which is what `make run`, `make stop-db` and `make clean` call with the checkout they run in.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import tempfile
from pathlib import Path

import psycopg
import pytest

from vneid_pipeline.localpg import LocalPostgres, PortHeldError


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def two_checkouts(monkeypatch):
    monkeypatch.delenv("VNEID_PG_DIR", raising=False)
    made = [Path(tempfile.mkdtemp(prefix=f"vneid-checkout-{name}-", dir="/tmp")) for name in ("a", "b")]
    for checkout in made:
        os.chmod(checkout, 0o755)  # a checkout the `postgres` user can enter, like /work/<clone>
    servers = [LocalPostgres.for_port(free_port(), checkout=checkout) for checkout in made]
    yield made, servers
    for server in servers:
        server.remove()
    for checkout in made:
        shutil.rmtree(checkout, ignore_errors=True)


def test_the_server_directory_is_under_the_checkout(two_checkouts):
    (first, second), (server_a, server_b) = two_checkouts
    assert server_a.base_dir == first.resolve() / ".local" / f"pg-{server_a.port}"
    assert server_b.base_dir == second.resolve() / ".local" / f"pg-{server_b.port}"
    server_a.start()
    assert server_a.is_running()
    assert (server_a.data_dir / "PG_VERSION").exists()
    assert (server_a.base_dir / f".s.PGSQL.{server_a.port}").exists()  # a short path keeps its Unix socket


def test_a_checkout_root_cannot_enter_gets_a_directory_keyed_to_its_path(monkeypatch):
    monkeypatch.delenv("VNEID_PG_DIR", raising=False)
    closed = Path(tempfile.mkdtemp(prefix="vneid-checkout-closed-", dir="/tmp"))  # mode 700, like /root/<clone>
    try:
        server = LocalPostgres.for_port(55999, checkout=closed)
        if os.geteuid() == 0:  # the server runs as `postgres`, who cannot enter a 700 directory of root's
            key = hashlib.sha256(str(closed.resolve()).encode()).hexdigest()[:12]
            assert server.base_dir == Path(f"/tmp/vneid-pg-55999-{key}")
        else:  # the server runs as the user who owns the checkout
            assert server.base_dir == closed.resolve() / ".local" / "pg-55999"
    finally:
        shutil.rmtree(closed, ignore_errors=True)


def test_a_port_held_by_another_checkout_is_a_clear_error(two_checkouts):
    (first, second), (server_a, _) = two_checkouts
    server_a.start()
    with psycopg.connect(server_a.create_database("vneid"), autocommit=True) as conn:
        conn.execute("create table checkout_a_was_here (n int)")
    other = LocalPostgres.for_port(server_a.port, checkout=second)
    with pytest.raises(PortHeldError) as refused:
        other.start()
    message = str(refused.value)
    assert f"port {server_a.port}" in message
    assert str(server_a.data_dir) in message and str(first.resolve()) in message
    assert f"make stop-db PG_PORT={server_a.port}" in message and "PG_PORT=" in message.split("another port")[1]
    assert not other.data_dir.exists()  # nothing was created for the refused checkout
    other.stop()  # stopping the second checkout's (absent) server leaves the first one's running
    assert server_a.is_running() and not other.is_running()

    server_a.stop()
    other.start()  # the port is free again: the second checkout gets an empty server of its own
    try:
        assert other.is_running()
        with psycopg.connect(other.uri(), autocommit=True) as conn:
            assert conn.execute("select count(*) from pg_database where datname = 'vneid'").fetchone() == (0,)
    finally:
        other.remove()
    assert not other.base_dir.exists()


def test_a_port_held_by_another_program_is_a_clear_error(two_checkouts):
    _, (server_a, _) = two_checkouts
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", server_a.port))
        squatter.listen()
        with pytest.raises(PortHeldError, match=rf"port {server_a.port} .* not a PostgreSQL server"):
            server_a.start()
    assert not server_a.data_dir.exists()


def test_remove_deletes_the_data_so_the_next_start_is_empty(two_checkouts):
    _, (server_a, _) = two_checkouts
    server_a.start()
    server_a.create_database("vneid")
    server_a.remove()
    assert not server_a.base_dir.exists() and not server_a.is_running()
    server_a.start()
    with psycopg.connect(server_a.uri(), autocommit=True) as conn:
        assert conn.execute("select count(*) from pg_database where datname = 'vneid'").fetchone() == (0,)


def test_a_deep_checkout_serves_over_tcp_without_a_unix_socket(monkeypatch):
    monkeypatch.delenv("VNEID_PG_DIR", raising=False)
    top = Path(tempfile.mkdtemp(prefix="vneid-checkout-deep-", dir="/tmp"))
    deep = top / ("d" * 60) / ("e" * 30)
    deep.mkdir(parents=True)
    for path in (top, deep.parent, deep):
        os.chmod(path, 0o755)
    server = LocalPostgres.for_port(free_port(), checkout=deep)
    assert len(str(server.base_dir / f".s.PGSQL.{server.port}")) > 107  # too long for a Unix socket
    try:
        server.start()
        assert server.is_running()
        assert not list(server.base_dir.glob(".s.PGSQL.*"))
    finally:
        server.remove()
        shutil.rmtree(top, ignore_errors=True)
