"""A live local Airflow for operating the pipeline: `make up`, `make down`, `make status`.

    python scripts/local_airflow.py up [--port 8080] [--campaign ID] [--pg-port 55432]
    python scripts/local_airflow.py down
    python scripts/local_airflow.py status

`up` starts the project's PostgreSQL (as `make run` does), creates the warehouse `vneid` (migrated,
reference data loaded) and the Airflow metadata database `airflow` next to it, starts the
province-feed simulator, then Airflow's scheduler, dag-processor, triggerer and api-server with the
LocalExecutor, all with the settings and connection names of docker-compose.yaml. Logs and state
are in `.airflow/live/`. `down` stops exactly the processes `up` started.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import urllib.request
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT / "plugins"))

from vneid_pipeline.localairflow import LocalAirflow, LocalAirflowError, free_port  # noqa: E402

LIVE_HOME = PROJECT_ROOT / ".airflow" / "live"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["up", "down", "status"])
    parser.add_argument("--port", type=int, default=int(os.environ.get("AIRFLOW_HOST_PORT", "8080")))
    parser.add_argument("--campaign", default=os.environ.get("VNEID_CAMPAIGN", "hien-phap-2025"))
    parser.add_argument("--pg-port", type=int, default=int(os.environ.get("VNEID_LOCAL_PG_PORT", "55432")))
    parser.add_argument("--seed", type=int, default=2025, help="simulator seed")
    return parser.parse_args(argv)


def wait_for_feed(url: str, simulator: LocalAirflow, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise LocalAirflowError(f"feed simulator did not answer on {url}; see {simulator.log_path('simulator')}")


def up(args: argparse.Namespace) -> int:
    from vneid_pipeline import reference, warehouse
    from vneid_pipeline.localpg import LocalPostgres
    from vneid_pipeline.simulator import FeedSimulator, default_tokens

    started = time.monotonic()
    server = LocalPostgres.for_port(args.pg_port)
    server.start()
    warehouse_uri = os.environ.get("AIRFLOW_CONN_VNEID_WAREHOUSE") or server.create_database("vneid")
    warehouse.prepare(warehouse_uri)
    metadata_uri = server.create_database("airflow", owner="airflow").replace("postgresql://",
                                                                              "postgresql+psycopg2://", 1)
    feed_port = free_port()
    feed_url = f"http://127.0.0.1:{feed_port}"
    campaign = reference.campaign(args.campaign)
    env = {
        "AIRFLOW_CONN_VNEID_WAREHOUSE": warehouse_uri,
        "VNEID_CAMPAIGN": campaign.campaign_id,
        "VNEID_SOURCE": os.environ.get("VNEID_SOURCE", "http"),
        "VNEID_FEED_URL": feed_url,
        "VNEID_LANDING_DIR": os.environ.get("VNEID_LANDING_DIR", str(PROJECT_ROOT / "landing")),
        "VNEID_PUBLISH_ROOT": os.environ.get("VNEID_PUBLISH_ROOT", str(PROJECT_ROOT / "publish")),
    }
    province_codes = FeedSimulator(campaign.campaign_id).province_codes()
    for code, token in default_tokens(province_codes).items():
        env[f"VNEID_FEED_TOKEN_{code}"] = os.environ.get(f"VNEID_FEED_TOKEN_{code}", token)

    airflow = LocalAirflow(PROJECT_ROOT, home=LIVE_HOME, executor="LocalExecutor", api_port=args.port,
                           extra_env=env, metadata_uri=metadata_uri)
    if airflow.running():
        print(f"already up: {airflow.running()}; `make down` first", file=sys.stderr)
        return 1
    airflow.spawn("simulator", [sys.executable, "-m", "vneid_pipeline.simulator", "serve", "--campaign",
                                campaign.campaign_id, "--seed", str(args.seed), "--port", str(feed_port)])
    try:
        wait_for_feed(feed_url, airflow)
        airflow.start()
        airflow.unpause("vneid_ingest", "vneid_publish", "vneid_sign_off")
        env_file = airflow.write_env_file()
    except BaseException:
        airflow.stop()
        raise
    login = airflow.login
    print(f"""Airflow is up in {time.monotonic() - started:.0f}s (LocalExecutor; logs in {airflow.home / 'logs'})
  UI          {airflow.api_url}   log in as admin / {login['admin']}   (operator / {login['operator']}, viewer / {login['viewer']},
              reviewer / {login['reviewer']}, who answers vneid_sign_off's requests;
              passwords in {airflow.home / 'passwords.json'})
  warehouse   {warehouse_uri}
  metadata DB {metadata_uri}
  feed        {feed_url} ({campaign.campaign_id}, simulator seed {args.seed})
vneid_ingest, vneid_publish and vneid_sign_off are unpaused; vneid_publication_deadline stays paused (it would alert
on past days). Each publication waits as provisional for the reviewer in the UI's Required actions.
Trigger a campaign day: in the UI, vneid_ingest > Trigger, logical date 2025-05-16 15:30 (+07:00), or
  set -a; . {env_file}; set +a     # the components' environment, for the airflow CLI
  .venv/bin/airflow dags trigger vneid_ingest --logical-date 2025-05-16T15:30:00+07:00
Stop with `make down`.""")
    return 0


def down(args: argparse.Namespace) -> int:
    airflow = LocalAirflow(PROJECT_ROOT, home=LIVE_HOME, api_port=args.port)
    stopped = airflow.stop()
    print(f"stopped: {', '.join(stopped) or 'nothing was running'}")
    return 0


def status(args: argparse.Namespace) -> int:
    airflow = LocalAirflow(PROJECT_ROOT, home=LIVE_HOME, api_port=args.port)
    running = airflow.running()
    for name, pid in running.items():
        print(f"{name:14} pid {pid:<8} log {airflow.log_path(name)}")
    if not running:
        print("not running (make up)")
    return 0 if running else 1


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    return {"up": up, "down": down, "status": status}[args.command](args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
