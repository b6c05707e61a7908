"""The data dictionary, include/dictionary.toml: the meaning of every table, view and column, kept once.

`tables()` reads it (the marts with their key, export order and publication rule); `apply` makes
the catalogue's comments say the same, after the migrations (V016's meta.apply_comments).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache

import psycopg
from psycopg.types.json import Jsonb

from vneid_pipeline.settings import INCLUDE_DIR
from vneid_pipeline.sqlfiles import load_sql

DICTIONARY = INCLUDE_DIR / "dictionary.toml"


@dataclass(frozen=True)
class Table:
    schema: str
    name: str
    comment: str | None
    columns: dict[str, str] = field(hash=False)  # column -> meaning, in table order
    key: tuple[str, ...] = ()
    export_order: tuple[str, ...] = ()
    published: str | None = None  # for a mart publish refreshes: always, with_districts, when_restated


@cache
def _document() -> dict:
    return tomllib.loads(DICTIONARY.read_text(encoding="utf-8"))


def schemas() -> dict[str, str]:
    return _document().get("schemas", {})


@cache
def tables() -> tuple[Table, ...]:
    """Every table and view of the dictionary, in its order (the marts in publish's refresh order)."""
    return tuple(Table(*qualified.split("."), entry.get("comment"), entry.get("columns", {}), tuple(entry.get("key", ())),
                       tuple(entry.get("export_order", ())), entry.get("published"))
                 for qualified, entry in _document()["tables"].items())


def apply(conn: psycopg.Connection) -> int:
    """Set every comment of the dictionary that the catalogue does not already have; return how many."""
    entries = [{"schema": schema, "table": None, "column": None, "comment": text} for schema, text in schemas().items()]
    for table in tables():
        names = {"schema": table.schema, "table": table.name}
        if table.comment is not None:
            entries.append({**names, "column": None, "comment": table.comment})
        entries += [{**names, "column": column, "comment": text} for column, text in table.columns.items()]
    return conn.execute(load_sql("meta/apply_dictionary.sql"), {"entries": Jsonb(entries)}).fetchone()[0]
