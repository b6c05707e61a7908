"""Each DAG file, imported alone in a fresh interpreter, leaves the heavy modules unimported.

Every task process parses its DAG file again (design.md, style rule 12), so pandas, pyarrow,
psycopg and Great Expectations are imported inside the adapter functions that need them, not
when the DAG file is read. This runs each file the way a task's parse does (a fresh module
executed from its path, after `airflow.sdk`) and looks at `sys.modules` afterwards.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DAG_FILES = sorted((PROJECT_ROOT / "dags").glob("*.py"))
HEAVY = ("pandas", "great_expectations", "pyarrow", "psycopg", "numpy", "openpyxl")

PROBE = """
import importlib.util, json, sys
path = sys.argv[1]
spec = importlib.util.spec_from_file_location("dag_under_test", path)
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
heavy = sorted({name.split(".")[0] for name in sys.modules} & set(json.loads(sys.argv[2])))
print(json.dumps({"heavy": heavy, "adapter": "vneid_pipeline.airflow_adapter" in sys.modules}))
"""


def _import_alone(path: Path, tmp_path: Path) -> dict:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(PROJECT_ROOT / "plugins"), "AIRFLOW_HOME": str(tmp_path),
           "AIRFLOW__CORE__LOAD_EXAMPLES": "False", "AIRFLOW__CORE__UNIT_TEST_MODE": "False"}
    result = subprocess.run([sys.executable, "-c", PROBE, str(path), json.dumps(HEAVY)], capture_output=True,
                            text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("path", DAG_FILES, ids=lambda p: p.name)
def test_dag_file_imports_no_heavy_module(path, tmp_path):
    imported = _import_alone(path, tmp_path)
    assert imported["adapter"], "the probe did not run the DAG file's imports"
    assert imported["heavy"] == [], f"{path.name} imports {imported['heavy']} when parsed"


def test_the_probe_sees_a_heavy_import(tmp_path):
    # the same probe on a DAG file that imports the domain module at the top reports pandas
    heavy_dag = tmp_path / "heavy_dag.py"
    heavy_dag.write_text("from vneid_pipeline import airflow_adapter, ingest  # noqa: F401\n", encoding="utf-8")
    assert "pandas" in _import_alone(heavy_dag, tmp_path)["heavy"]
