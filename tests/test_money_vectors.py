"""Money vectors recomputed without the library (issue 22, step 4).

Every money vector with an output is recomputed here from its own input with plain
``int``, ``Decimal``, ``Fraction`` and ``datetime`` arithmetic: Hamilton's largest
remainder written out with a full sort, and conversion as ``amount x rate`` rounded once
with ``Decimal.quantize``. Nothing from ``creative_city`` is imported, so a wrong rule in
the library cannot make its own vectors agree with it.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

VECTORS = Path(__file__).parent.parent / "src/creative_city/conformance/vectors/v1/money"
# ISO 4217 Table A.1, column "Minor unit", for the currencies the vectors use.
MINOR_UNITS = {"KZT": 2, "USD": 2, "JPY": 0, "KWD": 3, "EUR": 2}


def _load(operation: str) -> list[dict]:
    found = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(VECTORS.glob("*.json"))]
    return [v for v in found if v["operation"] == operation and "output" in v["expected"]]


def _units(money: dict) -> int:
    return int(Decimal(money["amount"]).scaleb(MINOR_UNITS[money["currency"]]))


def _money(units: int, code: str) -> dict:
    return {"amount": str(Decimal(units).scaleb(-MINOR_UNITS[code])), "currency": code}


def _hamilton(units: int, ratios: list[Fraction]) -> list[int]:
    sign, whole, total = (-1 if units < 0 else 1), abs(units), sum(ratios)
    quotas = [whole * r / total for r in ratios]
    shares = [q.numerator // q.denominator for q in quotas]
    by_remainder = sorted(range(len(quotas)), key=lambda i: (-(quotas[i] - shares[i]), i))
    for i in by_remainder[: whole - sum(shares)]:
        shares[i] += 1
    return [sign * s for s in shares]


@pytest.mark.parametrize("vector", _load("money.allocate"), ids=lambda v: v["id"])
def test_allocation_vectors_are_the_largest_remainder(vector):
    code = vector["input"]["amount"]["currency"]
    ratios = [Fraction(r) for r in vector["input"]["ratios"]]
    shares = _hamilton(_units(vector["input"]["amount"]), ratios)
    assert vector["expected"]["output"]["shares"] == [_money(s, code) for s in shares]


def _period(label: str) -> tuple[dt.date, dt.date]:
    year = int(label[:4])
    if label.endswith("-H2"):
        return dt.date(year, 7, 1), dt.date(year + 1, 1, 1)
    if label.endswith("-H1"):
        return dt.date(year, 1, 1), dt.date(year, 7, 1)
    return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)


def _rate_on(rates: list[dict], base: str, quote: str, day: dt.date) -> Fraction:
    for invert, (b, q) in ((False, (base, quote)), (True, (quote, base))):
        dated = [r for r in rates if (r["base"], r["quote"]) == (b, q)]
        if dated:
            value = Fraction(max((r for r in dated if r["on"] <= day.isoformat()),
                                 key=lambda r: r["on"])["rate"])  # fmt: skip
            return 1 / value if invert else value
    raise AssertionError(base + quote)


@pytest.mark.parametrize(
    "vector", _load("money.convert") + _load("money.convert_average"), ids=lambda v: v["id"]
)
def test_conversion_vectors_round_amount_times_rate_once(vector):
    given = vector["input"]
    base, target = given["amount"]["currency"], given["to"]
    if vector["operation"] == "money.convert":
        rate = _rate_on(given["rates"], base, target, dt.date.fromisoformat(given["on"]))
    else:  # the mean of the rates in force on each day of the period
        start, end = _period(given["period"])
        days = [start + dt.timedelta(n) for n in range((end - start).days)]
        rate = sum(_rate_on(given["rates"], base, target, d) for d in days) / len(days)
    exact = Fraction(Decimal(given["amount"]["amount"])) * rate
    digits = 40  # far beyond any tie: the quotient's decimal expansion, cut
    approx = Decimal(exact.numerator * 10**digits // exact.denominator).scaleb(-digits)
    if exact * 10**digits != int(exact * 10**digits):
        approx += Decimal(1).scaleb(-digits - 1)  # keep a non-terminating tail above a tie
    result = approx.quantize(Decimal(1).scaleb(-MINOR_UNITS[target]), rounding=given["rounding"])
    assert vector["expected"]["output"]["result"] == {"amount": str(result), "currency": target}
    assert Fraction(vector["expected"]["output"]["rate"]) == rate
