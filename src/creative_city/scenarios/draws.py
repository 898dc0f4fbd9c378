"""One sample's parameter values, drawn on demand from its own streams.

A model asks :meth:`Draws.value` for a parameter each time it needs one: a grid
parameter gives its cell's value, a fixed one its value, and a random one its next
draw from the stream of ``(seed, sample index, parameter name)``. A parameter drawn
every year (a growth rate) or for every hub (a delay) reads successive numbers of the
same stream, so adding a parameter to a spec never changes another one's draws.

>>> from creative_city.scenarios.distributions import Fixed, Uniform
>>> draws = Draws({"delay": Uniform(low=0, high=90, places=0), "g": Fixed("0.1")}, {}, 7, 0)
>>> draws.value("g"), draws.value("delay"), draws.value("delay")
(Decimal('0.1'), Decimal('4'), Decimal('48'))
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from creative_city.scenarios.distributions import Distribution
from creative_city.scenarios.streams import Stream

__all__ = ["Draws"]


class Draws:
    """The parameter values of one sample.

    Args:
        parameters: The spec's parameters by name.
        cell: The values of the grid parameters in this sample's cell.
        seed: The sweep's seed.
        index: The sample's index within its cell.
    """

    __slots__ = ("_cell", "_index", "_parameters", "_seed", "_streams")

    def __init__(
        self,
        parameters: Mapping[str, Distribution],
        cell: Mapping[str, Decimal],
        seed: int,
        index: int,
    ) -> None:
        self._parameters = parameters
        self._cell = cell
        self._seed = seed
        self._index = index
        self._streams: dict[str, Stream] = {}

    @property
    def index(self) -> int:
        """The sample's index within its cell."""
        return self._index

    def has(self, name: str) -> bool:
        """Return whether the spec gives the parameter *name*."""
        return name in self._parameters

    def value(self, name: str) -> Decimal:
        """Return the cell's value of *name*, or its next draw."""
        fixed = self._cell.get(name)
        if fixed is not None:
            return fixed
        stream = self._streams.get(name)
        if stream is None:
            stream = self._streams[name] = Stream(self._seed, self._index, name)
        return self._parameters[name].sample(stream)
