"""Local runner: both DAGs, day by day, over a campaign, on the project's own PostgreSQL.

    python scripts/run_pipeline.py [--source http|files] [--landing DIR] [--campaign ID]
                                   [--start YYYY-MM-DD] [--end YYYY-MM-DD] [--approve NAME]

It starts (or reuses) the local PostgreSQL on 127.0.0.1, prepares the warehouse and the Airflow
metadata DB under .airflow/, starts the bundled province-feed simulator when it is the source,
then for each day runs `vneid_ingest` and `vneid_publish` with Airflow's `dag.test()`. The exit
status is 0 when every day was processed (quarantined or missing provinces are data, shown in the
summary) and 1 when the pipeline itself failed.

Every day is published provisional: `dag.test()` cannot wait for a reviewer (vneid_sign_off is a
human-in-the-loop DAG). With `--approve NAME` (`make run APPROVE=NAME`) each published day is put
to NAME and approved at once, through the functions vneid_sign_off calls, so it ends official.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_AIRFLOW_HOME = PROJECT_ROOT / ".airflow"


def configure_airflow_environment() -> None:
    """Airflow reads its configuration at import time, so this runs before any Airflow import."""
    os.environ.setdefault("AIRFLOW_HOME", str(DEFAULT_AIRFLOW_HOME))
    os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(PROJECT_ROOT / "dags")
    os.environ["AIRFLOW__CORE__PLUGINS_FOLDER"] = str(PROJECT_ROOT / "plugins")
    os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
    os.environ.setdefault("AIRFLOW__LOGGING__LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("AIRFLOW__CORE__UNIT_TEST_MODE", "False")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")  # no usage-statistics thread or network call per context
    sys.path.insert(0, str(PROJECT_ROOT / "plugins"))


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", choices=["http", "files"], default=os.environ.get("VNEID_SOURCE", "http"))
    parser.add_argument("--landing", type=Path, default=None, help="landing root holding <campaign_id>/")
    parser.add_argument("--campaign", default=os.environ.get("VNEID_CAMPAIGN", "hien-phap-2025"))
    parser.add_argument("--start", type=dt.date.fromisoformat, default=None)
    parser.add_argument("--end", type=dt.date.fromisoformat, default=None)
    parser.add_argument("--pg-port", type=int, default=int(os.environ.get("VNEID_LOCAL_PG_PORT", "55432")))
    parser.add_argument("--seed", type=int, default=2025, help="simulator seed")
    parser.add_argument("--approve", metavar="NAME", default=None,
                        help="approve each published day as NAME (default: leave them provisional)")
    parser.add_argument("--breakdown", action="store_true",
                        help="simulator reports carry breakdown rows by section and citizen group")
    parser.add_argument("--fault", action="append", default=[], metavar="PROVINCE:DATE:KIND[:COUNT[:DELAY]]",
                        help="inject a simulator fault (repeatable), e.g. 30:2025-05-07:out_of_range")
    return parser.parse_args(argv)


def ensure_warehouse(port: int) -> str:
    """This checkout's own PostgreSQL on `port` (data in .local/pg-<port>/), unless a warehouse is configured."""
    from vneid_pipeline.localpg import LocalPostgres, PortHeldError

    configured = os.environ.get("AIRFLOW_CONN_VNEID_WAREHOUSE")
    if configured:
        return configured
    server = LocalPostgres.for_port(port)
    try:
        server.start()
    except PortHeldError as error:
        raise SystemExit(f"error: {error}") from None
    uri = server.create_database("vneid")
    os.environ["AIRFLOW_CONN_VNEID_WAREHOUSE"] = uri
    return uri


