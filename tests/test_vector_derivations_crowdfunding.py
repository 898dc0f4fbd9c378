"""The crowdfunding vectors' answers, derived again without creative-city.

Every vector of the crowdfunding part names a source a reviewer can check without running
the library (a published fee schedule, a clause of the design rules or a hand derivation);
where its answer is arithmetic, its ``derivation`` writes that arithmetic out step by
step and this test redoes it with exact ``Fraction``/``Decimal`` arithmetic
(``_derivation``, which imports nothing from creative-city), checking each step and
the vector's expected answer against it.
"""

from __future__ import annotations

import json
import pathlib

import pytest

from _derivation import check

HERE = pathlib.Path(__file__).resolve().parent.parent
PLACES = [
    HERE / "src" / "creative_city" / "conformance" / "vectors" / "v1" / "crowdfunding",
    HERE / "conformance" / "v1" / "crowdfunding",
]
ROOT = next(path for path in PLACES if path.is_dir())
VECTORS = sorted(ROOT.glob("*.json"))


def load(path):
    return json.loads(path.read_text())


@pytest.mark.parametrize("path", VECTORS, ids=lambda p: p.stem)
def test_every_vector_has_a_source(path):
    vector = load(path)
    assert isinstance(vector["source"], str)
    assert vector["source"].strip()


@pytest.mark.parametrize(
    "path", [p for p in VECTORS if "derivation" in load(p)], ids=lambda p: p.stem
)
def test_the_derivation_holds_and_gives_the_expected_answer(path):
    vector = load(path)
    steps = vector["derivation"]
    assert isinstance(steps, list)
    assert all(isinstance(step, str) and step.strip() for step in steps)
    assert check(vector) == []
    # The derivation reaches the answer: it reads the expected output or error's cause.
    assert any("$.expected" in step or "$.input" in step for step in steps)


def test_answers_that_are_arithmetic_have_a_derivation():
    # A successful answer is derived step by step, except where the output is only
    # echoed structure; errors whose cause is arithmetic are derived as well.
    missing = [
        p.stem for p in VECTORS if "output" in load(p)["expected"] and "derivation" not in load(p)
    ]
    assert missing == []
