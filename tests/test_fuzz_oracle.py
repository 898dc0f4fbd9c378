"""Rule 1 of issue 14 under fuzzing: documents from every operation's JSON Schema,
vectors with hostile values spliced in, and byte-level mutations of the vectors get an
error or an output, never a traceback or an ``InternalError``.

In the ``ci`` profile this runs 2,750 documents (100 per operation from its schema,
450 spliced vectors, 400 mutations); ``benchmarks/bench_fuzz.py`` runs 100,000.
"""

from __future__ import annotations

import json
import random
import re

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

from _vectors import VECTORS
from creative_city.oracle import operation_schema, operations
from creative_city.testing.hostile import (
    _Pattern,
    _Seeded,
    mutated_documents,
    random_document,
    schema_documents,
    spliced_documents,
    violation,
)

PER_OPERATION = settings().max_examples * 2 // 3
SPLICES = settings().max_examples * 3
MUTATIONS = settings().max_examples * 8 // 3
REQUESTS = [{"operation": v["operation"], "input": v["input"]} for v in VECTORS]
SEEDS = [json.dumps(request).encode() for request in REQUESTS]
FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("name", list(operations()))
def test_documents_from_the_schema_are_answered(name):
    @settings(FAST, max_examples=PER_OPERATION)
    @given(schema_documents(name))
    def check(data):
        assert violation(data) is None

    check()


@settings(FAST, max_examples=SPLICES)
@given(spliced_documents(REQUESTS))
def test_vectors_with_hostile_values_are_answered(data):
    assert violation(data) is None


@settings(FAST, max_examples=MUTATIONS)
@given(mutated_documents(SEEDS))
def test_mutated_vectors_are_answered(data):
    assert violation(data) is None


@pytest.mark.parametrize("name", list(operations()))
def test_the_documents_drawn_are_valid_under_the_schema(name):
    # The generator walks the schema itself: what it makes must fit it.
    validator = jsonschema.Draft202012Validator(operation_schema(name)["request"])
    rng = random.Random(name)  # noqa: S311 - test data
    for _ in range(20):
        validator.validate(json.loads(random_document(name, rng)))


def patterns(node):
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            yield node["pattern"]
        for value in node.values():
            yield from patterns(value)
    elif isinstance(node, list):
        for value in node:
            yield from patterns(value)


PATTERNS = sorted({p for name in operations() for p in patterns(operation_schema(name)["request"])})


@pytest.mark.parametrize("pattern", PATTERNS)
def test_the_strings_made_for_a_pattern_match_it(pattern):
    rng = random.Random(pattern)  # noqa: S311 - test data
    made = [_Pattern(pattern).make(_Seeded(rng)) for _ in range(300)]
    assert all(re.fullmatch(pattern, text) for text in made), pattern
    assert len(set(made)) > 5  # not one string over and over
