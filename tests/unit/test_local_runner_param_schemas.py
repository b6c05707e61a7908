"""The local runner checks each DAG param schema once (scripts/run_pipeline.py), values every time."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import jsonschema
import pytest
from airflow.sdk import Param
from airflow.sdk.definitions.param import ParamValidationError

RUNNER = Path(__file__).resolve().parents[2] / "scripts" / "run_pipeline.py"


@pytest.fixture
def runner_validation(monkeypatch):
    spec = importlib.util.spec_from_file_location("run_pipeline_under_test", RUNNER)
    runner = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(runner)
    monkeypatch.setattr(jsonschema, "validate", jsonschema.validate)  # restored after the test
    runner.check_each_param_schema_once()
    return runner


def test_values_are_still_validated_against_the_schema(runner_validation):
    source = Param(None, type=["null", "string"], enum=[None, "http", "files"])
    assert source.resolve("files") == "files"
    assert source.resolve(None) is None
    with pytest.raises(ParamValidationError):
        source.resolve("ftp")
    with pytest.raises(ParamValidationError):
        source.resolve(3)


def test_a_schema_is_checked_once_and_an_invalid_one_still_fails(runner_validation, monkeypatch):
    checks = []
    original = jsonschema.Draft202012Validator.check_schema.__func__
    monkeypatch.setattr(jsonschema.Draft202012Validator, "check_schema",
                        classmethod(lambda cls, schema: checks.append(schema) or original(cls, schema)))
    day = Param(None, type=["null", "string"])
    for value in ("2025-05-06", None, "2025-05-07"):
        day.resolve(value)
    assert len(checks) == 1
    with pytest.raises(jsonschema.exceptions.SchemaError):
        jsonschema.validate("x", {"type": "no-such-type"})
