"""Generated requests for every oracle operation, from a seed or as hypothesis strategies.

Each operation has a case (see :mod:`~creative_city.conformance.cases.base`) that
builds domain-meaningful input documents: allocation ties, days when the clocks
change, deadlines at the boundary instant, cash flows with several roots, bookings
that touch end to start. :func:`draw_input` adds a share of invalid documents (one
value broken, :mod:`~creative_city.conformance.cases.invalid`). A case makes every
decision through a source of choices
(:mod:`~creative_city.conformance.cases.choices`): a seeded one for speed, a replayed
one to rebuild and shrink a document, or hypothesis (:func:`inputs`).

>>> import random
>>> import creative_city.oracle
>>> sorted(CASES) == sorted(creative_city.oracle.operations())
True
>>> source = Seeded(random.Random(7))
>>> document = draw_input("tourism.growth", source)
>>> draw_input("tourism.growth", Replay(source.made)) == document
True
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from creative_city.conformance.cases import crowdfunding, hubs, money, tourism, venture
from creative_city.conformance.cases.base import CASES
from creative_city.conformance.cases.choices import Choices, Drawn, Replay, Seeded
from creative_city.conformance.cases.invalid import mutate, spots

__all__ = ["CASES", "PARTS", "Replay", "Seeded", "draw_input", "inputs"]

PARTS = (crowdfunding, hubs, money, tourism, venture)
"""The modules whose cases fill :data:`CASES` when they are imported."""


def draw_input(operation: str, source: Choices, *, invalid: bool = True) -> Any:  # noqa: ANN401 - any JSON document
    """Build one input document of *operation* from *source*; one in five made invalid.

    Args:
        operation: The operation.
        source: The source of choices.
        invalid: Whether to make one document in five invalid.

    Raises:
        KeyError: If the operation has no case.
    """
    document = CASES[operation](source)
    # The last choices break it, so shrinking prefers a valid document.
    if invalid and source.integer(0, 4) == 4:
        found = spots(document)
        path, kind = source.pick(found)
        document = mutate(document, path, kind, source.integer(0, 2))
    return document


def inputs(operation: str, *, invalid: bool = True) -> st.SearchStrategy[Any]:
    """Return the hypothesis strategy of *operation*'s input documents (see :func:`draw_input`).

    Raises:
        KeyError: If the operation has no case.
    """
    if operation not in CASES:  # a KeyError now, not when drawing
        raise KeyError(operation)

    @st.composite
    def documents(draw: st.DrawFn) -> Any:  # noqa: ANN401 - any JSON document
        return draw_input(operation, Drawn(draw), invalid=invalid)

    return documents()
