"""The data dictionary (include/dictionary.toml) and the catalogue: every comment in the warehouse is
the dictionary's, every mart table and column has one, and applying it is idempotent."""

from __future__ import annotations

import re

import psycopg
import pytest

from vneid_pipeline import dictionary, publish, warehouse
from vneid_pipeline.settings import SQL_DIR

from .helpers import query, scalar

DQ_RELATIONS = ("report_revision", "validation_failure", "regression", "outlier", "reconciliation",
                "revision_change", "validation_result", "reference_change")
COMMENTS = """
select nsp.nspname, null, null, obj_description(nsp.oid, 'pg_namespace')
from pg_catalog.pg_namespace as nsp
where nsp.oid >= 16384 and obj_description(nsp.oid, 'pg_namespace') is not null
union all
select nsp.nspname, cls.relname, att.attname, description.description
from pg_catalog.pg_description as description
inner join pg_catalog.pg_class as cls on cls.oid = description.objoid and description.classoid = 'pg_class'::regclass
inner join pg_catalog.pg_namespace as nsp on nsp.oid = cls.relnamespace
left join pg_catalog.pg_attribute as att on att.attrelid = cls.oid and att.attnum = description.objsubid
where nsp.nspname not in ('pg_catalog', 'information_schema')
"""

MART_COLUMNS = """
select cls.relname, cls.relkind, array_agg(att.attname order by att.attnum)
from pg_catalog.pg_class as cls
inner join pg_catalog.pg_attribute as att on att.attrelid = cls.oid and att.attnum > 0 and not att.attisdropped
where cls.relnamespace = 'mart'::regnamespace and cls.relkind in ('r', 'p', 'v', 'm')
group by cls.relname, cls.relkind
"""

PRIMARY_KEYS = """
select con.conrelid::regclass::text, array_agg(att.attname order by key.position)
from pg_catalog.pg_constraint as con
cross join unnest(con.conkey) with ordinality as key (attnum, position)
inner join pg_catalog.pg_attribute as att on att.attrelid = con.conrelid and att.attnum = key.attnum
where con.connamespace = 'mart'::regnamespace and con.contype = 'p'
group by con.conrelid
"""


def dictionary_comments() -> set[tuple]:
    entries = {(schema, None, None, text) for schema, text in dictionary.schemas().items()}
    for table in dictionary.tables():
        if table.comment is not None:
            entries.add((table.schema, table.name, None, table.comment))
        entries |= {(table.schema, table.name, column, text) for column, text in table.columns.items()}
    return entries


def column_comment(uri: str, relation: str, column: str) -> str | None:
    return scalar(uri, "select col_description(%s::regclass, "
                       "(select attnum from pg_attribute where attrelid = %s::regclass and attname = %s))",
                  [relation, relation, column])


def test_the_catalogue_says_what_the_dictionary_says(warehouse_uri):
    catalogue = set(query(warehouse_uri, COMMENTS))
    assert len(catalogue) > 500
    assert sorted(catalogue - dictionary_comments(), key=str) == [], "comments in the warehouse that the dictionary lacks"
    assert sorted(dictionary_comments() - catalogue, key=str) == [], "dictionary entries the warehouse lacks"


def test_every_mart_table_and_column_has_a_meaning_in_table_order(warehouse_uri):
    declared = {table.name: table for table in dictionary.tables() if table.schema == "mart"}
    marts = {name: columns for name, _, columns in query(warehouse_uri, MART_COLUMNS)}
    assert set(marts) == set(declared)
    for name, columns in marts.items():
        assert (declared[name].comment or "").strip(), f"mart.{name} has no comment in include/dictionary.toml"
        meanings = declared[name].columns
        assert [column for column in columns if not meanings.get(column, "").strip()] == [], \
            f"mart.{name}: columns without a meaning in include/dictionary.toml"
        assert list(meanings) == columns, f"mart.{name}: list the columns in table order"


def test_marts_declare_their_key_and_export_order(warehouse_uri):
    primary_keys = {relation: tuple(columns) for relation, columns in query(warehouse_uri, PRIMARY_KEYS)}
    marts = [table for table in dictionary.tables() if table.schema == "mart"]
    for table in marts:
        assert table.key == primary_keys.get(f"mart.{table.name}", ()), f"mart.{table.name}: key is not its primary key"
        assert set(table.export_order) <= set(table.columns)
    published = [table for table in marts if table.published]
    assert {table.published for table in published} == {"always", "with_districts", "when_restated"}
    assert [table.name for table in published if table.published == "with_districts"] == [
        table.name for table in published if table.name.startswith("district_daily")]
    assert dictionary.tables()[:len(published)] == tuple(published), "the published marts come first, in refresh order"


