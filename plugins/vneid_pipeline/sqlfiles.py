"""SQL lives in include/sql/<area>/<verb>_<object>.sql; code refers to it by that path."""

from __future__ import annotations

from functools import cache

from vneid_pipeline.settings import SQL_DIR


@cache
def load_sql(relative_path: str) -> str:
    path = SQL_DIR / relative_path
    if not path.is_file():
        raise FileNotFoundError(f"SQL file {path} does not exist")
    return path.read_text(encoding="utf-8")
