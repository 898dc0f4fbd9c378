"""What a model and the sweep exchange: inputs, the layout of results, one outcome.

A model (see :mod:`creative_city.scenarios.models`) declares

* its **inputs** (:class:`Input`): the parameters it reads, each with the range the
  exact model accepts, so a spec is checked before anything runs;
* its **layout** (:class:`Layout`): the events whose probability the sweep estimates
  (a target met) and the slots whose distribution it keeps (a metric in a year, at a
  declared resolution);

and turns one sample's draws into an :class:`Outcome`: one truth value per event and
one integer per slot, the slot's value in units of its resolution. Integers are what
the sweep counts, so its tallies are exact and merge in any order.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs

__all__ = ["Input", "Layout", "Outcome", "Slot", "units"]


@attrs.frozen
class Input:
    """A parameter a model reads, and the values its exact model accepts.

    Attributes:
        name: The parameter's name in the spec.
        summary: What it means, for error messages and documentation.
        low: The smallest value accepted (``None``: no bound).
        high: The largest value accepted (``None``: no bound).
        low_open: Whether *low* itself is excluded (``growth > -1``).
        whole: Whether values must be whole numbers (days, counts).
        required: Whether the spec must give the parameter.
    """

    name: str
    summary: str
    low: Decimal | None = None
    high: Decimal | None = None
    low_open: bool = False
    whole: bool = False
    required: bool = True

    def rule(self) -> str:
        """Return the accepted values in words (``"above -1 and at most 10"``)."""
        parts = []
        if self.whole:
            parts.append("whole numbers")
        if self.low is not None:
            parts.append(f"{'above' if self.low_open else 'at least'} {self.low}")
        if self.high is not None:
            parts.append(f"at most {self.high}")
        return " and ".join(parts) or "any value"


@attrs.frozen
class Slot:
    """A metric in a year, whose distribution the sweep keeps.

    Attributes:
        metric: The metric's name (``"dpi"``, ``"value"``, ``"open"``).
        year: The year (of the calendar or of the fund's life, as the model says).
        resolution: The quantum values are rounded to (half-even) before counting.
    """

    metric: str
    year: int
    resolution: Decimal


@attrs.frozen
class Layout:
    """The events and slots of a model's outcomes, in order.

    Attributes:
        events: The names of the events (``"dpi >= 1 by year 10"``).
        slots: The slots.
    """

    events: tuple[str, ...]
    slots: tuple[Slot, ...]


@attrs.frozen
class Outcome:
    """One sample's outcome.

    Attributes:
        events: Whether each event of the layout happened.
        values: Each slot's value in units of its resolution.
    """

    events: tuple[bool, ...]
    values: tuple[int, ...]


def units(value: Decimal | Fraction | int, resolution: Decimal) -> int:
    """Return *value* in units of *resolution*, rounded half-even (exact).

    >>> units(Decimal("1.2345"), Decimal("0.001")), units(Fraction(1, 3), Decimal("0.01"))
    (1234, 33)
    """
    return round(Fraction(value) / Fraction(resolution))
