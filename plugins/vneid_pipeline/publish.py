"""Publishing a campaign-day: refresh every mart in one transaction, then export them as files.

Marts are replaced a whole day at a time inside one transaction, so a BI reader sees either the
previous publication or the new one. Each mart is exported as CSV (UTF-8 with BOM, for Excel) and
as Parquet (typed, for pandas, DuckDB and BI tools); files are written under a temporary name and
renamed.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
from psycopg import sql
from psycopg.rows import dict_row

from vneid_pipeline import dictionary, sign_off
from vneid_pipeline.files import text_with_bom, write_atomically
from vneid_pipeline.sqlfiles import load_sql
from vneid_pipeline.warehouse import connect

log = logging.getLogger(__name__)

DISTRICT_MARTS, RESTATED_MARTS = "with_districts", "when_restated"  # a mart's `published` besides "always"


@cache
def declared_marts() -> tuple[dictionary.Table, ...]:
    """The marts publish refreshes, as include/dictionary.toml declares them, in refresh order: each
    later one reads the ones before it within the same transaction. Views have no `published`."""
    return tuple(table for table in dictionary.tables() if table.schema == "mart" and table.published)


def _table(mart: dictionary.Table) -> sql.Identifier:
    return sql.Identifier(mart.schema, mart.name)


def _statement(file: str, **identifiers: sql.Composable) -> sql.Composed:
    return sql.SQL(load_sql(file)).format(**identifiers)


def _insert(mart: dictionary.Table, params: dict) -> tuple[sql.Composable, dict]:
    """A mart's insert: its own file, or for a breakdown mart the file of its level with the dimension."""
    if "_daily_by_" not in mart.name:
        return sql.SQL(load_sql(f"publish/insert_{mart.name}.sql")), params
    level, dimension = mart.name.split("_daily_by_")
    statement = _statement(f"publish/insert_{level}_daily_by_breakdown.sql", mart=_table(mart),
                           dimension=sql.Identifier(dimension),
                           commune_mart=sql.Identifier("mart", f"commune_daily_by_{dimension}"))
    return statement, {**params, "crossed_rows_counted": dimension == "section"}


def _export(mart: dictionary.Table) -> sql.Composed:
    order_by = (sql.SQL("order by ") + sql.SQL(", ").join(map(sql.Identifier, mart.export_order))
                if mart.export_order else sql.SQL(""))
    return _statement("publish/export_mart_day.sql", mart=_table(mart), order_by=order_by)


# Parquet types of the mart columns. numeric becomes double: the warehouse and the CSV files keep
# the exact fractions, Parquet readers get the type they chart directly.
PARQUET_TYPES = {"text": pa.string(), "date": pa.date32(), "bigint": pa.int64(), "integer": pa.int32(),
                 "numeric": pa.float64(), "boolean": pa.bool_(), "timestamp with time zone": pa.timestamp("us", tz="UTC")}


@dataclass(frozen=True)
class PublishedDay:
    campaign_id: str
    report_date: str
    rows: dict[str, int]
    files: list[str]


@contextmanager
def day_publication_lock(uri: str, campaign_id: str, report_date: dt.date) -> Iterator[None]:
    """Hold the campaign-day's publication lock: publish runs may overlap (vneid_publish has no
    max_active_runs), and two publications of one day must not interleave their files."""
    with connect(uri, autocommit=True) as conn:
        conn.execute(load_sql("publish/lock_day_publication.sql"),
                     {"campaign_id": campaign_id, "report_date": report_date})
        yield  # the session lock goes with the connection


def days_behind(uri: str, campaign_id: str, through: dt.date) -> list[dt.date]:
    """Days up to `through` whose marts are older than their latest decided report (or absent)."""
    with connect(uri) as conn:
        rows = conn.execute(load_sql("publish/select_days_behind.sql"), {"campaign_id": campaign_id, "through": through})
        return [day for (day,) in rows]


def plan_publication(uri: str, requested: set[tuple[str, dt.date]]) -> list[tuple[str, dt.date]]:
    """The requested campaign-days, plus every earlier day whose marts are behind the warehouse and
    the days from it up to the last one requested (their day-on-day figures read it).

    Airflow 3.3 may create no run for an Asset event that arrives while another event is queued
    (apache/airflow#56050), and a failed publish run leaves its days behind: the next run catches up.
    It never goes past the last requested day, which may still be being ingested."""
    planned: set[tuple[str, dt.date]] = set(requested)
    for campaign_id in sorted({campaign_id for campaign_id, _ in requested}):
        asked = sorted(day for asked_campaign, day in requested if asked_campaign == campaign_id)
        behind = days_behind(uri, campaign_id, through=asked[-1])
        if not behind:
            continue
        span = {behind[0] + dt.timedelta(days=n) for n in range((asked[-1] - behind[0]).days + 1)}
        added = sorted(span - set(asked))
        if added:
            log.info("%s: also publishing %s (behind the warehouse: %s)", campaign_id,
                     [day.isoformat() for day in added], [day.isoformat() for day in behind])
        planned.update((campaign_id, day) for day in span)
    return sorted(planned)


