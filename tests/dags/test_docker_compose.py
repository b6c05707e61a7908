"""Static checks of the Docker Compose deployment (no Docker engine needed).

The compose file is read as YAML, its `${VAR}` references are resolved against `.env.example`
(as if that file had been copied to `.env`), and the result is checked against what the
project expects: the services, pinned images, shared Airflow configuration, the executor and
its broker, the warehouse connection, health checks, dependencies and the folders it mounts.
"""

from __future__ import annotations

import re
import stat
import sys
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
COMPOSE_FILE = REPO / "docker-compose.yaml"
ENV_EXAMPLE = REPO / ".env.example"
DOCKERFILE = REPO / "deploy" / "Dockerfile"
SETTINGS_FILE = REPO / "plugins" / "vneid_pipeline" / "settings.py"

AIRFLOW_HOME = "/opt/airflow"
AIRFLOW_SERVICES = (
    "airflow-init",
    "airflow-apiserver",
    "airflow-scheduler",
    "airflow-dag-processor",
    "airflow-triggerer",
    "airflow-worker",
)
REQUIRED_SERVICES = (*AIRFLOW_SERVICES, "redis", "metadata-db", "warehouse-db", "warehouse-migrate", "feed-simulator")
ONE_SHOT_SERVICES = ("airflow-init", "warehouse-migrate")
AIRFLOW_COMMANDS = {
    "airflow-apiserver": "api-server",
    "airflow-scheduler": "scheduler",
    "airflow-dag-processor": "dag-processor",
    "airflow-triggerer": "triggerer",
    "airflow-worker": "celery worker",
}
# The executor and Celery settings of the compose file, by name: tests/e2e/test_live_celery.py runs a
# campaign day with exactly these variables (on a local Redis and PostgreSQL), so the names are one set.
CELERY_ENV_NAMES = frozenset({
    "AIRFLOW__CORE__EXECUTOR",
    "AIRFLOW__CELERY__BROKER_URL",
    "AIRFLOW__CELERY__RESULT_BACKEND",
    "AIRFLOW__CELERY__WORKER_CONCURRENCY",
})
# Repository folders every Airflow component sees, at the paths Airflow and settings.py use.
CODE_MOUNTS = ("dags", "plugins", "include", "expectations")
DATA_MOUNTS = ("publish", "landing")

# `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:?error}`, `${NAME?error}`; `$$` escapes.
VARIABLE = re.compile(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}")
BARE_VARIABLE = re.compile(r"(?<!\$)\$[A-Za-z_]")
SECRET_KEY = re.compile(r"PASSWORD|SECRET|FERNET|TOKEN|REDISCLI_AUTH")


@cache
def raw_compose() -> str:
    return COMPOSE_FILE.read_text(encoding="utf-8")


@cache
def compose() -> dict:
    return yaml.safe_load(raw_compose())


def services() -> dict[str, dict]:
    return compose()["services"]