def test_the_refresh_order_lets_each_mart_read_only_marts_refreshed_before_it():
    """publish refreshes the marts in the dictionary's order in one transaction; an insert that read a
    mart refreshed later would read the day's old rows (or none)."""
    published = publish.declared_marts()
    names = {table.name for table in published}
    refreshed: list[str] = []
    for table in published:
        statement, _ = publish._insert(table, {})
        text = re.sub(r"--[^\n]*", "", statement.as_string(None))
        read = {name for pair in re.findall(r'\bmart\.(\w+)|"mart"\."(\w+)"', text) for name in pair if name}
        assert read & names - {table.name} <= set(refreshed), f"mart.{table.name} reads a mart refreshed after it"
        refreshed.append(table.name)
    inserts = {path.stem.removeprefix("insert_") for path in (SQL_DIR / "publish").glob("insert_*.sql")}
    breakdown_levels = {name.split("_daily_by_")[0] for name in names if "_daily_by_" in name}
    assert inserts == (names - {n for n in names if "_daily_by_" in n}) | {f"{level}_daily_by_breakdown"
                                                                          for level in breakdown_levels}, \
        "every insert file belongs to a declared mart and every declared mart has one"


@pytest.mark.parametrize("relation", DQ_RELATIONS)
def test_the_dq_relations_analysts_query_are_commented(warehouse_uri, relation):
    table = next(table for table in dictionary.tables() if (table.schema, table.name) == ("dq", relation))
    assert (table.comment or "").strip() and table.columns


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


def test_applying_the_dictionary_is_idempotent_and_restores_what_differs(warehouse_uri):
    with psycopg.connect(warehouse_uri) as conn:
        assert dictionary.apply(conn) == 0
        conn.execute("comment on column mart.province_daily.eligible is 'changed by hand'")
        conn.execute("comment on view mart.validation_outcome is null")
        conn.execute("comment on schema official is null")
        assert dictionary.apply(conn) == 3
        assert dictionary.apply(conn) == 0
    assert set(query(warehouse_uri, COMMENTS)) == dictionary_comments()
    assert warehouse.migrate(warehouse_uri) == []  # and migrate applies it every time, changing nothing


def test_a_comment_lost_by_a_later_migration_comes_back(warehouse_uri):
    with psycopg.connect(warehouse_uri) as conn:  # as a migration that replaces a view would
        conn.execute("comment on view core.latest_admin_version is null")
        conn.execute("comment on column core.latest_admin_version.version_id is null")
    warehouse.migrate(warehouse_uri)
    assert set(query(warehouse_uri, COMMENTS)) == dictionary_comments()


@pytest.mark.parametrize("schema, name, column", [("mart", "no_such_mart", None), ("mart", "province_daily", "no_such_column"),
                                                  ("no_such_schema", "province_daily", None)])
def test_an_entry_for_an_object_the_warehouse_lacks_is_an_error(warehouse_uri, monkeypatch, schema, name, column):
    entry = dictionary.Table(schema, name, "a meaning", {column: "a meaning"} if column else {})
    tables = (*dictionary.tables(), entry)
    monkeypatch.setattr(dictionary, "tables", lambda: tables)
    missing = re.escape(".".join(part for part in (schema, name, column) if part))
    with psycopg.connect(warehouse_uri) as conn, pytest.raises(psycopg.errors.UndefinedObject, match=f"has no {missing}"):
        dictionary.apply(conn)


def test_the_loader_applies_a_current_dictionary_but_cannot_change_it(warehouse_uri):
    with psycopg.connect(warehouse_uri) as conn:
        conn.execute("grant vneid_loader to current_user")
        conn.commit()
        conn.execute("set role vneid_loader")
        assert dictionary.apply(conn) == 0  # the ingest DAG's prepare_warehouse runs as the loader
        conn.execute("reset role")
        conn.execute("comment on column mart.province_daily.eligible is 'changed by hand'")
        conn.execute("set role vneid_loader")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            dictionary.apply(conn)
