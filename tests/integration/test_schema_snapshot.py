"""include/sql/schema.sql and the mart tables of docs/contracts.md are what the migrations and the
data dictionary make of them (scripts/generate_schema_snapshot.py writes both)."""

from __future__ import annotations

import difflib
import importlib.util
import sys
from pathlib import Path

from vneid_pipeline import warehouse

PROJECT_ROOT = Path(__file__).resolve().parents[2]

REGENERATE = "run `.venv/bin/python scripts/generate_schema_snapshot.py` and commit the result"


def _generator():
    spec = importlib.util.spec_from_file_location("generate_schema_snapshot", PROJECT_ROOT / "scripts" / "generate_schema_snapshot.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


generator = _generator()


def _differences(committed: str, made: str, name: str) -> str:
    diff = difflib.unified_diff(committed.splitlines(), made.splitlines(), f"{name} (committed)", f"{name} (made now)",
                                lineterm="", n=2)
    return "\n".join(list(diff)[:60])


def test_the_committed_schema_is_what_the_migrations_and_the_dictionary_make(fresh_database):
    warehouse.migrate(fresh_database)
    made = generator.snapshot(fresh_database)
    committed = generator.SNAPSHOT.read_text(encoding="utf-8")
    assert made == committed, (f"include/sql/schema.sql is not the schema the migrations make: {REGENERATE}\n"
                               + _differences(committed, made, "include/sql/schema.sql"))


def test_the_snapshot_has_no_line_that_varies_between_versions_or_runs():
    committed = generator.SNAPSHOT.read_text(encoding="utf-8")
    assert not [line for line in committed.splitlines() if generator.VARYING.match(line)]
    assert "CREATE FUNCTION meta.apply_comments(entries jsonb)" in committed
    assert "GRANT SELECT ON TABLE mart.province_daily TO bi_reader;" in committed
    assert "INSERT INTO" not in committed  # no data, not even the migrations' bookkeeping


def test_the_contracts_mart_tables_are_rendered_from_the_dictionary():
    committed = generator.CONTRACTS.read_text(encoding="utf-8")
    made = generator.render_contracts(committed)
    assert made == committed, (f"docs/contracts.md's mart tables differ from include/dictionary.toml: {REGENERATE} "
                               "(or with --docs)\n" + _differences(committed, made, "docs/contracts.md"))
