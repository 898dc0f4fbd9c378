"""The tourism vectors' answers, derived again without creative-city.

Every vector of the tourism part names a source a reviewer can check without running
the library (the Zakon.kz article of 12 September 2022, Eurostat's and UNWTO's
definitions, Lundtorp's seasonality measures, a clause of the design rules, or a hand
derivation); where its answer is arithmetic, its ``derivation`` writes that arithmetic
out step by step and this test redoes it with exact ``Fraction``/``Decimal`` arithmetic
(``_derivation``, which imports nothing from creative-city), checking each step and the
vector's expected answer against it. Error vectors name the JSON path, inside the
request, of the value that breaks the rule.
"""

from __future__ import annotations

import json
import pathlib
import re

import pytest

from _derivation import check

HERE = pathlib.Path(__file__).resolve().parent.parent
ROOT = HERE / "src" / "creative_city" / "conformance" / "vectors" / "v1" / "tourism"
VECTORS = sorted(ROOT.glob("*.json"))


def load(path):
    return json.loads(path.read_text())


@pytest.mark.parametrize("path", VECTORS, ids=lambda p: p.stem)
def test_every_vector_has_a_source(path):
    vector = load(path)
    assert isinstance(vector["source"], str)
    assert vector["source"].strip()
    assert "/work" not in vector["source"]
    assert ".py" not in vector["source"]  # cites publications and rules, not files


@pytest.mark.parametrize(
    "path", [p for p in VECTORS if "derivation" in load(p)], ids=lambda p: p.stem
)
def test_the_derivation_holds_and_gives_the_expected_answer(path):
    vector = load(path)
    steps = vector["derivation"]
    assert isinstance(steps, list)
    assert all(isinstance(step, str) and step.strip() for step in steps)
    assert check(vector) == []
    assert any("$.expected" in step or "$.input" in step for step in steps)


def test_answers_that_are_arithmetic_have_a_derivation():
    missing = [
        p.stem for p in VECTORS if "output" in load(p)["expected"] and "derivation" not in load(p)
    ]
    assert missing == []


def resolve(document, path):
    """Follow a JSON path (``$.a.b[0]``) into *document*; KeyError/IndexError if absent."""
    value = document
    for key, index in re.findall(r"\.(\w+)|\[(\d+)\]", path):
        value = value[key] if key else value[int(index)]
    return value


@pytest.mark.parametrize(
    "path", [p for p in VECTORS if "error" in load(p)["expected"]], ids=lambda p: p.stem
)
def test_error_fields_are_json_paths_into_the_request(path):
    vector = load(path)
    field = vector["expected"]["error"]["field"]
    assert re.fullmatch(r"\$\.input(\.\w+|\[\d+\])*", field), field
    request = {"input": vector["input"]}
    parent, _, last = field.rpartition(".")
    if "[" in last:  # an element of a list: the element is there
        resolve(request, field)
    else:  # a key: there, or missing where it is required (its parent is there)
        assert last in resolve(request, parent) or "missing" in vector["source"]
