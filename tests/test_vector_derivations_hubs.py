"""The hubs vectors' answers, derived again without creative-city.

Every vector of the hubs part names a source a reviewer can check without running the
library: an RFC 5545 section or example, a rule of the design (DESIGN.md), a zone's
rule from the IANA time zone database, or the Almaty targets as published (Zakon.kz,
12 September 2022). Where it states an output, its ``derivation`` writes out how that
output follows (dates, weekdays and UTC offsets for recurrences; instants, loads and
turnarounds for admissions; hours and seat-hours for utilisation; counts for the
rollout), and this test redoes it with ``_derivation`` (exact arithmetic, no time zone
database: each offset used is stated with its zone rule) and checks the vector's
expected answer against it. Error vectors name the field as a JSON path into the
request, which must lead to a value there.
"""

from __future__ import annotations

import json
import pathlib
import re

import pytest

from _derivation import check, lookup

HERE = pathlib.Path(__file__).resolve().parent.parent
PLACES = [
    HERE / "src" / "creative_city" / "conformance" / "vectors" / "v1" / "hubs",
    HERE / "conformance" / "v1" / "hubs",
]
ROOT = next(path for path in PLACES if path.is_dir())
VECTORS = sorted(ROOT.glob("*.json"))


def load(path):
    return json.loads(path.read_text())


@pytest.mark.parametrize("path", VECTORS, ids=lambda p: p.stem)
def test_every_vector_has_a_source(path):
    source = load(path)["source"]
    assert isinstance(source, str)
    # A reviewer can look it up: a standard, the design rules, a zone's rule, a
    # publication.
    assert re.search(r"RFC 5545|DESIGN\.md|IANA|Zakon\.kz|ISO 8601", source), source


@pytest.mark.parametrize(
    "path", [p for p in VECTORS if "derivation" in load(p)], ids=lambda p: p.stem
)
def test_the_derivation_holds_and_gives_the_expected_answer(path):
    vector = load(path)
    steps = vector["derivation"]
    assert isinstance(steps, list)
    assert all(isinstance(step, str) and step.strip() for step in steps)
    assert check(vector) == []
    assert any("$.expected" in step for step in steps)


def test_every_output_has_a_derivation():
    missing = [
        p.stem for p in VECTORS if "output" in load(p)["expected"] and "derivation" not in load(p)
    ]
    assert missing == []


@pytest.mark.parametrize(
    "path", [p for p in VECTORS if "error" in load(p)["expected"]], ids=lambda p: p.stem
)
def test_an_error_names_a_field_of_the_request(path):
    vector = load(path)
    field = vector["expected"]["error"]["field"]
    assert field.startswith("$.input."), field
    lookup(vector, field)  # raises KeyError or IndexError if the path leads nowhere


def test_a_wrong_answer_fails_its_derivation():
    # The derivations check the answers: change one and a step fails.
    vector = load(ROOT / "021-over-capacity-instant.json")
    vector["expected"]["output"]["decisions"][2]["reasons"][0]["excess"] = 4
    assert check(vector)
    vector = load(ROOT / "003-rfc-weekly-10-across-dst.json")
    vector["expected"]["output"]["occurrences"][8] = "1997-10-28T09:00:00-04:00"
    assert check(vector)
