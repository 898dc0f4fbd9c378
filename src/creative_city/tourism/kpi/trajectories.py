"""The path from a KPI's baseline to its target: linear or compound, in calendar years.

Time runs in calendar years: whole anniversaries plus a fraction of the following
year (:func:`years_between`). A *linear* trajectory changes by the same amount each
year, a *compound* one by the same rate (:func:`value_on_path`).

>>> import datetime as dt
>>> years_between(dt.date(2017, 1, 1), dt.date(2022, 1, 1))
Decimal('5')
>>> half = Decimal("0.5")
>>> value_on_path(Trajectory.LINEAR, Decimal(100), Decimal(121), half)
Decimal('110.5')
>>> round(value_on_path(Trajectory.COMPOUND, Decimal(100), Decimal(121), half), 6)
Decimal('110.000000')
"""

from __future__ import annotations

import datetime as _dt
import enum
from decimal import Decimal
from fractions import Fraction

from dateutil.relativedelta import relativedelta

from creative_city.errors import ValidationError
from creative_city.time import require_date
from creative_city.tourism.indicators.arithmetic import CTX as _CTX

__all__ = ["Trajectory", "years_between"]


class Trajectory(enum.Enum):
    """The path from baseline to target."""

    LINEAR = "linear"
    """Equal change each year: ``baseline + (target - baseline) x t / T``."""
    COMPOUND = "compound"
    """Equal growth rate each year: ``baseline x (target / baseline) ** (t / T)``."""


def years_between(start: _dt.date, end: _dt.date) -> Decimal:
    """Return the years from *start* to *end*: whole anniversaries plus a day fraction.

    Whole years are counted by calendar anniversary (2017-01-01 to 2022-01-01 is
    exactly 5); the rest is days over the length of the following year (365 or 366).
    Negative when *end* is before *start*.

    >>> round(years_between(_dt.date(2017, 1, 1), _dt.date(2022, 7, 2)), 6)  # 5 + 182/365
    Decimal('5.498630')
    """
    start = require_date(start, "start")
    end = require_date(end, "end")
    if end < start:
        return years_between(end, start).copy_negate()  # exact: unary minus would round
    whole = end.year - start.year
    if start + relativedelta(years=whole) > end:
        whole -= 1
    anchor = start + relativedelta(years=whole)
    try:
        following = start + relativedelta(years=whole + 1)
    except ValueError:  # the year after 9999
        raise ValidationError(
            "end", end.isoformat(), "the calendar ends at 9999-12-31: a year after it is needed"
        ) from None
    fraction = Fraction((end - anchor).days, (following - anchor).days)
    return _CTX.add(
        Decimal(whole), _CTX.divide(Decimal(fraction.numerator), Decimal(fraction.denominator))
    )


def value_on_path(
    trajectory: Trajectory, baseline: Decimal, target: Decimal, share: Decimal
) -> Decimal:
    """Return the value *share* of the way (in time) along the path from *baseline* to *target*.

    Linear: ``baseline + (target - baseline) x share``; compound: ``baseline x
    (target / baseline) ** share`` (the baseline is then > 0).
    """
    if trajectory is Trajectory.LINEAR:
        return _CTX.add(baseline, _CTX.multiply(_CTX.subtract(target, baseline), share))
    ratio = _CTX.divide(target, baseline)
    return _CTX.multiply(baseline, _CTX.power(ratio, share))
