"""Bundled province-feed simulator: deterministic daily reports for a campaign, served over HTTP
(the v1 report endpoint) or written as CSV / XLSX landing files, with injectable faults and optional
breakdown rows by citizen group and by (section, citizen group).

Run it with `python -m vneid_pipeline.simulator serve|write-files ...`; see docs/simulator.md.
"""

from vneid_pipeline.simulator.http_feed import FeedServer, default_tokens, serve_feed
from vneid_pipeline.simulator.landing import write_landing
from vneid_pipeline.simulator.model import (
    CITIZEN_GROUPS,
    FAULT_KINDS,
    Fault,
    FeedSimulator,
    parse_fault_spec,
    sections_for,
)

__all__ = [
    "CITIZEN_GROUPS",
    "FAULT_KINDS",
    "Fault",
    "FeedServer",
    "FeedSimulator",
    "default_tokens",
    "parse_fault_spec",
    "sections_for",
    "serve_feed",
    "write_landing",
]
