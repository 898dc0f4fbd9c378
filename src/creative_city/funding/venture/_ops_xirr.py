"""The ``fund.xirr`` oracle operation (gathered in ``operations``)."""

from __future__ import annotations

import datetime as _dt
import decimal
from decimal import Decimal

import attrs

from creative_city.errors import ValidationError
from creative_city.funding.venture._ops_paths import json_paths
from creative_city.funding.venture.irr import xirr, xirr_roots
from creative_city.operation import Operation

__all__ = ["OPERATIONS", "CashFlow", "XirrInput", "XirrOutput", "rate_text"]


@attrs.frozen
class CashFlow:
    """One dated cash flow of ``fund.xirr``.

    Attributes:
        on: The date.
        amount: The amount (negative: paid in; positive: received).
    """

    on: _dt.date
    amount: Decimal


def _check_digits(_: object, __: object, value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 15:
        raise ValidationError("digits", value, "must be an int from 1 to 15")


@attrs.frozen
class XirrInput:
    """Input of ``fund.xirr``.

    Attributes:
        flows: The dated flows (at least two).
        digits: Significant digits of the rates in the output (1-15, default 10).
        all_roots: Also list every root found in ``[low, high]``.
        low: The lowest rate searched.
        high: The highest rate searched.
    """

    flows: tuple[CashFlow, ...]
    digits: int = attrs.field(default=10, validator=_check_digits)
    all_roots: bool = False
    low: Decimal = Decimal("-0.9999")
    high: Decimal = Decimal(1_000_000)


@attrs.frozen
class XirrOutput:
    """Output of ``fund.xirr``.

    Attributes:
        rate: The rate (the root closest to zero), as a decimal string.
        roots: Every root found, ascending, when asked for (else ``None``).
    """

    rate: str
    roots: tuple[str, ...] | None = None

    def to_records(self) -> list[dict[str, object]]:
        """Return one plain dict per root (or just the rate)."""
        values = self.roots if self.roots is not None else (self.rate,)
        return [{"rate": r, "chosen": r == self.rate} for r in values]


def rate_text(rate: float, digits: int = 10) -> str:
    """Return *rate* rounded to *digits* significant digits, in plain decimal notation.

    >>> rate_text(0.3733625335188315), rate_text(-0.0000123456789012), rate_text(0.0)
    ('0.3733625335', '-0.00001234567890', '0')
    >>> rate_text(0.09999999999999998)
    '0.1000000000'

    """
    if rate == 0:
        return "0"
    rounded = decimal.Context(prec=digits, rounding=decimal.ROUND_HALF_EVEN).plus(Decimal(rate))
    return format(rounded, "f")


@json_paths
def _xirr(value: XirrInput) -> XirrOutput:
    flows = [(f.on, f.amount) for f in value.flows]
    low, high = float(value.low), float(value.high)
    rate = xirr(flows, low=low, high=high)
    roots = None
    if value.all_roots:
        roots = tuple(rate_text(r, value.digits) for r in xirr_roots(flows, low=low, high=high))
    return XirrOutput(rate_text(rate, value.digits), roots)


OPERATIONS: tuple[Operation, ...] = (
    Operation(
        "fund.xirr",
        XirrInput,
        XirrOutput,
        _xirr,
        "The internal rate of return of dated cash flows (ACT/365F), root closest to zero.",
    ),
)