def start_airflow_metadata_migration() -> subprocess.Popen:
    Path(os.environ["AIRFLOW_HOME"]).mkdir(parents=True, exist_ok=True)
    return subprocess.Popen([sys.executable, "-m", "airflow", "db", "migrate"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=os.environ.copy())


def finish_airflow_metadata_migration(migration: subprocess.Popen) -> None:
    stdout, stderr = migration.communicate()
    if migration.returncode != 0:
        raise SystemExit(f"airflow db migrate failed:\n{stdout[-2000:]}\n{stderr[-4000:]}")


def keep_warm_objects_out_of_garbage_collection() -> None:
    """Before the first day and after it, the process holds about a million long-lived objects
    (Airflow, Great Expectations' context, pandas, the DAGs) that every full collection would scan
    again: about 0.25 s each, a dozen times a day. Frozen, they are left out of collections (they
    are still freed when their last reference goes); what the later days create is collected as usual."""
    gc.collect()
    gc.freeze()


def print_ranking(uri: str, campaign_id: str, report_date: dt.date) -> None:
    from vneid_pipeline import publish

    rows = publish.national_ranking(uri, campaign_id, report_date)
    print(f"\nNational ranking, {campaign_id}, {report_date} (participation among level-2 VNeID holders)")
    print(f"{'rank':>4} {'chg':>4}  {'code':4} {'province':<28} {'participated':>13} {'eligible':>11} {'rate':>7}  status")
    for rank, code, name, participated, eligible, rate, change, status in rows:
        rank_text = str(rank) if rank is not None else "-"
        change_text = f"{change:+d}" if change else ("0" if change == 0 else "")
        participated_text = f"{participated:,}" if participated is not None else "-"
        eligible_text = f"{eligible:,}" if eligible is not None else "-"
        rate_text = f"{float(rate) * 100:6.2f}%" if rate is not None else "-"
        print(f"{rank_text:>4} {change_text:>4}  {code:4} {name:<28} {participated_text:>13} {eligible_text:>11} "
              f"{rate_text:>7}  {status}")
    national = publish.national_day(uri, campaign_id, report_date)
    if national and national["participated"] is not None:
        participated, eligible, rate, target = (national[key] for key in (
            "participated", "eligible", "participation_rate", "target_rate"))
        reported, expected = national["provinces_reported"], national["provinces_expected"]
        print(f"\nNation: {participated:,} of {eligible:,} took part ({float(rate) * 100:.2f}%), target "
              f"{float(target) * 100:.0f}% (gap {float(target - rate) * 100:+.2f} points); "
              f"{reported} of {expected} provinces reported")


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    configure_airflow_environment()

    from vneid_pipeline import reference

    campaign = reference.campaign(args.campaign)
    start = args.start or campaign.first_day
    end = args.end or campaign.last_day
    if start > end or not (campaign.covers(start) and campaign.covers(end)):
        print(f"START..END must lie within {campaign.campaign_id} ({campaign.first_day} to {campaign.last_day})",
              file=sys.stderr)
        return 2
    days = [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]

    # The metadata migration runs in its own process while this one prepares the warehouse and
    # starts the simulator (a fresh warehouse and a fresh metadata DB take seconds each).
    migration = start_airflow_metadata_migration()
    try:
        return run_days(args, campaign, days, migration)
    finally:
        if migration.returncode is None:
            migration.communicate()


class ValidationWarmUp(threading.Thread):
    """Great Expectations' context and first validation (seconds), built while the warehouse is prepared."""

    def __init__(self) -> None:
        super().__init__(name="validation-warm-up", daemon=True)
        self.error: BaseException | None = None

    def run(self) -> None:
        from vneid_pipeline import validation

        try:
            validation.warm_up()
        except BaseException as error:  # re-raised in the main thread by finish()
            self.error = error

    def finish(self) -> None:
        self.join()
        if self.error is not None:
            raise self.error


def run_days(args: argparse.Namespace, campaign, days: list[dt.date], migration: subprocess.Popen) -> int:
    warm_up = ValidationWarmUp()
    warm_up.start()
    from vneid_pipeline import ingest, publish, sign_off, warehouse
    from vneid_pipeline.simulator import FeedSimulator, default_tokens, parse_fault_spec, serve_feed, write_landing

    faults = dict(parse_fault_spec(text) for text in args.fault)
    uri = ensure_warehouse(args.pg_port)
    warehouse.prepare(uri)
    os.environ["VNEID_CAMPAIGN"] = campaign.campaign_id
    os.environ["VNEID_SOURCE"] = args.source

    feed_server = None
    if args.source == "http":
        simulator = FeedSimulator(campaign.campaign_id, seed=args.seed, faults=faults, breakdown=args.breakdown)
        feed_server = serve_feed(simulator)
        os.environ["VNEID_FEED_URL"] = feed_server.base_url
        for code, token in default_tokens(simulator.province_codes()).items():
            os.environ.setdefault(f"VNEID_FEED_TOKEN_{code}", token)
        print(f"province-feed simulator at {feed_server.base_url} (seed {args.seed})")
    else:
        landing = args.landing
        if landing is None:
            landing = PROJECT_ROOT / "landing"
            write_landing(FeedSimulator(campaign.campaign_id, seed=args.seed, faults=faults,
                                        breakdown=args.breakdown), landing, days)
            print(f"wrote simulated report files for {len(days)} day(s) into {landing}")
        if not (landing / campaign.campaign_id).is_dir():
            print(f"{landing} has no {campaign.campaign_id}/ folder", file=sys.stderr)
            return 2
        os.environ["VNEID_LANDING_DIR"] = str(landing.resolve())

    finish_airflow_metadata_migration(migration)  # before this process imports Airflow (which may write airflow.cfg)
    warm_up.finish()
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(str(PROJECT_ROOT / "dags"))
    if bag.import_errors:
        print(f"DAG import errors: {bag.import_errors}", file=sys.stderr)
        return 1
    ingest_dag, publish_dag = bag.get_dag("vneid_ingest"), bag.get_dag("vneid_publish")
    print(f"warehouse {uri}; {campaign.campaign_id}: {len(days)} day(s), source {args.source}")

    failures = []
    publish_root = Path(os.environ.get("VNEID_PUBLISH_ROOT", PROJECT_ROOT / "publish"))
    keep_warm_objects_out_of_garbage_collection()
    started = time.monotonic()
    try:
        for number, day in enumerate(days, start=1):
            day_started = time.monotonic()
            ingest_started = dt.datetime.now(dt.UTC)
            logical = dt.datetime.combine(day, dt.time(15, 30), tzinfo=ingest.LOCAL_TZ)
            ingest_run = ingest_dag.test(logical_date=logical, run_conf={"campaign_id": campaign.campaign_id,
                                                                          "source": args.source})
            ingest_seconds = time.monotonic() - day_started
            to_publish = ingest.days_to_publish(uri, campaign.campaign_id, day, ingest_started)
            publish_started = time.monotonic()
            publish_run = publish_dag.test(
                logical_date=None,
                run_conf={"campaign_id": campaign.campaign_id, "report_dates": [d.isoformat() for d in to_publish]},
            )
            publish_seconds = time.monotonic() - publish_started
            figures = "provisional"
            if args.approve and str(publish_run.state) == "success":
                approved = sign_off.approve_days(uri, [(campaign.campaign_id, d) for d in to_publish], args.approve,
                                                 publish_root)
                figures = f"official, approved by {args.approve} ({len(approved)} day(s) put to them)"
            counts = publish.status_counts(uri, campaign.campaign_id, day)
            states = (f"ingest {ingest_run.state} {ingest_seconds:.1f}s, "
                      f"publish {publish_run.state} {publish_seconds:.1f}s")
            if str(ingest_run.state) != "success" or str(publish_run.state) != "success":
                failures.append(f"{day}: ingest {ingest_run.state}, publish {publish_run.state}")
            republished = f", republished {', '.join(d.isoformat() for d in to_publish if d != day)}" if len(to_publish) > 1 else ""
            print(f"day {number} of {len(days)} {day}: accepted {counts.get('accepted', 0)}, quarantined "
                  f"{counts.get('quarantined', 0)}, missing {counts.get('missing', 0)}{republished}; {figures} "
                  f"[{states}] {time.monotonic() - day_started:.1f}s", flush=True)
            if number == 1:
                keep_warm_objects_out_of_garbage_collection()
    finally:
        if feed_server is not None:
            feed_server.shutdown()

    print_ranking(uri, campaign.campaign_id, days[-1])
    print(f"\nmarts exported under {publish_root / campaign.campaign_id}; {time.monotonic() - started:.0f}s in all")
    if failures:
        print("pipeline failures:\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
