"""The DAG files parse cleanly, touch nothing at parse time, and follow the house rules."""

from __future__ import annotations

import ast
import socket
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DAGS_DIR = PROJECT_ROOT / "dags"
PACKAGE_DIR = PROJECT_ROOT / "plugins" / "vneid_pipeline"

_parse_events: list[str] = []
_recording = False


def _audit(event, args):
    if _recording and event in ("socket.connect", "socket.getaddrinfo", "subprocess.Popen"):
        _parse_events.append(f"{event} {args!r:.120}")


sys.addaudithook(_audit)


@pytest.fixture(scope="module")
def dag_bag():
    global _recording
    import psycopg
    from airflow.dag_processing.dagbag import DagBag

    real_connect = psycopg.connect

    def refuse(*args, **kwargs):
        _parse_events.append("psycopg.connect")
        raise AssertionError("database access at parse time")

    psycopg.connect = refuse
    _recording = True
    try:
        bag = DagBag(str(DAGS_DIR))
    finally:
        _recording = False
        psycopg.connect = real_connect
    return bag


def test_dags_import_without_errors(dag_bag):
    assert dag_bag.import_errors == {}
    assert set(dag_bag.dag_ids) == {"vneid_ingest", "vneid_publish", "vneid_publication_deadline", "vneid_sign_off"}


def test_parsing_touches_no_network_database_or_process(dag_bag):
    assert _parse_events == []


@pytest.mark.parametrize("dag_id", ["vneid_ingest", "vneid_publish", "vneid_publication_deadline", "vneid_sign_off"])
def test_dags_have_owner_retries_tags_and_docs(dag_bag, dag_id):
    dag = dag_bag.dags.get(dag_id)
    assert "vneid" in dag.tags and len(dag.tags) >= 2
    assert dag.doc_md and "When" in dag.doc_md
    for task in dag.tasks:
        assert task.owner == "vneid-data"
        assert task.task_id.split(".")[-1].count("_") >= 1, f"{task.task_id} is not verb_noun"
    # a review is answered once by a person, and announcing or recording a day is not worth repeating
    unretried = {"announce.record_ingest_day", "sign_off.announce_publication", "review.review_day"}
    assert all(task.retries >= 1 for task in dag.tasks if task.task_id not in unretried)


def test_ingest_runs_after_the_deadline_in_vietnam_time(dag_bag):
    dag = dag_bag.dags.get("vneid_ingest")
    timetable = dag.timetable
    assert type(timetable).__name__ == "CronTriggerTimetable"
    assert timetable.expression == "30 15 * * *"
    assert str(getattr(timetable.timezone, "name", timetable.timezone)) == "Asia/Ho_Chi_Minh"
    ingest = dag.get_task("ingest.ingest_province")
    assert ingest.map_index_template == "{{ province_label }}"
    record = dag.get_task("announce.record_ingest_day")
    assert record.trigger_rule == "all_done"
    assert [outlet.uri for outlet in record.outlets] == ["vneid://warehouse/core/commune_report"]
    assert dag.get_task("plan.plan_provinces").upstream_task_ids == {"plan.prepare_warehouse"}
    assert ingest.upstream_task_ids == {"plan.plan_provinces"}


@pytest.mark.parametrize(("dag_id", "groups"), [("vneid_ingest", ["announce", "ingest", "plan"]),
                                                ("vneid_publish", ["plan", "publish", "report", "sign_off"]),
                                                ("vneid_sign_off", ["plan", "review"])])
def test_tasks_are_grouped_by_stage(dag_bag, dag_id, groups):
    dag = dag_bag.dags.get(dag_id)
    assert sorted(dag.task_group.children) == groups
    assert all(task.task_group.group_id in groups for task in dag.tasks)


