"""The data dictionary in the catalogue: every mart table and column carries a comment (V008)."""

from __future__ import annotations

import pytest

from .helpers import query, scalar

DQ_RELATIONS = ("report_revision", "validation_failure", "regression", "outlier", "reconciliation",
                "revision_change", "validation_result", "reference_change")
BREAKDOWN_MARTS = tuple(f"{level}_daily_by_{dimension}" for dimension in ("section", "citizen_group")
                        for level in ("commune", "district", "province", "national"))
MARTS = ("national_daily", "province_daily", "district_daily", "commune_daily", "report_status", "province_forecast",
         "national_forecast", "validation_outcome",
         "province_daily_current_units", "commune_daily_current_units", "region_daily", *BREAKDOWN_MARTS)

TABLE_COMMENTS = """
select cls.relname, obj_description(cls.oid, 'pg_class')
from pg_catalog.pg_class as cls
inner join pg_catalog.pg_namespace as nsp on nsp.oid = cls.relnamespace
where nsp.nspname = %s and cls.relkind in ('r', 'p', 'v', 'm')
order by cls.relname
"""

COLUMN_COMMENTS = """
select cls.relname, att.attname, col_description(cls.oid, att.attnum)
from pg_catalog.pg_class as cls
inner join pg_catalog.pg_namespace as nsp on nsp.oid = cls.relnamespace
inner join pg_catalog.pg_attribute as att on att.attrelid = cls.oid
where nsp.nspname = %s and cls.relkind in ('r', 'p', 'v', 'm') and att.attnum > 0 and not att.attisdropped
order by cls.relname, att.attnum
"""


def column_comment(uri: str, relation: str, column: str) -> str | None:
    return scalar(uri, "select col_description(%s::regclass, "
                       "(select attnum from pg_attribute where attrelid = %s::regclass and attname = %s))",
                  [relation, relation, column])


def test_every_mart_table_has_a_comment(warehouse_uri):
    comments = dict(query(warehouse_uri, TABLE_COMMENTS, ["mart"]))
    assert set(MARTS) <= set(comments)
    missing = sorted(name for name, comment in comments.items() if not (comment or "").strip())
    assert missing == []


def test_every_mart_column_has_a_comment(warehouse_uri):
    rows = query(warehouse_uri, COLUMN_COMMENTS, ["mart"])
    assert len(rows) > 150
    missing = [f"mart.{table}.{column}" for table, column, comment in rows if not (comment or "").strip()]
    assert missing == []


@pytest.mark.parametrize("relation", DQ_RELATIONS)
def test_the_dq_relations_analysts_query_are_commented(warehouse_uri, relation):
    assert dict(query(warehouse_uri, TABLE_COMMENTS, ["dq"])).get(relation, "").strip()
    missing = [f"dq.{table}.{column}" for table, column, comment in query(warehouse_uri, COLUMN_COMMENTS, ["dq"])
               if table == relation and not (comment or "").strip()]
    assert missing == []


def test_comments_state_the_formulas(warehouse_uri):
    rank = column_comment(warehouse_uri, "mart.province_daily", "national_rank")
    assert "participation_rate descending" in rank and "ties broken by province_code" in rank
    rate = column_comment(warehouse_uri, "mart.province_daily", "participation_rate")
    assert "participated / eligible" in rate and "[0,1]" in rate and "null when eligible is 0" in rate
    assert "agreed / participated" in column_comment(warehouse_uri, "mart.commune_daily", "agree_rate")
    assert "ties broken by commune_code" in column_comment(warehouse_uri, "mart.commune_daily", "rank_in_province")
    assert "previous calendar day" in column_comment(warehouse_uri, "mart.province_daily", "rank_change")
    assert "target_rate - participation_rate" in column_comment(warehouse_uri, "mart.national_daily", "target_gap")
    assert "mức 2" in column_comment(warehouse_uri, "mart.national_daily", "eligible")
