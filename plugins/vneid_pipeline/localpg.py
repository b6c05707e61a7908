"""A PostgreSQL server owned by the project, for the local runner and the tests.

It uses the machine's PostgreSQL binaries (`initdb`, `pg_ctl`). The server listens on 127.0.0.1
only and trusts local connections: it is a development database, never a deployment.

Each checkout has its own server directory (data, log, socket), so a second clone never sees the
first one's warehouse: `<checkout>/.local/pg-<port>/` (`for_port`). PostgreSQL refuses to run as
root, so under root the server runs as the `postgres` system user, which must be able to enter
that directory; when it cannot (a checkout inside root's home, mode 700) the directory is
`/tmp/vneid-pg-<port>-<key>/` instead, `<key>` a hash of the checkout's path, with a `checkout`
file naming it. `VNEID_PG_DIR` overrides both. A port held by anything else (another checkout's
server, another PostgreSQL, another program) is refused with `PortHeldError`, which names the
holder and what to do. The socket goes in the server directory when its path fits the Unix
limit (107 bytes); otherwise the server has no Unix socket (everything here connects over TCP).
"""

from __future__ import annotations

import glob
import hashlib
import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

from vneid_pipeline.sqlfiles import load_sql

SUPERUSER = "postgres"
OWNER_ROLE = "vneid_owner"
CHECKOUT = Path(__file__).resolve().parents[2]
SOCKET_PATH_LIMIT = 107  # sizeof(sun_path) - 1 on Linux


class LocalPostgresError(RuntimeError):
    pass


class PortHeldError(LocalPostgresError):
    """The port is taken by something other than this server directory's PostgreSQL."""


def _server_user_can_enter(path: Path) -> bool:
    if os.geteuid() != 0:
        return True
    return subprocess.run(["runuser", "-u", SUPERUSER, "--", "test", "-x", str(path)]).returncode == 0


def default_base_dir(port: int, checkout: Path = CHECKOUT) -> Path:
    """This checkout's server directory for `port` (see the module docstring)."""
    checkout = checkout.resolve()
    if _server_user_can_enter(checkout):
        return checkout / ".local" / f"pg-{port}"
    key = hashlib.sha256(str(checkout).encode()).hexdigest()[:12]
    return Path(f"/tmp/vneid-pg-{port}-{key}")


def _checkout_of(data_dir: Path) -> Path | None:
    """The checkout a server's data directory belongs to, when it is one of ours."""
    base = data_dir.parent
    if base.parent.name == ".local" and base.name.startswith("pg-"):
        return base.parent.parent
    try:
        return Path((base / "checkout").read_text(encoding="utf-8").strip())
    except OSError:
        return None


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
    checkout: Path | None = None

    @classmethod
    def for_port(cls, port: int, checkout: Path = CHECKOUT) -> LocalPostgres:
        """The server of `checkout` (this one by default) on `port`; VNEID_PG_DIR overrides its directory."""
        configured = os.environ.get("VNEID_PG_DIR")
        base_dir = Path(configured) if configured else default_base_dir(port, checkout)
        return cls(port=port, base_dir=base_dir, checkout=checkout.resolve())

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

    @property
    def socket_dir(self) -> str:
        """The server directory when the socket's path (and its `.lock`) fits, else '' (no Unix socket)."""
        fits = len(str(self.base_dir / f".s.PGSQL.{self.port}.lock").encode()) <= SOCKET_PATH_LIMIT
        return str(self.base_dir) if fits else "''"

    def _prepare_dirs(self) -> None:
        self.base_dir.mkdir(parents=True, exist_ok=True)
        if self.checkout is not None and self.base_dir.parent.name != ".local":
            (self.base_dir / "checkout").write_text(f"{self.checkout}\n", encoding="utf-8")
        if os.geteuid() == 0:
            shutil.chown(self.base_dir, user=SUPERUSER, group=SUPERUSER)

    def _served_data_dir(self) -> Path | None:
        """The data directory of the PostgreSQL answering on the port, None when none answers."""
        try:
            with psycopg.connect(self.uri(), connect_timeout=2) as conn:
                return Path(conn.execute(load_sql("localpg/select_data_directory.sql")).fetchone()[0])
        except psycopg.OperationalError:
            return None

    def _port_in_use(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=2):
                return True
        except OSError:
            return False

    def _held_error(self, holder: Path | None) -> PortHeldError:
        other_port = f"make run PG_PORT={self.port + 1} (or VNEID_LOCAL_PG_PORT={self.port + 1})"
        if holder is None:
            return PortHeldError(
                f"port {self.port} on 127.0.0.1 is taken by a program that is not a PostgreSQL server of this "
                f"project; this checkout's server ({self.data_dir}) cannot start there. Free the port or use "
                f"another one: {other_port}")
        checkout = _checkout_of(holder)
        if checkout is not None:
            stop = f"`make stop-db PG_PORT={self.port}` in {checkout}"
            whose = f"the local PostgreSQL of the checkout {checkout}"
        else:
            stop = f"`{'runuser -u postgres -- ' if os.geteuid() == 0 else ''}pg_ctl -D {holder} stop`"
            whose = "another PostgreSQL server"
        return PortHeldError(
            f"port {self.port} on 127.0.0.1 is held by {whose} (data directory {holder}), not by this checkout's "
            f"({self.data_dir}). Stop that one with {stop}, or run this checkout on another port: {other_port}")

    def is_running(self) -> bool:
        """Whether this server (this data directory) answers on the port."""
        served = self._served_data_dir()
        return served is not None and served.resolve() == self.data_dir.resolve()

    def check_port(self) -> None:
        """Raise PortHeldError when something other than this server holds the port."""
        served = self._served_data_dir()
        if served is not None and served.resolve() != self.data_dir.resolve():
            raise self._held_error(served)
        if served is None and self._port_in_use():
            raise self._held_error(None)

    def start(self) -> None:
        if self.is_running():
            return
        self.check_port()
        self._prepare_dirs()
        if not (self.data_dir / "PG_VERSION").exists():
            self._run([_find_binary("initdb"), "-D", str(self.data_dir), "-U", SUPERUSER, "--auth=trust",
                       "--encoding=UTF8", "--locale=C.UTF-8"])
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.socket_dir} "
                   "-c fsync=off -c full_page_writes=off")
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

    def remove(self) -> None:
        """Stop the server and delete its directory (data, log, socket): the next start is an empty server."""
        try:
            self.stop()
        except LocalPostgresError:
            if self.is_running():
                raise  # a stale postmaster.pid is no reason to keep the directory; a running server is
        shutil.rmtree(self.base_dir, ignore_errors=True)

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
