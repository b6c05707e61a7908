"""A live local Airflow: its components as supervised subprocesses, no Docker, no Airflow imports here.

Used by `make up` / `make down` (scripts/local_airflow.py), the live-scheduler tests and the
benchmarks. The API below is stable:

    from vneid_pipeline.localairflow import LocalAirflow

    airflow = LocalAirflow(
        root,                         # the checkout: dags/ and plugins/ come from here
        home=None,                    # AIRFLOW_HOME; default <root>/.airflow/live
        executor="LocalExecutor",     # or "CeleryExecutor" (add a "celery-worker" component)
        api_port=8080,                # the api-server (UI, REST API v2, Execution API) on 127.0.0.1
        extra_env={...},              # wins over everything else: AIRFLOW_CONN_VNEID_WAREHOUSE, VNEID_*, AIRFLOW__...
        metadata_uri="postgresql+psycopg2://airflow@127.0.0.1:55432/airflow",  # or AIRFLOW__DATABASE__SQL_ALCHEMY_CONN in extra_env
        components=None,             # {name: argv after `airflow`}; default DEFAULT_COMPONENTS
    )
    airflow.env                       # the complete environment every component gets (a dict)
    airflow.api_url                   # "http://127.0.0.1:<api_port>"
    airflow.start(timeout=300)        # db migrate, start every component, wait until
                                      # /api/v2/monitor/health is healthy and the DAGs are parsed
    airflow.stop()                    # SIGTERM to each process group (and descendants), SIGKILL after a grace
    airflow.spawn(name, argv)         # one more supervised process (e.g. the feed simulator), stopped by stop()
    airflow.running()                 # {name: pid} of the recorded processes still alive
    airflow.log_path(name)            # <home>/logs/<name>.log, each component's stdout and stderr
    airflow.api(method, path, body)   # REST API v2 call as `admin` (bearer token from POST /auth/token)
    airflow.cli(*args)                # `airflow <args>` with this environment (subprocess.CompletedProcess)
    airflow.wait_for_dags(dag_ids)    # until the dag-processor has serialized them (fails on import errors)
    airflow.wait_for_run(dag_id, run_id, timeout)  # until the run is success/failed; returns its state
    airflow.write_env_file(path=None) # <home>/env.sh: the Airflow and VNEID settings, for `set -a; . env.sh`
    airflow.login                     # {"admin": password, "operator": ..., "viewer": ..., "reviewer": ...}

`stop()` works from another process too: pids, process start times and logs are recorded in
`<home>/processes.json`, and only a recorded process whose start time still matches is signalled
(a pid reused by the system is left alone). The keys shared by every component (Fernet key, API
secret, JWT secret) and the UI passwords are generated once per home in `<home>/secrets.json`.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import suppress
from pathlib import Path

from vneid_pipeline.files import write_atomically

DEFAULT_COMPONENTS: dict[str, list[str]] = {
    "scheduler": ["scheduler"],
    "dag-processor": ["dag-processor"],
    "triggerer": ["triggerer"],
    "api-server": ["api-server"],  # --host/--port added from api_port
}
# as in docker-compose.yaml; `reviewer` answers the sign-off requests (VNEID_SIGN_OFF_REVIEWERS)
USERS = {"admin": "admin", "operator": "op", "viewer": "viewer", "reviewer": "user"}
EXPECTED_DAGS = ("vneid_ingest", "vneid_publish", "vneid_publication_deadline", "vneid_sign_off")
FINISHED_STATES = {"success", "failed"}


class LocalAirflowError(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start_ticks(pid: int) -> int | None:
    """The process's start time in clock ticks since boot (/proc/<pid>/stat field 22), None if gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2:].split()
    if fields[0] == "Z":
        return None
    return int(fields[19])


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat[stat.rindex(")") + 2:].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


