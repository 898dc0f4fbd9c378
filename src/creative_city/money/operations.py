"""Oracle operations on the core types: money allocation and conversion."""

from __future__ import annotations

import datetime as _dt
import decimal
import enum
from decimal import Decimal
from fractions import Fraction

import attrs

from creative_city.money import Currency, ExchangeRates, Money, Rate
from creative_city.operation import SCHEMA_KEY, Operation
from creative_city.time import Period

__all__ = ["OPERATIONS", "Rounding"]


class Rounding(enum.Enum):
    """A ``decimal`` rounding mode, named on the wire as in the ``decimal`` module."""

    ROUND_05UP = decimal.ROUND_05UP
    ROUND_CEILING = decimal.ROUND_CEILING
    ROUND_DOWN = decimal.ROUND_DOWN
    ROUND_FLOOR = decimal.ROUND_FLOOR
    ROUND_HALF_DOWN = decimal.ROUND_HALF_DOWN
    ROUND_HALF_EVEN = decimal.ROUND_HALF_EVEN
    ROUND_HALF_UP = decimal.ROUND_HALF_UP
    ROUND_UP = decimal.ROUND_UP


@attrs.frozen
class AllocateInput:
    """Split ``amount`` by ``ratios`` (largest remainder, ties to the earlier index)."""

    amount: Money
    ratios: tuple[Decimal, ...] = attrs.field(metadata={SCHEMA_KEY: {"minimum": 0}})


@attrs.frozen
class AllocateOutput:
    """The shares, one per ratio, summing exactly to the amount."""

    shares: tuple[Money, ...]


def _allocate(request: AllocateInput) -> AllocateOutput:
    return AllocateOutput(request.amount.allocate(request.ratios))


@attrs.frozen
class ConvertInput:
    """Convert ``amount`` into ``to`` at the rate in force ``on`` a date."""

    amount: Money
    to: Currency
    on: _dt.date
    rounding: Rounding
    rates: tuple[Rate, ...]


@attrs.frozen
class ConvertAverageInput:
    """Convert ``amount`` into ``to`` at the average rate over ``period``."""

    amount: Money
    to: Currency
    period: Period
    rounding: Rounding
    rates: tuple[Rate, ...]


@attrs.frozen
class ConvertOutput:
    """The converted amount and the exact rate used (quote per base, a fraction)."""

    result: Money
    rate: Fraction


def _convert(request: ConvertInput) -> ConvertOutput:
    table = ExchangeRates(request.rates)
    rate = table.rate(request.amount.currency, request.to, request.on)
    result = table.convert(
        request.amount, request.to, on=request.on, rounding=request.rounding.value
    )
    return ConvertOutput(result, rate)


def _convert_average(request: ConvertAverageInput) -> ConvertOutput:
    table = ExchangeRates(request.rates)
    rate = table.average_rate(request.amount.currency, request.to, request.period)
    result = table.convert_at_average(
        request.amount, request.to, period=request.period, rounding=request.rounding.value
    )
    return ConvertOutput(result, rate)


OPERATIONS: tuple[Operation, ...] = (
    Operation(
        "money.allocate",
        AllocateInput,
        AllocateOutput,
        _allocate,
        "Split an amount by ratios with the largest-remainder method, to the minor unit.",
    ),
    Operation(
        "money.convert",
        ConvertInput,
        ConvertOutput,
        _convert,
        "Convert money at the dated rate in force on a day, rounding once.",
    ),
    Operation(
        "money.convert_average",
        ConvertAverageInput,
        ConvertOutput,
        _convert_average,
        "Convert money at the period-average rate (mean of daily rates in force).",
    ),
)
