"""Scalar tourism indicators: growth, index numbers, shares, accommodation, intensity.

Every function takes ``int`` or ``Decimal`` (never floats) and returns a ``Decimal``
computed in a local decimal context of :data:`PRECISION` significant digits with
``ROUND_HALF_EVEN`` (the caller's context is never used nor changed). Divisions are
correctly rounded at that precision, so results are deterministic on every platform;
round them for display with ``round(value, places)``.

A zero base never yields ``inf``, ``NaN`` or a silent ``0``: the function raises
:class:`~creative_city.errors.UndefinedResultError` saying why. Negative counts raise
:class:`~creative_city.errors.ValidationError`.

The indicators live in one module per family, and every public name is re-exported
here:

* :mod:`~creative_city.tourism.indicators.arithmetic`: the decimal context
  (:data:`PRECISION`, :func:`context`) and the checks of inputs;
* :mod:`~creative_city.tourism.indicators.growth`: growth multiple, percent change,
  CAGR, compound value, trend growth;
* :mod:`~creative_city.tourism.indicators.index_numbers`: index series, chain
  linking, rebasing;
* :mod:`~creative_city.tourism.indicators.shares`: shares and percentage points;
* :mod:`~creative_city.tourism.indicators.accommodation`: ALOS, bed-place and room
  occupancy, ADR, RevPAR;
* :mod:`~creative_city.tourism.indicators.capacity`: tourism intensity and the
  accommodation capacity gap;
* :mod:`~creative_city.tourism.indicators.comparison`: the same period one year
  earlier.

>>> from decimal import Decimal
>>> growth_multiple(280, 100), percent_change(280, 100)
(Decimal('2.8'), Decimal('180.0'))
>>> round(cagr(1, Decimal("1.7"), 5), 4)  # investment x1.7 over five years
Decimal('0.1120')
"""

from __future__ import annotations

from creative_city.tourism.indicators import (
    accommodation,
    arithmetic,
    capacity,
    comparison,
    growth,
    index_numbers,
    shares,
)
from creative_city.tourism.indicators.accommodation import *  # noqa: F403 - its __all__
from creative_city.tourism.indicators.arithmetic import *  # noqa: F403 - its __all__
from creative_city.tourism.indicators.capacity import *  # noqa: F403 - its __all__
from creative_city.tourism.indicators.comparison import *  # noqa: F403 - its __all__
from creative_city.tourism.indicators.growth import *  # noqa: F403 - its __all__
from creative_city.tourism.indicators.index_numbers import *  # noqa: F403 - its __all__
from creative_city.tourism.indicators.shares import *  # noqa: F403 - its __all__

__all__ = sorted(  # noqa: PLE0605 - derived from the modules' own __all__
    [
        *accommodation.__all__,
        *arithmetic.__all__,
        *capacity.__all__,
        *comparison.__all__,
        *growth.__all__,
        *index_numbers.__all__,
        *shares.__all__,
    ]
)
