"""Airflow's own fork-server preloading gives a LocalExecutor worker pandas and Great Expectations once.

The scheduler calls `airflow.utils.process_utils.set_component_mp_start_method("scheduler")`
before it creates its LocalExecutor, whose workers are then `multiprocessing` processes. This
calls that function with the settings the live Airflow uses, starts a worker-like process the same
way, and looks at what the process holds before it has run anything.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PRELOAD = "airflow.sdk.execution_time.task_runner,airflow.dag_processing.dagbag,vneid_pipeline.worker_preload"

PROBE_MODULE = '''
import sys

def held(queue):
    modules = sorted(m for m in ("pandas", "pyarrow", "psycopg", "great_expectations",
                                 "airflow.sdk.execution_time.task_runner") if m in sys.modules)
    validation = sys.modules.get("vneid_pipeline.validation")
    queue.put({"modules": modules,
               "suite_built": validation is not None and validation._suite_and_batch_definition.cache_info().currsize == 1})
'''

SCHEDULER = '''
import json, multiprocessing, sys
import preload_probe
from airflow.utils.process_utils import set_component_mp_start_method
set_component_mp_start_method("scheduler")
queue = multiprocessing.Queue()
worker = multiprocessing.Process(target=preload_probe.held, args=(queue,))
worker.start()
seen = queue.get(timeout=300)
worker.join()
seen["method"] = multiprocessing.get_start_method()
seen["scheduler_holds_pandas"] = "pandas" in sys.modules
print(json.dumps(seen))
'''


def _start_worker(tmp_path: Path, settings: dict) -> dict:
    (tmp_path / "preload_probe.py").write_text(PROBE_MODULE, encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": f"{PROJECT_ROOT / 'plugins'}:{tmp_path}",
           "AIRFLOW_HOME": str(tmp_path), "AIRFLOW__CORE__LOAD_EXAMPLES": "False", "GX_ANALYTICS_ENABLED": "False",
           **settings}
    result = subprocess.run([sys.executable, "-c", SCHEDULER], capture_output=True, text=True, env=env,
                            timeout=600, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-4000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_forkserver_preload_gives_the_worker_the_heavy_modules_and_the_built_suite(tmp_path):
    seen = _start_worker(tmp_path, {"AIRFLOW__SCHEDULER__MP_START_METHOD": "forkserver",
                                    "AIRFLOW__SCHEDULER__MP_FORKSERVER_PRELOAD": PRELOAD})
    assert seen["method"] == "forkserver"
    assert seen["modules"] == ["airflow.sdk.execution_time.task_runner", "great_expectations", "pandas",
                               "psycopg", "pyarrow"]
    assert seen["suite_built"]
    assert not seen["scheduler_holds_pandas"]  # only the fork server imported them, not the scheduler


def test_without_the_setting_a_worker_holds_none_of_them(tmp_path):
    seen = _start_worker(tmp_path, {})
    assert seen["method"] == "fork"
    assert "pandas" not in seen["modules"] and "great_expectations" not in seen["modules"]
    assert not seen["suite_built"]
