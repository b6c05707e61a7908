"""Two speed-ups of Great Expectations 1.24.1 that need its internals (design.md, Style 11).

Without them a report of a few hundred rows validates 2 to 3 times slower, about a third of a
`make run` day (measured in docs/performance.md, "Great Expectations without run-time patches"):

- `Expectation.configuration` is a pydantic `dict()` of every argument (the province's commune
  list included), rebuilt on each of its ~1,250 reads in one pass over the 17-expectation suite;
  while a pass runs it is built once per expectation object (`_configurations_built_once`).
- The metric graph of an expectation (the metrics it needs, each named by an id hashed from its
  arguments) does not depend on the rows; it is built once per distinct set of arguments and its
  edges handed to the next report's graph (`_reuse_metric_graphs`). The metric values are computed
  afresh on every batch.

Only Great Expectations `VERSION` gets them; any other version, or `ENABLED = False`, takes the
plain path through the public API (`Batch.validate`). A test holds both paths to the same results.
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
    """`Expectation.configuration` memoised per expectation object while a pass runs.

    The cache holds the objects it saw (so an id is not reused while cached) and is dropped
    afterwards; the expectations are not changed within a pass, so every read sees what a rebuild
    would give."""
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
    """Each expectation's metric graph built once per distinct set of arguments, on this validator.

    The key is everything the graph is built from: the expectation's type and resolved arguments,
    the batch id the metrics are named with (the same for every report: one asset, one whole-frame
    batch definition), the result format and the kind of execution engine. Great Expectations' own
    `_generate_metric_dependency_subgraphs_for_each_expectation_configuration` builds each missing
    graph, one expectation at a time; an expectation whose graph cannot be built gets its own
    failed result and is not kept.
    """
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
