"""Least privilege, hostile values and secrets: what an attacker or a careless feed could try."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import psycopg
import pytest

from vneid_pipeline import ingest, sources
from vneid_pipeline.simulator import FeedSimulator, write_landing

from .helpers import scalar, settings_for

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CAMPAIGN = "hien-phap-2025"
DAY = dt.date(2025, 5, 16)
HOSTILE = "x'); drop table core.campaign; --"


def test_hostile_breakdown_values_are_stored_as_plain_text(warehouse_uri, tmp_path):
    write_landing(FeedSimulator(CAMPAIGN), tmp_path, [DAY], province_codes=["30"])
    path = tmp_path / CAMPAIGN / "30" / f"{DAY}.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    hostile = '"' + HOSTILE.replace('"', '""') + '"'
    rows = [line + "," for line in lines[1:]] + [line + "," + hostile for line in lines[1:]]
    path.write_text("\n".join([lines[0] + ",section", *rows]) + "\n", encoding="utf-8")
    settings = settings_for(warehouse_uri, source="files", landing_dir=tmp_path, recheck_days=0)
    outcome = ingest.ingest_province(settings, CAMPAIGN, "30", DAY,
                                     now=dt.datetime(2025, 5, 16, 16, tzinfo=ingest.LOCAL_TZ))
    assert outcome.target_day.status == "accepted"
    assert scalar(warehouse_uri, "select count(distinct section) from core.commune_report") == 2
    assert scalar(warehouse_uri, "select max(section) from core.commune_report") == HOSTILE
    assert scalar(warehouse_uri, "select count(*) from core.campaign") == 2


@pytest.mark.parametrize("province_code", ["30'; --", "../31", "3", "30/../../etc"])
def test_hostile_province_codes_never_reach_a_path_or_url(tmp_path, province_code):
    with pytest.raises(ValueError):
        sources.landing_dir_for(tmp_path, CAMPAIGN, province_code)
    with pytest.raises(ValueError):
        sources.report_url("http://127.0.0.1:1", CAMPAIGN, province_code, DAY)


def test_a_symlink_in_the_landing_area_is_not_followed(warehouse_uri, tmp_path):
    secret = tmp_path / "outside.csv"
    secret.write_text("commune_code,commune_name,eligible,participated,agreed\n")
    folder = tmp_path / "landing" / CAMPAIGN / "30"
    folder.mkdir(parents=True)
    (folder / f"{DAY}.csv").symlink_to(secret)
    with pytest.raises(sources.ReportNotPublishedError):
        sources.list_landing(tmp_path / "landing", CAMPAIGN, "30", DAY)


def _as_role(uri: str, role: str):
    conn = psycopg.connect(uri)
    conn.execute(psycopg.sql.SQL("grant {} to current_user").format(psycopg.sql.Identifier(role)))
    conn.commit()
    conn.execute(psycopg.sql.SQL("set role {}").format(psycopg.sql.Identifier(role)))
    return conn


def test_the_loader_can_load_but_not_change_the_schema_or_raw(warehouse_uri):
    with _as_role(warehouse_uri, "vneid_loader") as conn:
        assert conn.execute("select count(*) from core.campaign").fetchone()[0] == 2
        conn.execute("select count(*) from public.schema_migration")
        for forbidden in ("create table core.intruder (id int)", "drop table mart.province_daily",
                          "update raw.report_payload set checksum = 'x'", "alter table core.campaign add column x int"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(forbidden)
            conn.rollback()
            conn.execute("set role vneid_loader")


def test_no_credentials_are_committed():
    tracked = subprocess.run(["git", "ls-files"], cwd=PROJECT_ROOT, capture_output=True, text=True).stdout.split()
    # a literal password; ${VAR} references and upper-case placeholders (USER:PASSWORD) are fine
    uri_with_password = re.compile(r"postgres(?:ql)?://[^:/@\s]+:(?!\$\{)(?![A-Z_]+@)[^@\s]+@")
    offenders = []
    for name in tracked:
        path = PROJECT_ROOT / name
        if path.suffix in (".xlsx", ".png") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        if uri_with_password.search(text):
            offenders.append(name)
    assert offenders == []
    assert not (PROJECT_ROOT / ".env").exists() or ".env" in (PROJECT_ROOT / ".gitignore").read_text()


def test_every_query_is_parameterised():
    """No SQL file formats values in: values are bound (%(name)s), identifiers only via psycopg.sql."""
    for path in (PROJECT_ROOT / "include" / "sql").rglob("*.sql"):
        text = path.read_text(encoding="utf-8")
        assert "%s" not in text.replace("%%s", ""), f"{path.name}: use named parameters"
        composed = set(re.findall(r"\{([a-z_]+)\}", text))
        if path.parent.name == "localpg":
            continue
        # publish composes only identifiers of declared marts and their columns (publish._statement), and
        # a file that has them says so in its header
        assert composed <= COMPOSED_IDENTIFIERS, f"{path.name}: {sorted(composed - COMPOSED_IDENTIFIERS)}"
        assert not composed or "composed:" in text.split("\n", 3)[0] + text.split("\n", 3)[1], path.name


COMPOSED_IDENTIFIERS = {"mart", "dimension", "commune_mart", "order_by"}