def refresh_marts(uri: str, campaign_id: str, report_date: dt.date) -> dict[str, int]:
    params = {"campaign_id": campaign_id, "report_date": report_date}
    rows = {}
    with connect(uri) as conn:
        conn.execute(load_sql("publish/analyze_core.sql"))
        conn.commit()
    with connect(uri) as conn, conn.transaction():
        conn.execute(load_sql("publish/lock_mart_day.sql"), params)
        was_official = sign_off.figures_status(conn, campaign_id, report_date) == "official"
        for mart in reversed(declared_marts()):
            conn.execute(_statement("publish/delete_mart_day.sql", mart=_table(mart)), params)
        for mart in declared_marts():
            rows[mart.name] = conn.execute(*_insert(mart, params)).rowcount
        sign_off.settle_publication(conn, campaign_id, report_date, was_official)
    return rows


def parquet_schema(conn, mart: str) -> pa.Schema:
    columns = conn.execute(load_sql("publish/select_mart_columns.sql"), {"table_name": mart}).fetchall()
    if not columns:
        raise LookupError(f"mart.{mart} has no columns in the catalogue")
    unknown = sorted({data_type for _, data_type in columns} - set(PARQUET_TYPES))
    if unknown:
        raise TypeError(f"mart.{mart}: no Parquet type for column type(s) {unknown}")
    return pa.schema([(name, PARQUET_TYPES[data_type]) for name, data_type in columns])


def csv_to_parquet(csv_path: Path, schema: pa.Schema, parquet_path: str) -> None:
    """Stream an exported mart CSV into Parquet with the mart's column types, a block at a time.

    COPY's CSV writes NULL as an empty unquoted field and an empty string as "", which is what the
    null options below tell apart."""
    convert = pa_csv.ConvertOptions(column_types=schema, true_values=["t"], false_values=["f"],
                                    strings_can_be_null=True, quoted_strings_can_be_null=False)
    reader = pa_csv.open_csv(csv_path, read_options=pa_csv.ReadOptions(block_size=8 << 20), convert_options=convert)
    with pq.ParquetWriter(parquet_path, schema, compression="zstd") as writer:
        for batch in reader:
            writer.write_batch(batch.select(schema.names))


def _copy_out(conn, statement, params: dict):
    with conn.cursor().copy(statement, params) as copy:
        for chunk in copy:
            yield bytes(chunk)


def export_files(uri: str, campaign_id: str, report_date: dt.date, publish_root: Path) -> list[str]:
    params = {"campaign_id": campaign_id, "report_date": report_date}
    day_dir = publish_root / campaign_id / report_date.isoformat()
    written = []
    with connect(uri) as conn:
        has_districts = conn.execute(load_sql("publish/select_campaign_has_districts.sql"), params).fetchone()[0]
        restated = conn.execute(load_sql("publish/select_campaign_is_restated.sql"), params)
        is_restated = dict(zip((column.name for column in restated.description), restated.fetchone()))
        for mart in declared_marts():
            if (mart.published == DISTRICT_MARTS and not has_districts) or (
                    mart.published == RESTATED_MARTS and not is_restated[mart.name]):
                continue
            target = day_dir / f"{mart.name}.csv"
            write_atomically(target, text_with_bom(_copy_out(conn, _export(mart), params)))
            parquet_target = day_dir / "parquet" / f"{mart.name}.parquet"
            schema = parquet_schema(conn, mart.name)
            write_atomically(parquet_target, lambda path, source=target, schema=schema: csv_to_parquet(source, schema, path))
            written.extend([str(target), str(parquet_target)])
        stale_feedback = set((day_dir / "feedback").glob("*.csv"))
        for (province_code,) in conn.execute(load_sql("publish/select_quarantined_provinces.sql"), params).fetchall():
            target = day_dir / "feedback" / f"{province_code}.csv"
            write_atomically(target, text_with_bom(_copy_out(conn, load_sql("publish/export_province_feedback.sql"),
                                                             {**params, "province_code": province_code})))
            stale_feedback.discard(target)
            written.append(str(target))
        for path in stale_feedback:
            path.unlink()
    return written


def publish_day(uri: str, campaign_id: str, report_date: dt.date, publish_root: Path) -> PublishedDay:
    with day_publication_lock(uri, campaign_id, report_date):
        rows = refresh_marts(uri, campaign_id, report_date)
        files = export_files(uri, campaign_id, report_date, publish_root)
    log.info("published %s %s: %s", campaign_id, report_date, rows)
    return PublishedDay(campaign_id, report_date.isoformat(), rows, files)


def national_ranking(uri: str, campaign_id: str, report_date: dt.date) -> list[tuple]:
    with connect(uri) as conn:
        return conn.execute(load_sql("publish/select_national_ranking.sql"),
                            {"campaign_id": campaign_id, "report_date": report_date}).fetchall()


def national_day(uri: str, campaign_id: str, report_date: dt.date) -> dict | None:
    """The published national figures of the day, as the daily report reads them (None before publication)."""
    with connect(uri) as conn, conn.cursor(row_factory=dict_row) as cursor:
        return cursor.execute(load_sql("report/select_national_day.sql"),
                              {"campaign_id": campaign_id, "report_date": report_date}).fetchone()


def status_counts(uri: str, campaign_id: str, report_date: dt.date) -> dict[str, int]:
    with connect(uri) as conn:
        rows = conn.execute(load_sql("publish/select_day_status_counts.sql"),
                            {"campaign_id": campaign_id, "report_date": report_date})
        return dict(rows.fetchall())
