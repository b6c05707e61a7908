"""A PostgreSQL server owned by the project, for the local runner and the tests.

It uses the machine's PostgreSQL binaries (`initdb`, `pg_ctl`). PostgreSQL refuses to run as
root, so under root the server runs as the `postgres` system user, with its data and socket
directories under /tmp (that user cannot enter a checkout inside root's home). The server listens
on 127.0.0.1 only and trusts local connections: it is a development database, never a deployment.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

from vneid_pipeline.sqlfiles import load_sql

SUPERUSER = "postgres"
OWNER_ROLE = "vneid_owner"


class LocalPostgresError(RuntimeError):
    pass


def _find_binary(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    if candidates:
        return candidates[0]
    raise LocalPostgresError(
        f"PostgreSQL server binary {name!r} not found on PATH or in /usr/lib/postgresql/*/bin; "
        "install the PostgreSQL server (Debian: apt-get install postgresql) or point "
        "AIRFLOW_CONN_VNEID_WAREHOUSE at an existing server"
    )


@dataclass
class LocalPostgres:
    port: int
    base_dir: Path

    @classmethod
    def for_port(cls, port: int) -> LocalPostgres:
        return cls(port=port, base_dir=Path(os.environ.get("VNEID_PG_DIR", f"/tmp/vneid-pg-{port}")))

    @property
    def data_dir(self) -> Path:
        return self.base_dir / "data"

    @property
    def log_file(self) -> Path:
        return self.base_dir / "server.log"

    def uri(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def _as_server_user(self, argv: list[str]) -> list[str]:
        if os.geteuid() == 0:
            return ["runuser", "-u", SUPERUSER, "--", *argv]
        return argv

    def _run(self, argv: list[str]) -> None:
        result = subprocess.run(self._as_server_user(argv), capture_output=True, text=True)
        if result.returncode != 0:
            raise LocalPostgresError(f"{' '.join(argv)} failed ({result.returncode}): {result.stderr.strip()}")

    def _prepare_dirs(self) -> None:
        self.base_dir.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.base_dir, user=SUPERUSER, group=SUPERUSER)

    def is_running(self) -> bool:
        try:
            with psycopg.connect(self.uri(), connect_timeout=2):
                return True
        except psycopg.OperationalError:
            return False

    def start(self) -> None:
        if self.is_running():
            return
        self._prepare_dirs()
        if not (self.data_dir / "PG_VERSION").exists():
            self._run([_find_binary("initdb"), "-D", str(self.data_dir), "-U", SUPERUSER, "--auth=trust",
                       "--encoding=UTF8", "--locale=C.UTF-8"])
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.base_dir} -c fsync=off -c full_page_writes=off"
        self._run([_find_binary("pg_ctl"), "-D", str(self.data_dir), "-l", str(self.log_file), "-o", options,
                   "-w", "-t", "60", "start"])
        deadline = time.monotonic() + 30
        while not self.is_running():
            if time.monotonic() > deadline:
                raise LocalPostgresError(f"PostgreSQL on port {self.port} did not accept connections; see {self.log_file}")
            time.sleep(0.2)

    def stop(self) -> None:
        if (self.data_dir / "postmaster.pid").exists():
            self._run([_find_binary("pg_ctl"), "-D", str(self.data_dir), "-m", "fast", "-w", "stop"])

    def create_database(self, database: str, owner: str = OWNER_ROLE, recreate: bool = False) -> str:
        """Create the owner role and the database if absent; return the owner's URI for it."""
        names = {"role": sql.Identifier(owner), "owner": sql.Identifier(owner), "database": sql.Identifier(database)}

        def statement(name: str) -> sql.Composed:
            return sql.SQL(load_sql(f"localpg/{name}.sql")).format(**names)

        with psycopg.connect(self.uri(), autocommit=True) as conn:
            if not conn.execute(load_sql("localpg/select_role.sql"), {"role": owner}).fetchone():
                conn.execute(statement("create_role"))
            if recreate:
                conn.execute(statement("drop_database"))
            if not conn.execute(load_sql("localpg/select_database.sql"), {"database": database}).fetchone():
                conn.execute(statement("create_database"))
        return self.uri(database, owner)
