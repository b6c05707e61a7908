"""The local runner leaves jsonschema alone (scripts/run_pipeline.py): DAG params are checked by Airflow as it ships."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import jsonschema
import pytest
from airflow.sdk import Param
from airflow.sdk.definitions.param import ParamValidationError

RUNNER = Path(__file__).resolve().parents[2] / "scripts" / "run_pipeline.py"


@pytest.fixture
def runner(monkeypatch):
    monkeypatch.setattr(jsonschema, "validate", jsonschema.validate)  # restored after the test
    spec = importlib.util.spec_from_file_location("run_pipeline_under_test", RUNNER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_runner_has_no_param_schema_check_of_its_own(runner):
    assert not hasattr(runner, "check_each_param_schema_once")
    assert jsonschema.validate.__module__ == "jsonschema.validators"


def test_values_are_validated_against_the_schema(runner):
    source = Param(None, type=["null", "string"], enum=[None, "http", "files"])
    assert source.resolve("files") == "files"
    assert source.resolve(None) is None
    with pytest.raises(ParamValidationError):
        source.resolve("ftp")
    with pytest.raises(ParamValidationError):
        source.resolve(3)