class LocalAirflow:
    def __init__(self, root: Path | str, home: Path | str | None = None, executor: str = "LocalExecutor",
                 api_port: int = 8080, extra_env: dict[str, str] | None = None, metadata_uri: str | None = None,
                 components: dict[str, list[str]] | None = None) -> None:
        self.root = Path(root).resolve()
        self.home = Path(home).resolve() if home else self.root / ".airflow" / "live"
        self.executor = executor
        self.api_port = api_port
        self.extra_env = dict(extra_env or {})
        self.metadata_uri = metadata_uri
        self.components = dict(DEFAULT_COMPONENTS if components is None else components)
        self.state_file = self.home / "processes.json"
        self.secrets_file = self.home / "secrets.json"
        self._popen: dict[str, subprocess.Popen] = {}
        self._token: str | None = None
        self._env: dict[str, str] | None = None

    # -- environment ----------------------------------------------------------------------------

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.api_port}"

    def _secrets(self) -> dict:
        if self.secrets_file.exists():
            values = json.loads(self.secrets_file.read_text())
            added = {user: secrets.token_urlsafe(9) for user in USERS if user not in values["passwords"]}
            if added:  # a home made before a user was added to USERS
                values["passwords"].update(added)
                self.secrets_file.write_text(json.dumps(values, indent=2))
                (self.home / "passwords.json").unlink(missing_ok=True)
            return values
        self.home.mkdir(parents=True, exist_ok=True)
        values = {
            "fernet_key": base64.urlsafe_b64encode(os.urandom(32)).decode(),
            "api_secret_key": secrets.token_urlsafe(32),
            "jwt_secret": secrets.token_urlsafe(32),
            "passwords": {user: secrets.token_urlsafe(9) for user in USERS},
        }
        self.secrets_file.write_text(json.dumps(values, indent=2))
        self.secrets_file.chmod(0o600)
        return values

    @property
    def login(self) -> dict[str, str]:
        return dict(self._secrets()["passwords"])

    @property
    def env(self) -> dict[str, str]:
        if self._env is None:
            self._env = self._build_env()
        return dict(self._env)

    def _build_env(self) -> dict[str, str]:
        values = self._secrets()
        passwords_file = self.home / "passwords.json"
        if not passwords_file.exists():
            passwords_file.write_text(json.dumps(values["passwords"]))
            passwords_file.chmod(0o600)
        plugins = str(self.root / "plugins")
        env = dict(os.environ)
        env.update({
            "AIRFLOW_HOME": str(self.home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(self.root / "dags"),
            "AIRFLOW__CORE__PLUGINS_FOLDER": plugins,
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
            "AIRFLOW__CORE__EXECUTOR": self.executor,
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{self.api_url}/execution/",
            "AIRFLOW__CORE__FERNET_KEY": values["fernet_key"],
            "AIRFLOW__API__SECRET_KEY": values["api_secret_key"],
            "AIRFLOW__API_AUTH__JWT_SECRET": values["jwt_secret"],
            "AIRFLOW__CORE__AUTH_MANAGER":
                "airflow.api_fastapi.auth.managers.simple.simple_auth_manager.SimpleAuthManager",
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": ",".join(f"{u}:{r}" for u, r in USERS.items()),
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(passwords_file),
            "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "True",
            # Each checkout (and each test) its own log-server ports, so two live Airflows do not collide.
            "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(free_port()),
            "AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT": str(free_port()),
            "AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK": "False",
            "GX_ANALYTICS_ENABLED": "False",
            # The LocalExecutor's workers start from a fork server that imported pandas, Great Expectations
            # and the task runner once; each task forked from a worker inherits them (vneid_pipeline.worker_preload).
            "AIRFLOW__SCHEDULER__MP_START_METHOD": "forkserver",
            "AIRFLOW__SCHEDULER__MP_FORKSERVER_PRELOAD":
                "airflow.sdk.execution_time.task_runner,airflow.dag_processing.dagbag,vneid_pipeline.worker_preload",
            "PYTHONPATH": os.pathsep.join(p for p in (plugins, os.environ.get("PYTHONPATH")) if p),
        })
        if self.metadata_uri:
            env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"] = self.metadata_uri
        env.update(self.extra_env)
        return env

    def write_env_file(self, path: Path | None = None) -> Path:
        """The settings the components get (AIRFLOW_*, VNEID_*, PYTHONPATH, GX_*), as shell assignments."""
        path = path or self.home / "env.sh"
        lines = [f"{key}={shlex.quote(value)}" for key, value in sorted(self.env.items())
                 if key.startswith(("AIRFLOW", "VNEID_", "GX_")) or key == "PYTHONPATH"]
        path.write_text("\n".join(lines) + "\n")
        path.chmod(0o600)
        return path

    # -- processes ------------------------------------------------------------------------------

    def log_path(self, name: str) -> Path:
        return self.home / "logs" / f"{name}.log"

    def _read_state(self) -> dict:
        if self.state_file.exists():
            return json.loads(self.state_file.read_text())
        return {}

    def _write_state(self, state: dict) -> None:
        write_atomically(self.state_file, lambda temporary: Path(temporary).write_text(json.dumps(state, indent=2)))

    def spawn(self, name: str, argv: list[str], env: dict[str, str] | None = None) -> subprocess.Popen:
        """Start one supervised process in its own process group, output to log_path(name)."""
        log = self.log_path(name)
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("ab") as handle:
            handle.write(f"\n=== {time.strftime('%Y-%m-%d %H:%M:%S')} {' '.join(argv)}\n".encode())
            handle.flush()
            process = subprocess.Popen(argv, stdout=handle, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                       env=env if env is not None else self.env, cwd=self.root,
                                       start_new_session=True)
        self._popen[name] = process
        state = self._read_state()
        state[name] = {"pid": process.pid, "start_ticks": _start_ticks(process.pid), "argv": argv, "log": str(log)}
        self._write_state(state)
        return process

    def _airflow_argv(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "airflow", *args]

    def cli(self, *args: str, check: bool = True, timeout: float = 300) -> subprocess.CompletedProcess:
        result = subprocess.run(self._airflow_argv(*args), env=self.env, cwd=self.root, capture_output=True,
                                text=True, timeout=timeout)
        if check and result.returncode != 0:
            raise LocalAirflowError(f"airflow {' '.join(args)} failed ({result.returncode}):\n"
                                    f"{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
        return result

    def running(self) -> dict[str, int]:
        return {name: entry["pid"] for name, entry in self._read_state().items()
                if entry.get("start_ticks") is not None and _start_ticks(entry["pid"]) == entry["start_ticks"]}

    def start(self, timeout: float = 300, dag_ids: tuple[str, ...] = EXPECTED_DAGS) -> None:
        """Migrate the metadata DB, start every component, wait until healthy and the DAGs are parsed."""
        already = {name: pid for name, pid in self.running().items() if name in self.components}
        if already:
            raise LocalAirflowError(f"already running from {self.state_file}: {already}; stop it first")
        self.home.mkdir(parents=True, exist_ok=True)
        self.cli("db", "migrate", timeout=timeout)
        try:
            for name, args in self.components.items():
                if name == "api-server":
                    args = [*args, "--host", "127.0.0.1", "--port", str(self.api_port)]
                self.spawn(name, self._airflow_argv(*args))
            self.wait_healthy(timeout)
            if dag_ids:
                self.wait_for_dags(dag_ids, timeout)
        except BaseException:
            self.stop()
            raise

    def _check_alive(self) -> None:
        for name, process in self._popen.items():
            if process.poll() is not None:
                tail = self.log_path(name).read_text(errors="replace")[-3000:]
                raise LocalAirflowError(f"{name} exited with {process.returncode}; {self.log_path(name)}:\n{tail}")

    def wait_healthy(self, timeout: float = 300) -> dict:
        """Until /api/v2/monitor/health reports every started component healthy."""
        wanted = {"metadatabase"} | {key for name, key in (("scheduler", "scheduler"), ("triggerer", "triggerer"),
                                                           ("dag-processor", "dag_processor"))
                                     if name in self.components}
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            self._check_alive()
            with suppress(OSError, ValueError):
                with urllib.request.urlopen(f"{self.api_url}/api/v2/monitor/health", timeout=5) as response:
                    last = json.load(response)
                if all((last.get(key) or {}).get("status") == "healthy" for key in wanted):
                    return last
            time.sleep(1)
        raise LocalAirflowError(f"Airflow not healthy after {timeout:.0f}s (last /api/v2/monitor/health: {last}); "
                                f"logs in {self.home / 'logs'}")

    def stop(self, grace: float = 30) -> list[str]:
        """Stop every recorded process that is still the one started: SIGTERM, then SIGKILL after `grace`."""
        targets: dict[str, list[int]] = {}
        for name, pid in self.running().items():
            targets[name] = [pid, *_descendants(pid)]
            with suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGTERM)
        ticks = {pid: _start_ticks(pid) for pids in targets.values() for pid in pids}
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline:
            for process in self._popen.values():
                process.poll()
            if not any(_start_ticks(pid) == tick and tick is not None for pid, tick in ticks.items()):
                break
            time.sleep(0.2)
        for pids in targets.values():
            with suppress(ProcessLookupError, PermissionError):
                os.killpg(pids[0], signal.SIGKILL)
            for pid in pids[1:]:  # descendants that left the group
                if ticks.get(pid) is not None and _start_ticks(pid) == ticks[pid]:
                    with suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)
        for process in self._popen.values():
            with suppress(subprocess.TimeoutExpired):
                process.wait(10)
        self._popen.clear()
        if self.state_file.exists():
            self.state_file.unlink()
        return sorted(targets)

    # -- REST API v2 ----------------------------------------------------------------------------

    def token(self, user: str = "admin") -> str:
        body = json.dumps({"username": user, "password": self.login[user]}).encode()
        request = urllib.request.Request(f"{self.api_url}/auth/token", data=body, method="POST",
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)["access_token"]

    def api(self, method: str, path: str, body: dict | None = None, timeout: float = 60):
        """A REST API v2 call as admin: `api("GET", "/api/v2/dags")`; returns the decoded JSON."""
        if self._token is None:
            self._token = self.token()
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"{self.api_url}{path}", data=data, method=method, headers={
            "Authorization": f"Bearer {self._token}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                payload = response.read()
        except urllib.error.HTTPError as error:
            raise LocalAirflowError(f"{method} {path}: HTTP {error.code}: {error.read().decode()[:2000]}") from None
        return json.loads(payload) if payload else None

    def wait_for_dags(self, dag_ids: tuple[str, ...] = EXPECTED_DAGS, timeout: float = 300) -> None:
        deadline = time.monotonic() + timeout
        while True:
            self._check_alive()
            errors = self.api("GET", "/api/v2/importErrors")
            if errors.get("total_entries"):
                raise LocalAirflowError(f"DAG import errors: {errors['import_errors']}")
            known = {dag["dag_id"] for dag in self.api("GET", "/api/v2/dags?limit=100")["dags"]}
            if set(dag_ids) <= known:
                return
            if time.monotonic() > deadline:
                raise LocalAirflowError(f"DAGs {sorted(set(dag_ids) - known)} not parsed after {timeout:.0f}s; "
                                        f"see {self.log_path('dag-processor')}")
            time.sleep(1)

    def unpause(self, *dag_ids: str) -> None:
        for dag_id in dag_ids:
            self.api("PATCH", f"/api/v2/dags/{dag_id}", {"is_paused": False})

    def wait_for_run(self, dag_id: str, run_id: str, timeout: float = 600) -> str:
        deadline = time.monotonic() + timeout
        while True:
            self._check_alive()
            state = self.api("GET", f"/api/v2/dags/{dag_id}/dagRuns/{run_id}")["state"]
            if state in FINISHED_STATES:
                return state
            if time.monotonic() > deadline:
                raise LocalAirflowError(f"{dag_id} run {run_id} still {state} after {timeout:.0f}s")
            time.sleep(1)
