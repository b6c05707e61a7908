"""Write include/sql/schema.sql, the warehouse schema as the migrations and the data dictionary make
it, and render the mart tables of docs/contracts.md from include/dictionary.toml.

    .venv/bin/python scripts/generate_schema_snapshot.py          # both (a throwaway PostgreSQL)
    .venv/bin/python scripts/generate_schema_snapshot.py --docs   # only docs/contracts.md

Run it after adding a migration or editing the dictionary; tests/integration/test_schema_snapshot.py
holds the committed files to what this script makes.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from vneid_pipeline import dictionary, warehouse  # noqa: E402
from vneid_pipeline.localpg import LocalPostgres, _find_binary  # noqa: E402

SNAPSHOT = ROOT / "include" / "sql" / "schema.sql"
CONTRACTS = ROOT / "docs" / "contracts.md"
HEADER = """\
-- The warehouse schema after every migration and the data dictionary (include/dictionary.toml):
-- pg_dump --schema-only --no-owner of a freshly migrated warehouse (PostgreSQL 15), without the
-- lines that vary between versions and runs. Read it; do not edit it: add a migration or change
-- the dictionary, then run scripts/generate_schema_snapshot.py (tests/integration/test_schema_snapshot.py).

"""
# pg_dump lines that differ between PostgreSQL minor versions or between runs (a random key), not schema.
VARYING = re.compile(r"\\(un)?restrict |-- Dumped (from|by) |SET |SELECT pg_catalog\.set_config\(")
MARKED = re.compile(r"(<!-- dictionary:(?P<name>\w+\.\w+) -->\n).*?(<!-- /dictionary -->)", re.DOTALL)


def snapshot(uri: str) -> str:
    """The schema of the warehouse at `uri`, as include/sql/schema.sql holds it."""
    dump = subprocess.run([_find_binary("pg_dump"), "--schema-only", "--no-owner", "--dbname", uri],
                          capture_output=True, text=True, check=True).stdout
    kept = "\n".join(line for line in dump.splitlines() if not VARYING.match(line))
    return HEADER + re.sub(r"\n{4,}", "\n\n\n", kept).strip("\n") + "\n"


def render_contracts(text: str) -> str:
    """docs/contracts.md with the table of every mart between its markers rendered from the dictionary."""
    marts = {f"{table.schema}.{table.name}": table for table in dictionary.tables() if table.schema == "mart"}
    unmarked = sorted(set(marts) - {match["name"] for match in MARKED.finditer(text)})
    if unmarked:
        raise LookupError(f"docs/contracts.md section 9 lacks a table for {', '.join(unmarked)}: "
                          "add `<!-- dictionary:<mart> -->` and `<!-- /dictionary -->` where it goes")

    def table(match: re.Match) -> str:
        rows = "".join(f"| `{column}` | {meaning.replace('|', chr(92) + '|')} |\n"
                       for column, meaning in marts[match["name"]].columns.items())
        return f"{match[1]}| column | meaning |\n|---|---|\n{rows}{match[3]}"

    return MARKED.sub(table, text)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", action="store_true", help="only render docs/contracts.md (no database)")
    args = parser.parse_args(argv)
    CONTRACTS.write_text(render_contracts(CONTRACTS.read_text(encoding="utf-8")), encoding="utf-8")
    if args.docs:
        return
    with tempfile.TemporaryDirectory(prefix="vneid-schema-") as base, socket.socket() as probe:
        os.chmod(base, 0o755)  # the server may run as the postgres user
        probe.bind(("127.0.0.1", 0))
        server = LocalPostgres(port=probe.getsockname()[1], base_dir=Path(base))
        probe.close()
        server.start()
        try:
            uri = server.create_database("vneid")
            warehouse.migrate(uri)
            SNAPSHOT.write_text(snapshot(uri), encoding="utf-8")
        finally:
            server.stop()
    print(f"wrote {SNAPSHOT.relative_to(ROOT)} and {CONTRACTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
