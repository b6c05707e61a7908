"""What a task worker imports once, before it forks its tasks: name this module in Airflow's preload list.

    AIRFLOW__SCHEDULER__MP_START_METHOD=forkserver
    AIRFLOW__SCHEDULER__MP_FORKSERVER_PRELOAD=airflow.sdk.execution_time.task_runner,airflow.dag_processing.dagbag,vneid_pipeline.worker_preload

(`[core] mp_start_method` / `mp_forkserver_preload`, Airflow 3.3, set per component in the
`[scheduler]` section so that the triggerer and the dag-processor stay as they are.) The
scheduler's LocalExecutor then starts its workers from a fork server that imported these modules
once: the two Airflow modules each task child imports to parse its DAG file (named in the list
itself, as this package imports Airflow only in airflow_adapter) and this one. Each task, forked
from a worker, inherits pandas, pyarrow, psycopg, Great Expectations, the domain modules and the
suite's built validation definition instead of importing and building them again
(docs/performance.md, "The cost of a task"). Importing this touches no database and no network
(Great Expectations' analytics are off with GX_ANALYTICS_ENABLED=False, which every component
gets). If it cannot be imported the fork server carries on without it (multiprocessing ignores a
preload ImportError) and each task imports what it needs, as without preloading.
"""

from __future__ import annotations

import great_expectations  # noqa: F401
import pandas  # noqa: F401
import psycopg  # noqa: F401
import pyarrow  # noqa: F401

from vneid_pipeline import bulletin, ingest, publish, validation  # noqa: F401

validation.warm_up()
