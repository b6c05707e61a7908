"""A loader process for the fault-injection tests: ingest some province-days, then publish them.

    python tests/integration/fault_worker.py --uri URI --province 30 [--province 31 ...]
        --date 2025-05-16 [--date ...] [--landing DIR | --feed-url URL] [--publish-root DIR]
        [--campaign ID] [--recheck-days N] [--http-timeout S] [--http-attempts N] [--now ISO]
        [--no-publish] [--prepare]

Settings come from the environment (`vneid_pipeline.settings.load_settings`), overridden by the
arguments. For each date, in order, every province is ingested in the order given
(`ingest.ingest_province`), then the day is published (`publish.publish_day`). One JSON line is
printed per province-day and per publication. Exit status 0 when everything ran; an exception
(for example the server going away) ends the process with a traceback and status 1.

It exists so that a test can SIGKILL a real loader process in the middle of a COPY or a merge;
`run()` is the same work in-process, used for the clean reference runs.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
if str(PROJECT_ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT / "plugins"))

from vneid_pipeline import ingest, publish, warehouse  # noqa: E402
from vneid_pipeline.settings import Settings, load_settings  # noqa: E402

CUTOFF_CHECK_TIME = dt.time(16, 0)  # after the 15:00 deadline: a 404 is "missing", not "retry later"


def run(settings: Settings, campaign_id: str, provinces: list[str], dates: list[dt.date],
        publish_root: Path | None, now: dt.datetime | None = None, echo=None) -> list[dict]:
    """Ingest every (date, province) in order, publishing each date after its provinces."""
    results = []

    def emit(record: dict) -> None:
        results.append(record)
        if echo is not None:
            echo(record)

    for day in dates:
        day_now = now or dt.datetime.combine(day, CUTOFF_CHECK_TIME, tzinfo=ingest.LOCAL_TZ)
        for province in provinces:
            outcome = ingest.ingest_province(settings, campaign_id, province, day, now=day_now)
            emit({"event": "ingested", **outcome.as_dict()})
        if publish_root is not None:
            published = publish.publish_day(settings.warehouse_uri, campaign_id, day, publish_root)
            emit({"event": "published", "report_date": published.report_date, "rows": published.rows})
    return results


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uri", required=True, help="warehouse URI (the loader's connection)")
    parser.add_argument("--campaign", default="hien-phap-2025")
    parser.add_argument("--province", action="append", required=True, help="province code (repeatable)")
    parser.add_argument("--date", action="append", required=True, type=dt.date.fromisoformat,
                        help="report date YYYY-MM-DD (repeatable)")
    parser.add_argument("--landing", type=Path, help="landing root: read files instead of HTTP")
    parser.add_argument("--feed-url", help="HTTP feed base URL (tokens from VNEID_FEED_TOKEN_<code>)")
    parser.add_argument("--publish-root", type=Path, help="where publish_day writes its files")
    parser.add_argument("--no-publish", action="store_true", help="ingest only")
    parser.add_argument("--recheck-days", type=int, default=0)
    parser.add_argument("--http-timeout", type=float)
    parser.add_argument("--http-attempts", type=int)
    parser.add_argument("--now", type=dt.datetime.fromisoformat,
                        help="the run's clock for the cut-off rule (default: each date at 16:00 +07:00)")
    parser.add_argument("--prepare", action="store_true", help="migrate and load reference data first")
    return parser.parse_args(argv)


def settings_from(args: argparse.Namespace) -> Settings:
    overrides = {"warehouse_uri": args.uri, "campaign_id": args.campaign, "recheck_days": args.recheck_days}
    if args.landing is not None:
        overrides.update(source="files", landing_dir=args.landing)
    if args.feed_url is not None:
        overrides.update(source="http", feed_base_url=args.feed_url)
    if args.http_timeout is not None:
        overrides["http_timeout_seconds"] = args.http_timeout
    if args.http_attempts is not None:
        overrides["http_attempts"] = args.http_attempts
    return dataclasses.replace(load_settings(), **overrides)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    settings = settings_from(args)
    if args.prepare:
        warehouse.prepare(settings.warehouse_uri)
    publish_root = None if args.no_publish else (args.publish_root or settings.publish_root)
    run(settings, args.campaign, args.province, args.date, publish_root, now=args.now,
        echo=lambda record: print(json.dumps(record, ensure_ascii=False), flush=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
