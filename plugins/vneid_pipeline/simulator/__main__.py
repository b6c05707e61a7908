"""Command line: `python -m vneid_pipeline.simulator serve ...` or `... write-files ...`."""

from __future__ import annotations

import argparse
import datetime as dt
import signal
import sys
from pathlib import Path

from vneid_pipeline.simulator.http_feed import serve_feed
from vneid_pipeline.simulator.landing import write_landing
from vneid_pipeline.simulator.model import FAULT_KINDS, FeedSimulator, parse_fault_spec


def _fault_argument(text: str):
    try:
        return parse_fault_spec(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m vneid_pipeline.simulator", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--campaign", default="hien-phap-2025", help="campaign id (default: %(default)s)")
        sub.add_argument("--seed", type=int, default=2025, help="generation seed (default: %(default)s)")
        sub.add_argument(
            "--fault",
            type=_fault_argument,
            action="append",
            default=[],
            metavar="PROVINCE:DATE:KIND[:COUNT[:DELAY]]",
            help=f"inject a fault (repeatable); KIND is one of {', '.join(sorted(FAULT_KINDS))}",
        )
        sub.add_argument(
            "--breakdown",
            action="store_true",
            help="add rows by citizen group and by (section, citizen group) to every commune",
        )

    serve = commands.add_parser("serve", help="serve the HTTP feed until interrupted")
    common(serve)
    serve.add_argument("--host", default="127.0.0.1", help="bind address (default: %(default)s)")
    serve.add_argument("--port", type=int, default=8765, help="port, 0 for any free one (default: %(default)s)")

    files = commands.add_parser("write-files", help="write CSV / XLSX landing files")
    common(files)
    files.add_argument("--landing", type=Path, required=True, help="landing root; files go under {campaign}/")
    files.add_argument("--start", type=dt.date.fromisoformat, help="first report date (default: campaign start)")
    files.add_argument("--end", type=dt.date.fromisoformat, help="last report date (default: campaign end)")
    files.add_argument("--format", choices=("csv", "xlsx", "both", "mixed"), default="csv", help="default: csv")
    files.add_argument("--province", action="append", help="only this province code (repeatable)")
    return parser


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _serve(simulator: FeedSimulator, host: str, port: int) -> int:
    server = serve_feed(simulator, host=host, port=port)
    signal.signal(signal.SIGTERM, _interrupt)  # docker stop or a supervisor stops as cleanly as Ctrl-C
    print(server.base_url, flush=True)
    print(
        f"serving {simulator.campaign_id} ({len(simulator.province_codes())} provinces"
        f"{', with breakdown rows' if simulator.breakdown else ''}); token per province: sim-token-<province_code>",
        file=sys.stderr,
        flush=True,
    )
    try:
        while True:
            server.wait(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0


def _write_files(simulator: FeedSimulator, args: argparse.Namespace) -> int:
    campaign = simulator.campaign
    start = args.start or campaign.first_day
    end = args.end or campaign.last_day
    outside = [day for day in (start, end) if not campaign.covers(day)]
    if outside or end < start:
        print(
            f"error: {start}..{end} must lie within {campaign.campaign_id} ({campaign.first_day}..{campaign.last_day})",
            file=sys.stderr,
        )
        return 2
    unknown = sorted(set(args.province or ()) - set(simulator.province_codes()))
    if unknown:
        print(f"error: unknown province code(s) for {campaign.campaign_id}: {', '.join(unknown)}", file=sys.stderr)
        return 2
    formats = {"both": ("csv", "xlsx")}.get(args.format, (args.format,))
    dates = [start + dt.timedelta(days=offset) for offset in range((end - start).days + 1)]
    paths = write_landing(simulator, args.landing, dates, formats=formats, province_codes=args.province)
    print(f"wrote {len(paths)} files under {args.landing / campaign.campaign_id}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        simulator = FeedSimulator(args.campaign, seed=args.seed, faults=dict(args.fault), breakdown=args.breakdown)
    except KeyError as error:
        print(f"error: {error.args[0]}", file=sys.stderr)
        return 2
    if args.command == "serve":
        return _serve(simulator, args.host, args.port)
    return _write_files(simulator, args)


if __name__ == "__main__":
    sys.exit(main())
