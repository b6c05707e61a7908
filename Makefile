# Two commands matter: `make run` and `make test` (see README.md). Everything else supports them.
PYTHON_FOR_VENV ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
SOURCE ?= http
# The port of this checkout's own PostgreSQL (data in .local/pg-<port>/, see docs/operations.md).
PG_PORT ?= $(or $(VNEID_LOCAL_PG_PORT),55432)
export VNEID_LOCAL_PG_PORT := $(PG_PORT)
RUN_ARGS := --source $(SOURCE) $(if $(LANDING),--landing $(LANDING)) $(if $(CAMPAIGN),--campaign $(CAMPAIGN)) \
	$(if $(START),--start $(START)) $(if $(END),--end $(END)) $(if $(BREAKDOWN),--breakdown) \
	$(if $(APPROVE),--approve $(APPROVE))

.PHONY: run test venv up down status ui lint bench stop-db clean

$(VENV)/.installed: requirements.lock
	$(PYTHON_FOR_VENV) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.lock
	touch $@

venv: $(VENV)/.installed

run: venv
	$(PY) scripts/run_pipeline.py $(RUN_ARGS)

test: venv
	$(PY) -m pytest

# A live local Airflow (scheduler, dag-processor, triggerer, api-server; LocalExecutor) with the
# warehouse, its metadata DB and the feed simulator: UI on http://127.0.0.1:8080. `make down` stops it.
up: venv
	$(PY) scripts/local_airflow.py up

down: venv
	$(PY) scripts/local_airflow.py down

status: venv
	$(PY) scripts/local_airflow.py status

# The UI is the live Airflow's (two api-servers would fight over the port).
ui: up

# Not part of CI: load throughput against raw COPY and pandas.to_sql, scaling, memory, publish
# time, BI query latency, Airflow overhead. BENCH_ARGS=--quick for a run of about two minutes.
bench: venv
	$(PY) bench/run_bench.py $(BENCH_ARGS)
	$(PY) bench/task_cost.py $(TASK_COST_ARGS)
	$(PY) bench/live_scheduler.py $(LIVE_BENCH_ARGS)

lint: venv
	$(VENV)/bin/ruff check .

stop-db: venv
	PYTHONPATH=plugins $(PY) -c "from vneid_pipeline.localpg import LocalPostgres; LocalPostgres.for_port($(PG_PORT)).stop()"

# Stops this checkout's live Airflow and PostgreSQL and deletes their data (.local/pg-<port>/,
# .airflow/): the next run starts empty.
clean: venv
	$(PY) scripts/local_airflow.py down
	PYTHONPATH=plugins $(PY) -c "from vneid_pipeline.localpg import LocalPostgres; LocalPostgres.for_port($(PG_PORT)).remove()"
	rm -rf .airflow publish landing
