"""Rule 1 of issue 14 under fuzzing: documents from every operation's JSON Schema and
byte-level mutations of the conformance vectors get an error or an output, never a
traceback or an ``InternalError``.

In the ``ci`` profile this runs about 2,500 documents (100 per operation from its
schema, 600 mutations); ``benchmarks/bench_fuzz.py`` runs 100,000.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings

from _vectors import VECTORS
from creative_city.oracle import operations
from creative_city.testing.hostile import mutated_documents, schema_documents, violation

PER_OPERATION = settings().max_examples * 2 // 3
MUTATIONS = settings().max_examples * 4
SEEDS = [json.dumps({"operation": v["operation"], "input": v["input"]}).encode() for v in VECTORS]


@pytest.mark.parametrize("name", list(operations()))
def test_documents_from_the_schema_are_answered(name):
    @settings(
        max_examples=PER_OPERATION,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        deadline=None,
    )
    @given(schema_documents(name))
    def check(data):
        assert violation(data) is None

    check()


@settings(max_examples=MUTATIONS, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_documents(SEEDS))
def test_mutated_vectors_are_answered(data):
    assert violation(data) is None
