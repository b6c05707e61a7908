"""Two speed-ups of Great Expectations 1.24.1 through its internals (design.md, Style 11).

Without them a report of a few hundred rows validates about 3 times slower, a quarter to a half of a
`make run` day (docs/performance.md, "Great Expectations without run-time patches"): each pass builds
`Expectation.configuration` once per expectation instead of on each of ~1,250 reads, and reuses the
metric graph of an expectation whose arguments were seen before. Any other version, or
`ENABLED = False`, takes the public `Batch.validate`; a test holds both paths to the same results.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from contextlib import contextmanager

VERSION = "1.24.1"
ENABLED = True
METRIC_GRAPHS_KEPT = 4096
# Metric graph edges by expectation arguments; the caller holds one lock around every validation.
_metric_graph_edges: dict[tuple, list] = {}


def batch_validator(batch_definition, frame) -> Callable:
    """`validate(suite, parameters, result_format)` of one in-memory batch, for one or more passes."""
    import great_expectations as gx

    if not ENABLED or gx.__version__ != VERSION:
        batch = batch_definition.get_batch(batch_parameters={"dataframe": frame})
        return lambda suite, parameters, result_format: batch.validate(
            suite, expectation_parameters=parameters, result_format=result_format)
    from great_expectations.validator.v1_validator import Validator

    validator = Validator(batch_definition=batch_definition, batch_parameters={"dataframe": frame})
    _reuse_metric_graphs(validator)

    def validate(suite, parameters, result_format):
        validator.result_format = result_format
        with _configurations_built_once():
            return validator.validate_expectation_suite(suite, parameters)

    return validate


@contextmanager
def _configurations_built_once():
    """`Expectation.configuration` memoised per object while a pass runs (the objects are not changed
    within a pass; the cache holds them, so an id is not reused while cached)."""
    from great_expectations.expectations.expectation import Expectation

    original = Expectation.__dict__["configuration"]
    built: dict[int, tuple[object, object]] = {}

    def configuration(self):
        entry = built.get(id(self))
        if entry is None or entry[0] is not self:
            entry = built[id(self)] = (self, original.fget(self))
        return entry[1]

    Expectation.configuration = property(configuration, doc=original.__doc__)
    try:
        yield
    finally:
        Expectation.configuration = original
        built.clear()


def _reuse_metric_graphs(validator) -> None:
    """Each metric graph built once per key: what it is built from (type, resolved arguments, the batch
    id, the same for every report of the one whole-frame asset, result format, engine). GE's own method
    builds a missing one; an expectation whose graph cannot be built gets GE's failed result."""
    from great_expectations.validator.validation_graph import ExpectationValidationGraph, ValidationGraph

    wrapped = validator._wrapped_validator
    build = wrapped._generate_metric_dependency_subgraphs_for_each_expectation_configuration
    engine = wrapped._execution_engine

    def build_reusing(expectation_configurations, processed_configurations, catch_exceptions,
                      runtime_configuration=None):
        graphs, failed = [], []
        batch_id = wrapped.active_batch_id
        # Taken before any graph is built: building fills the result format's defaults in place.
        runtime_key = json.dumps(runtime_configuration or {}, sort_keys=True, default=str)
        for configuration in expectation_configurations:
            key = (configuration.type, json.dumps(configuration.kwargs, sort_keys=True, default=str), batch_id,
                   runtime_key, type(engine).__name__)
            edges = _metric_graph_edges.get(key)
            if edges is None:
                built, refused, processed = build([configuration], [], catch_exceptions, runtime_configuration)
                failed.extend(refused)
                graphs.extend(built)
                processed_configurations.extend(processed)
                if built:
                    if len(_metric_graph_edges) >= METRIC_GRAPHS_KEPT:
                        _metric_graph_edges.clear()
                    _metric_graph_edges[key] = list(built[0].graph.edges)
                continue
            evaluated = copy.deepcopy(configuration)
            if batch_id:
                evaluated.kwargs.update({"batch_id": batch_id})
            graphs.append(ExpectationValidationGraph(
                configuration=evaluated, graph=ValidationGraph(execution_engine=engine, edges=edges)))
            processed_configurations.append(evaluated)
        return graphs, failed, processed_configurations

    wrapped._generate_metric_dependency_subgraphs_for_each_expectation_configuration = build_reusing