@cache
def env_example() -> dict[str, str]:
    values: dict[str, str] = {}
    for number, line in enumerate(ENV_EXAMPLE.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, value = line.partition("=")
        assert sep, f".env.example line {number} is not NAME=value: {line!r}"
        assert name not in values, f".env.example sets {name} twice"
        values[name] = value
    return values


def interpolate(text: str) -> str:
    """Resolve `${...}` the way Compose does, with `.env.example` standing in for `.env`."""

    def resolve(match: re.Match[str]) -> str:
        name, operator, argument = match.group(1), match.group(2), match.group(3)
        value = env_example().get(name)
        if operator in (":-", ":?") and not value:
            value = None
        if value is None and operator in (":-", "-"):
            return argument
        assert value is not None, f"${{{name}}} is not set by .env.example"
        return value

    return VARIABLE.sub(resolve, text).replace("$$", "$")


def environment(service: dict) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {key: str(value) for key, value in env.items()}


def resolved_env(service_name: str) -> dict[str, str]:
    return {key: interpolate(value) for key, value in environment(services()[service_name]).items()}


def mounts(service: dict) -> dict[str, str]:
    """Container path -> source for the short volume syntax used in the compose file."""
    result = {}
    for volume in service.get("volumes") or []:
        assert isinstance(volume, str), f"use the short volume syntax: {volume!r}"
        source, target = volume.split(":")[:2]
        result[target] = source
    return result


def image_tag(image: str) -> str | None:
    name = image.split("@", 1)[0]
    last = name.rsplit("/", 1)[-1]
    return last.split(":", 1)[1] if ":" in last else None


def walk_strings(node: object):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from walk_strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk_strings(value)


def test_required_services_exist():
    missing = sorted(set(REQUIRED_SERVICES) - set(services()))
    assert not missing, f"docker-compose.yaml lacks services: {missing}"
    assert "x-airflow-common" in compose()


def test_every_image_is_pinned():
    for name, service in services().items():
        image = service.get("image")
        assert image, f"{name} has no image (services built locally get a tagged image name too)"
        tag = image_tag(image)
        assert tag and tag != "latest", f"{name}: image {image!r} is not pinned to a tag"
        assert "$" not in image, f"{name}: image {image!r} must not depend on the environment"


def base_image() -> str:
    bases = re.findall(r"^FROM\s+(\S+)", DOCKERFILE.read_text(encoding="utf-8"), flags=re.MULTILINE)
    assert len(bases) == 1, f"deploy/Dockerfile should have one FROM, not {bases}"
    return bases[0]


def test_dockerfile_is_pinned_and_installs_requirements():
    text = DOCKERFILE.read_text(encoding="utf-8")
    assert base_image() == "apache/airflow:3.3.2-python3.11"
    assert re.search(r"pip install .*-r \S*requirements\.txt", text)
    for source in re.findall(r"^COPY\s+(?:--\S+\s+)*(\S+)\s+\S+$", text, flags=re.MULTILINE):
        assert (REPO / source).exists(), f"deploy/Dockerfile copies {source}, which does not exist"
    airflow_version = image_tag(base_image()).split("-")[0]
    for name in AIRFLOW_SERVICES:
        assert image_tag(services()[name]["image"]).startswith(f"{airflow_version}-"), name


def test_requirements_pin_the_base_images_airflow():
    airflow_version = image_tag(base_image()).split("-")[0]
    requirements = (REPO / "requirements.txt").read_text(encoding="utf-8")
    pin = rf"^apache-airflow(\[[^\]]*\])?=={re.escape(airflow_version)}(\s|#|$)"
    assert re.search(pin, requirements, flags=re.MULTILINE), (
        f"requirements.txt must pin apache-airflow=={airflow_version}, the version of deploy/Dockerfile's base image"
    )


def test_airflow_services_share_common_configuration():
    common = compose()["x-airflow-common"]
    common_env = environment(common)
    for name in AIRFLOW_SERVICES:
        service = services()[name]
        assert service["image"] == common["image"], name
        assert service["build"] == common["build"], name
        env = environment(service)
        differing = sorted(key for key, value in common_env.items() if env.get(key) != value)
        assert not differing, f"{name} does not carry the common Airflow environment: {differing}"
        if name in AIRFLOW_COMMANDS:
            assert service["command"] == AIRFLOW_COMMANDS[name], name


@pytest.mark.parametrize("name", AIRFLOW_SERVICES)
def test_airflow_services_mount_the_project(name):
    service_mounts = mounts(services()[name])
    for folder in CODE_MOUNTS + DATA_MOUNTS:
        target = f"{AIRFLOW_HOME}/{folder}"
        assert service_mounts.get(target) == f"./{folder}", f"{name} does not mount ./{folder} at {target}"


def test_mounted_code_folders_exist():
    for folder in CODE_MOUNTS:
        assert (REPO / folder).is_dir(), f"docker-compose.yaml mounts ./{folder}, which is missing"


def test_mount_targets_match_airflow_and_settings():
    env = resolved_env("airflow-scheduler")
    # settings.py derives include/ and expectations/ from its own location: plugins/<pkg>/ -> root.
    assert SETTINGS_FILE.relative_to(REPO).parts[:2] == ("plugins", "vneid_pipeline")
    assert env["VNEID_LANDING_DIR"] == f"{AIRFLOW_HOME}/landing"
    assert env["VNEID_PUBLISH_ROOT"] == f"{AIRFLOW_HOME}/publish"
    assert env["PYTHONPATH"] == f"{AIRFLOW_HOME}/plugins"
    for key in ("AIRFLOW__CORE__DAGS_FOLDER", "AIRFLOW__CORE__PLUGINS_FOLDER", "AIRFLOW_HOME"):
        assert key not in env, f"{key} would move Airflow away from the mounted folders"


def test_celery_executor_with_redis_broker():
    env = resolved_env("airflow-worker")
    assert env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"

    broker = urlsplit(env["AIRFLOW__CELERY__BROKER_URL"])
    assert broker.scheme == "redis"
    assert broker.hostname == "redis" and "redis" in services()
    assert broker.password == env_example()["REDIS_PASSWORD"]

    for key in ("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", "AIRFLOW__CELERY__RESULT_BACKEND"):
        url = urlsplit(env[key])
        assert url.scheme.split("+")[-1] in ("postgresql", "psycopg2"), key
        assert url.hostname == "metadata-db", f"{key} must point at metadata-db"
        assert url.path == "/airflow", key

    execution_api = urlsplit(env["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"])
    assert execution_api.hostname == "airflow-apiserver"
    assert execution_api.port == 8080 and execution_api.path == "/execution/"
    assert services()["airflow-apiserver"]["ports"] == ["${AIRFLOW_HOST_PORT:-8080}:8080"]


def test_celery_settings_are_those_the_live_celery_test_runs():
    env = environment(compose()["x-airflow-common"])
    names = {key for key in env if key.startswith("AIRFLOW__CELERY") or key == "AIRFLOW__CORE__EXECUTOR"}
    assert names == CELERY_ENV_NAMES, (
        "the compose file's Celery settings changed: update CELERY_ENV_NAMES, and so tests/e2e/test_live_celery.py "
        f"(added {sorted(names - CELERY_ENV_NAMES)}, removed {sorted(CELERY_ENV_NAMES - names)})"
    )
    assert env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
    assert services()["airflow-worker"]["command"] == "celery worker"
    assert urlsplit(resolved_env("airflow-worker")["AIRFLOW__CELERY__RESULT_BACKEND"]).scheme == "db+postgresql"
    assert int(resolved_env("airflow-worker")["AIRFLOW__CELERY__WORKER_CONCURRENCY"]) >= 1


def test_components_share_their_keys():
    env = environment(compose()["x-airflow-common"])
    for key in ("AIRFLOW__CORE__FERNET_KEY", "AIRFLOW__API__SECRET_KEY", "AIRFLOW__API_AUTH__JWT_SECRET"):
        assert VARIABLE.fullmatch(env[key]), f"{key} must come from .env so every component agrees"


def test_warehouse_connection_points_at_warehouse_db():
    env = resolved_env("airflow-worker")
    uri = env["AIRFLOW_CONN_VNEID_WAREHOUSE"]
    url = urlsplit(uri)
    assert url.scheme == "postgresql"
    assert url.hostname == "warehouse-db" and "warehouse-db" in services()
    assert url.port == 5432
    assert url.path == "/vneid"
    assert url.username == "vneid_loader"
    assert url.password == env_example()["VNEID_LOADER_PASSWORD"]

    warehouse_env = resolved_env("warehouse-db")
    assert warehouse_env["VNEID_LOADER_PASSWORD"] == url.password


def test_warehouse_is_migrated_by_its_owner():
    env = resolved_env("warehouse-migrate")
    url = urlsplit(env["WAREHOUSE_OWNER_URI"])
    assert (url.scheme, url.hostname, url.port, url.path) == ("postgresql", "warehouse-db", 5432, "/vneid")
    assert url.username == "vneid_owner"
    assert url.password == env_example()["VNEID_OWNER_PASSWORD"]

    command = services()["warehouse-migrate"]["command"]
    script = command[command.index("-c") + 1]
    imported = re.search(r"^from (vneid_pipeline\.\w+) import (\w+)$", script, flags=re.MULTILINE)
    assert imported, "warehouse-migrate should call a function of the domain package"
    module, function = imported.groups()
    source = (REPO / "plugins" / Path(*module.split("."))).with_suffix(".py").read_text(encoding="utf-8")
    assert re.search(rf"^def {function}\(", source, flags=re.MULTILINE), f"{module} has no function {function}"
    compile(script, "warehouse-migrate", "exec")


def test_metadata_and_warehouse_use_separate_volumes():
    metadata = mounts(services()["metadata-db"])["/var/lib/postgresql/data"]
    warehouse = mounts(services()["warehouse-db"])["/var/lib/postgresql/data"]
    assert metadata != warehouse
    assert {metadata, warehouse} <= set(compose()["volumes"])
    for name in ("metadata-db", "warehouse-db"):
        assert services()[name]["image"].startswith("postgres:15"), name


def test_warehouse_init_script_creates_database_and_roles():
    init_dir = mounts(services()["warehouse-db"])["/docker-entrypoint-initdb.d"]
    assert init_dir == "./deploy/warehouse-init"
    scripts = sorted((REPO / init_dir).glob("*.sh"))
    assert scripts, "deploy/warehouse-init holds no init script"
    warehouse_env = environment(services()["warehouse-db"])
    for script in scripts:
        text = script.read_text(encoding="utf-8")
        assert script.stat().st_mode & stat.S_IXUSR, f"{script.name} is not executable"
        for role in ("vneid_owner", "vneid_loader", "bi_reader"):
            assert f"role {role}" in text, f"{script.name} does not create {role}"
        assert "create database vneid owner vneid_owner" in text
        for variable in re.findall(r"\$\{(\w+_PASSWORD)", text):
            assert variable in warehouse_env, f"{script.name} reads {variable}, not passed to warehouse-db"


def test_every_variable_is_listed_in_env_example():
    used = {match.group(1) for match in VARIABLE.finditer(raw_compose())}
    listed = {name for name in env_example() if not name.startswith("COMPOSE_")}  # Compose's own settings
    assert not BARE_VARIABLE.search(raw_compose()), "write variables as ${NAME} (and $$ for a literal $)"
    assert sorted(used - listed) == [], "variables used by docker-compose.yaml but missing in .env.example"
    assert sorted(listed - used) == [], "variables in .env.example that docker-compose.yaml never uses"


def test_no_secret_is_written_in_the_compose_file():
    for name, service in services().items():
        for key, value in environment(service).items():
            if SECRET_KEY.search(key) and not key.endswith("_FILE"):
                assert VARIABLE.fullmatch(value), f"{name}: {key} must be a ${{VAR}} from .env"
    for text in walk_strings(compose()):
        masked = VARIABLE.sub("<variable>", text)
        for password in re.findall(r"://[^/\s:@]*:([^@\s]*)@", masked):
            assert password == "<variable>", f"a URI carries a literal password: {text!r}"
    redis_command = services()["redis"]["command"]
    assert VARIABLE.fullmatch(redis_command[redis_command.index("--requirepass") + 1])
    for password_key in [key for key in env_example() if SECRET_KEY.search(key)]:
        assert env_example()[password_key].startswith("change-me"), f".env.example must not hold a real {password_key}"


def test_long_running_services_have_healthchecks():
    for name, service in services().items():
        if name in ONE_SHOT_SERVICES:
            assert service.get("restart") == "no", f"{name} is one-shot and must not restart"
            continue
        check = service.get("healthcheck")
        assert check and check.get("test") and not check.get("disable"), f"{name} has no health check"
        assert service.get("restart") == "unless-stopped", f"{name} should come back after a failure"


def test_depends_on_targets_exist_and_wait_for_health():
    for name, service in services().items():
        depends_on = service.get("depends_on") or {}
        assert isinstance(depends_on, dict), f"{name}: use depends_on with conditions"
        for target, rule in depends_on.items():
            assert target in services(), f"{name} depends on unknown service {target}"
            expected = "service_completed_successfully" if target in ONE_SHOT_SERVICES else "service_healthy"
            assert rule.get("condition") == expected, f"{name} -> {target} should wait for {expected}"
    for name in AIRFLOW_SERVICES:
        depends_on = services()[name]["depends_on"]
        assert {"metadata-db", "redis"} <= set(depends_on), name
        if name not in ONE_SHOT_SERVICES:
            assert "airflow-init" in depends_on, name
    assert {"warehouse-db", "warehouse-migrate"} <= set(services()["airflow-worker"]["depends_on"])


def test_worker_can_be_scaled():
    worker = services()["airflow-worker"]
    for key in ("container_name", "ports", "hostname"):
        assert key not in worker, f"airflow-worker sets {key}, so --scale airflow-worker=N would clash"
    assert "celery@$${HOSTNAME}" in str(worker["healthcheck"]["test"])


def test_plugins_package_and_simulator_exist():
    package = REPO / "plugins" / "vneid_pipeline"
    assert (package / "__init__.py").is_file(), "plugins/vneid_pipeline is not a package"

    simulator = services()["feed-simulator"]
    command = [interpolate(str(part)) for part in simulator["command"]]
    module = command[command.index("-m") + 1]
    assert module.split(".")[0] == "vneid_pipeline"
    module_path = REPO / "plugins" / Path(*module.split("."))
    assert (module_path / "__main__.py").is_file() or module_path.with_suffix(".py").is_file(), module
    assert command[command.index("--host") + 1] == "0.0.0.0"
    assert command[command.index("--campaign") + 1] == env_example()["VNEID_CAMPAIGN"]
    assert environment(simulator)["PYTHONPATH"] == f"{AIRFLOW_HOME}/plugins"
    assert mounts(simulator)[f"{AIRFLOW_HOME}/plugins"].startswith("./plugins")

    feed = urlsplit(resolved_env("airflow-worker")["VNEID_FEED_URL"])
    assert feed.hostname == "feed-simulator"
    assert str(feed.port) == command[command.index("--port") + 1]


def test_only_the_simulator_is_optional():
    enabled = set(env_example().get("COMPOSE_PROFILES", "").split(","))
    for name, service in services().items():
        profiles = set(service.get("profiles") or ())
        if name == "feed-simulator":
            # The default VNEID_FEED_URL points at the simulator, so .env.example must start it.
            assert profiles and profiles <= enabled, "COMPOSE_PROFILES in .env.example must enable feed-simulator"
        else:
            assert not profiles, f"{name} is part of every deployment and must not sit behind a profile"


def test_pipeline_variables_are_read_by_settings():
    settings_text = SETTINGS_FILE.read_text(encoding="utf-8")
    names = {key for service in services().values() for key in environment(service) if key.startswith("VNEID_")}
    names -= {"VNEID_OWNER_PASSWORD", "VNEID_LOADER_PASSWORD"}  # warehouse-db's own, not settings
    assert names, "no VNEID_* setting is passed to the containers"
    # the alert webhook is read where alerts are sent
    read_elsewhere = (REPO / "plugins" / "vneid_pipeline" / "monitoring.py").read_text(encoding="utf-8")
    unknown = sorted(name for name in names if f'"{name}"' not in settings_text + read_elsewhere)
    assert not unknown, f"settings.py does not read {unknown}"
    assert '"VNEID_FEED_TOKEN"' in settings_text and "VNEID_FEED_TOKEN_{" in settings_text

    sys.path.insert(0, str(REPO / "plugins"))
    try:
        from vneid_pipeline import settings
    finally:
        sys.path.remove(str(REPO / "plugins"))
    assert f"AIRFLOW_CONN_{settings.WAREHOUSE_CONN_ID.upper()}" in environment(services()["airflow-worker"])


def test_worker_reads_feed_tokens_file():
    env_files = services()["airflow-worker"]["env_file"]
    assert {"path": "./.env.feed-tokens", "required": False} in env_files
