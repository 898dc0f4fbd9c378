"""Generated requests for every oracle operation (hypothesis strategies; needs hypothesis).

Each operation has a case strategy (see :mod:`~creative_city.conformance.cases.base`)
that draws domain-meaningful input documents: allocation ties, days when the clocks
change, deadlines at the boundary instant, cash flows with several roots, bookings
that touch end to start. :func:`inputs` adds a share of invalid documents (one value
broken, :mod:`~creative_city.conformance.cases.invalid`).

>>> import creative_city.oracle
>>> sorted(CASES) == sorted(creative_city.oracle.operations())
True
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from creative_city.conformance.cases import funding, hubs, money, tourism
from creative_city.conformance.cases.base import CASES
from creative_city.conformance.cases.invalid import mutate, spots

__all__ = ["CASES", "PARTS", "inputs"]

PARTS = (funding, hubs, money, tourism)
"""The modules whose strategies fill :data:`CASES` when they are imported."""


def inputs(operation: str) -> st.SearchStrategy[Any]:
    """Return the strategy of *operation*'s input documents, one in five made invalid.

    Raises:
        KeyError: If the operation has no case strategy.
    """
    valid = CASES[operation]()

    @st.composite
    def draw_input(draw: st.DrawFn) -> Any:  # noqa: ANN401 - any JSON document
        document = draw(valid)
        # The last choice breaks it, so shrinking prefers a valid document.
        if draw(st.integers(0, 4)) == 4:
            found = spots(document)
            path, kind = found[draw(st.integers(0, len(found) - 1))]
            document = mutate(document, path, kind, draw(st.integers(0, 2)))
        return document

    return draw_input()
