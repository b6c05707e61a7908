"""Shared fixtures: a real PostgreSQL server started for the test session, fresh databases per test."""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import tempfile
from pathlib import Path

import pytest

# Airflow reads its configuration when first imported: give the test session its own home.
_AIRFLOW_HOME = tempfile.mkdtemp(prefix="vneid-airflow-test-")
os.environ["AIRFLOW_HOME"] = _AIRFLOW_HOME
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(Path(__file__).resolve().parents[1] / "dags")
os.environ["AIRFLOW__CORE__PLUGINS_FOLDER"] = str(Path(__file__).resolve().parents[1] / "plugins")
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"

from vneid_pipeline import warehouse  # noqa: E402 (after the Airflow environment above)
from vneid_pipeline.localpg import LocalPostgres  # noqa: E402

PROJECT_ROOT = Path(__file__).resolve().parents[1]
_database_numbers = itertools.count(1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_server():
    base_dir = Path(tempfile.mkdtemp(prefix="vneid-pg-test-", dir="/tmp"))
    os.chmod(base_dir, 0o755)
    server = LocalPostgres(port=free_port(), base_dir=base_dir)
    server.start()
    yield server
    server.stop()
    shutil.rmtree(base_dir, ignore_errors=True)


@pytest.fixture
def fresh_database(postgres_server) -> str:
    """An empty database owned by vneid_owner; returns its URI."""
    return postgres_server.create_database(f"test_{os.getpid()}_{next(_database_numbers)}", recreate=True)


@pytest.fixture
def warehouse_uri(fresh_database) -> str:
    """A migrated warehouse with the reference data loaded."""
    warehouse.prepare(fresh_database)
    return fresh_database