def test_publish_is_triggered_by_the_warehouse_asset(dag_bag):
    dag = dag_bag.dags.get("vneid_publish")
    uris = {asset.uri for asset in dag.timetable.asset_condition.objects}
    assert uris == {"vneid://warehouse/core/commune_report"}
    report = dag.get_task("report.write_report")
    assert report.upstream_task_ids == {"publish.publish_day", "plan.resolve_publish_requests"}
    announce = dag.get_task("sign_off.announce_publication")
    assert announce.upstream_task_ids == {"report.write_report", "plan.resolve_publish_requests"}
    assert [outlet.uri for outlet in announce.outlets] == ["vneid://warehouse/mart/national_daily"]
    assert dag.max_active_runs > 1, "asset-triggered runs queued behind max_active_runs=1 lose events"


def test_sign_off_is_triggered_by_the_publication_and_asks_one_question_per_day(dag_bag):
    from airflow.providers.standard.operators.hitl import HITLOperator

    dag = dag_bag.dags.get("vneid_sign_off")
    assert {asset.uri for asset in dag.timetable.asset_condition.objects} == {"vneid://warehouse/mart/national_daily"}
    review = dag.get_task("review.review_day")
    assert issubclass(review.operator_class, HITLOperator)
    assert review.upstream_task_ids == {"plan.request_reviews"}
    assert review.map_index_template == "{{ task.sign_off_label }}"
    assert review.partial_kwargs["on_failure_callback"], "an unanswered request must alert"
    assert dag.max_active_runs > 1, "a day waiting for its reviewer must not hold back the next"


@pytest.mark.parametrize("path", sorted(DAGS_DIR.glob("*.py")), ids=lambda p: p.name)
def test_dag_files_stay_thin(path):
    source = path.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= 150
    tree = ast.parse(source)
    assert ast.get_docstring(tree)
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not any(module.startswith("airflow") and module != "airflow.sdk" for module in imported if module)
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            for inner in node.body:
                if isinstance(inner, ast.FunctionDef):
                    assert len(inner.body) <= 2, f"task {inner.name} holds logic; move it to the package"


def test_domain_package_imports_no_airflow():
    modules = sorted(
        "vneid_pipeline." + ".".join(path.relative_to(PACKAGE_DIR).with_suffix("").parts)
        for path in PACKAGE_DIR.rglob("*.py")
        if path.name not in ("__init__.py", "__main__.py", "airflow_adapter.py")
    )
    probe = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'airflow' or m.startswith('airflow.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            env={"PYTHONPATH": str(PROJECT_ROOT / "plugins"), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_no_sql_is_assembled_in_python():
    for path in PACKAGE_DIR.rglob("*.py"):
        source = path.read_text(encoding="utf-8").lower()
        for keyword in ('"select ', '"insert ', '"update ', '"delete ', "f\"select", "f\"insert"):
            assert keyword not in source, f"{path.name} embeds SQL; put it in include/sql/"


def test_loopback_only_addresses_in_defaults():
    from vneid_pipeline.settings import DEFAULT_WAREHOUSE_URI, load_settings

    assert "127.0.0.1" in DEFAULT_WAREHOUSE_URI
    host = load_settings().feed_base_url.split("//")[1].split(":")[0]
    assert socket.gethostbyname(host).startswith("127.")


def test_publication_deadline_runs_at_16_and_alerts_on_failure(dag_bag):
    dag = dag_bag.dags.get("vneid_publication_deadline")
    assert dag.timetable.expression == "0 16 * * *"
    check = dag.get_task("check_national_publication")
    assert any(type(callback).__name__ == "DeadlineAlertNotifier" for callback in check.on_failure_callback)


@pytest.mark.parametrize("dag_id", ["vneid_ingest", "vneid_publish", "vneid_publication_deadline", "vneid_sign_off"])
def test_dict_results_are_one_xcom_not_one_per_key(dag_bag, dag_id):
    # a `-> dict` annotation would otherwise push every key as its own XCom (a cost per task in the UI and the DB)
    for task in dag_bag.dags.get(dag_id).tasks:
        assert not getattr(task, "multiple_outputs", False), task.task_id
