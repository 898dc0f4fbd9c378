"""The vectors' answers, derived again without creative-city (issue 22, step 4).

Every conformance vector of the crowdfunding, hubs, programme, tourism and venture
parts names a source a reviewer can check without running the library (a published
worked example, a standard's section, the Zakon.kz article of 12 September 2022, a
clause of the design rules, or a hand derivation). Where its answer is arithmetic, its
``derivation`` writes that arithmetic out step by step, and this test redoes it with
exact ``Fraction``/``Decimal`` arithmetic (``_derivation``, which imports nothing from
creative-city), checking each step and the vector's expected answer against it. Error
vectors name the JSON path, inside the request, of the value that breaks the rule.
(The money vectors are recomputed by ``test_money_vectors.py`` in code.)
"""

from __future__ import annotations

import json
import pathlib
import re

import pytest

from _derivation import check, lookup

VECTORS = (
    pathlib.Path(__file__)
    .resolve()
    .parent.parent.joinpath("src", "creative_city", "conformance", "vectors", "v1")
)
PARTS = ("crowdfunding", "hubs", "programme", "tourism", "venture")
# What a part's sources must cite, where the part has one kind of source.
CITED = {
    "hubs": r"RFC 5545|DESIGN\.md|IANA|Zakon\.kz|ISO 8601",
    "programme": r"Zakon\.kz, 12 September 2022|ISO 8601",
}
PATHS = sorted(path for part in PARTS for path in (VECTORS / part).glob("*.json"))


def load(path: pathlib.Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def name(path: pathlib.Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def having(key: str) -> list[pathlib.Path]:
    return [p for p in PATHS if key in load(p) or key in load(p)["expected"]]


def test_every_part_has_vectors():
    assert {p.parent.name for p in PATHS} == set(PARTS)


@pytest.mark.parametrize("path", PATHS, ids=name)
def test_every_vector_has_a_source(path):
    source = load(path)["source"]
    assert isinstance(source, str)
    assert source.strip()
    assert "/work" not in source  # cites publications and rules, not files
    assert ".py" not in source
    if path.parent.name in CITED:
        assert re.search(CITED[path.parent.name], source), source


@pytest.mark.parametrize("path", having("derivation"), ids=name)
def test_the_derivation_holds_and_gives_the_expected_answer(path):
    vector = load(path)
    steps = vector["derivation"]
    assert isinstance(steps, list)
    assert all(isinstance(step, str) and step.strip() for step in steps)
    assert check(vector) == []
    # The derivation reaches the answer: it reads the expected answer or its cause.
    assert any("$.expected" in step or "$.input" in step for step in steps)


def test_every_output_has_a_derivation():
    missing = [name(p) for p in having("output") if "derivation" not in load(p)]
    assert missing == []


@pytest.mark.parametrize("path", having("error"), ids=name)
def test_an_error_names_a_json_path_into_the_request(path):
    vector = load(path)
    field = vector["expected"]["error"]["field"]
    assert re.fullmatch(r"\$\.input(\.\w+|\[\d+\])*", field), field
    parent, _, last = field.rpartition(".")
    if "[" in last:  # an element of a list: the element is there
        lookup(vector, field)
    else:  # a key: there, or missing where it is required (its parent is there)
        container = lookup(vector, parent)
        assert last in container or "missing" in vector["source"], field


@pytest.mark.parametrize(
    ("vector_name", "at", "wrong"),
    [
        ("hubs/021-over-capacity-instant", "decisions.2.reasons.0.excess", 4),
        ("hubs/003-rfc-weekly-10-across-dst", "occurrences.8", "1997-10-28T09:00:00-04:00"),
    ],
)
def test_a_wrong_answer_fails_its_derivation(vector_name, at, wrong):
    # The derivations check the answers: change one and a step fails.
    vector = load(VECTORS / f"{vector_name}.json")
    *steps, last = at.split(".")
    value = vector["expected"]["output"]
    for step in steps:
        value = value[int(step)] if step.isdigit() else value[step]
    value[int(last) if last.isdigit() else last] = wrong
    assert check(vector)
