"""Migrations, reference loading, immutability of raw and least privilege, on a real PostgreSQL."""

from __future__ import annotations

import psycopg
import pytest

from vneid_pipeline import reference, warehouse

from .helpers import query, scalar


def test_migrations_apply_once_and_record_versions(fresh_database):
    applied = warehouse.migrate(fresh_database)
    assert applied == [name for _, name, _ in warehouse.migration_files()]
    assert warehouse.migrate(fresh_database) == []
    assert [row[0] for row in query(fresh_database, "select version from public.schema_migration order by 1")] == [
        version for version, _, _ in warehouse.migration_files()
    ]


def test_a_changed_applied_migration_is_refused(fresh_database):
    warehouse.migrate(fresh_database)
    with psycopg.connect(fresh_database) as conn:
        conn.execute("update public.schema_migration set checksum = 'tampered' where version = 1")
    with pytest.raises(warehouse.MigrationError, match="changed after it was applied"):
        warehouse.migrate(fresh_database)


def test_reference_load_is_idempotent_and_complete(warehouse_uri):
    counts = dict(
        ((version, level), count)
        for version, level, count in query(
            warehouse_uri, "select version_id, level, count(*) from core.admin_unit group by 1, 2")
    )
    assert counts[("vn-2025-01", "province")] == 63
    assert counts[("vn-2025-01", "district")] == 696
    assert counts[("vn-2025-01", "commune")] == 10051
    assert counts[("vn-2025-07", "province")] == 34
    assert counts[("vn-2025-07", "commune")] == 3321
    assert ("vn-2025-07", "district") not in counts
    assert warehouse.load_reference(warehouse_uri) is False
    assert scalar(warehouse_uri, "select name from core.admin_unit where version_id = 'vn-2025-01' and unit_code = '30'") == "Tỉnh Hải Dương"
    assert scalar(warehouse_uri, "select admin_version_id from core.campaign where campaign_id = 'van-kien-dai-hoi-xiv'") == "vn-2025-07"


def test_a_campaign_is_read_back_as_its_reference_file_says_and_an_unknown_one_is_named(warehouse_uri):
    with warehouse.connect(warehouse_uri) as conn:
        for campaign in reference.campaigns().values():
            assert warehouse.fetch_campaign(conn, campaign.campaign_id) == campaign
        with pytest.raises(LookupError, match="campaign 'no-such-campaign' is not in core.campaign; load the reference"):
            warehouse.fetch_campaign(conn, "no-such-campaign")


def test_raw_payloads_cannot_be_changed_or_deleted(warehouse_uri):
    with psycopg.connect(warehouse_uri) as conn:
        conn.execute(
            "insert into raw.report_payload (campaign_id, province_code, report_date, source, source_uri,"
            " content_format, content, checksum, byte_size) values"
            " ('hien-phap-2025', '30', '2025-05-06', 'http', 'x', 'json', '\\x7b7d', 'c', 2)"
        )
        conn.commit()
        with pytest.raises(psycopg.errors.RaiseException, match="immutable"):
            conn.execute("update raw.report_payload set content = '\\x00'")
        conn.rollback()
        with pytest.raises(psycopg.errors.RaiseException, match="immutable"):
            conn.execute("delete from raw.report_payload")


def test_bi_reader_reads_marts_only(warehouse_uri):
    with psycopg.connect(warehouse_uri) as conn:
        conn.execute("grant bi_reader to current_user")
        conn.commit()
        conn.execute("set role bi_reader")
        assert conn.execute("select count(*) from mart.province_daily").fetchone()[0] == 0
        # validation outcomes reach BI through the mart view, not through dq itself
        assert conn.execute("select count(*) from mart.validation_outcome").fetchone()[0] == 0
        for forbidden in ("select * from core.commune_report", "select * from raw.report_payload",
                          "select * from dq.report_revision", "select * from dq.validation_result",
                          "insert into mart.report_status (campaign_id, report_date, province_code, status,"
                          " published_at) values ('x', '2025-05-06', '01', 'missing', now())"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(forbidden)
            conn.rollback()
            conn.execute("set role bi_reader")
