"""Money: ISO 4217 currencies, exact amounts, allocation and dated exchange rates.

A :class:`Money` is a ``Decimal`` amount quantized to its currency's minor units
(KZT has 2: tiyn; JPY 0; KWD 3) plus its :class:`Currency`. Floats never become
money, amounts with more decimals than the currency allows are rejected unless a
rounding mode is named, and currencies never mix.

>>> from decimal import ROUND_HALF_EVEN
>>> Money.of("100.00", "KZT").allocate([1, 1, 1])
(Money('33.34', 'KZT'), Money('33.33', 'KZT'), Money('33.33', 'KZT'))
>>> sum([Money.of(5, "USD"), Money.of("0.25", "USD")])
Money('5.25', 'USD')
>>> Money.of("10.00", "KZT").multiply("0.035", rounding=ROUND_HALF_EVEN)
Money('0.35', 'KZT')
"""

from __future__ import annotations

import bisect
import datetime as _dt
import decimal
import functools
import math
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Final

import attrs

from creative_city.errors import (
    CurrencyMismatchError,
    InvalidTypeError,
    ValidationError,
)
from creative_city.time import Period, require_date

if TYPE_CHECKING:
    from typing import Self

__all__ = [
    "ROUNDING_MODES",
    "Currency",
    "ExchangeRates",
    "Money",
    "Rate",
    "allocate_units",
    "currencies",
    "get_currency",
    "register_currency",
    "round_fraction",
    "round_quotient",
    "to_decimal",
]

ROUNDING_MODES: Final = frozenset(
    {
        decimal.ROUND_05UP,
        decimal.ROUND_CEILING,
        decimal.ROUND_DOWN,
        decimal.ROUND_FLOOR,
        decimal.ROUND_HALF_DOWN,
        decimal.ROUND_HALF_EVEN,
        decimal.ROUND_HALF_UP,
        decimal.ROUND_UP,
    }
)
"""The ``decimal`` rounding modes accepted wherever a rounding must be named."""

MAX_INTEGER_DIGITS: Final = 24
"""Amounts, rates and ratios have at most this many digits before the point."""

MAX_FRACTION_DIGITS: Final = 30
"""Amounts, rates and ratios have at most this many digits after the point."""

# Every arithmetic step on amounts runs in this context: precision far above any
# amount we accept, and Inexact trapped, so a result is exact or an error.
_EXACT: Final = decimal.Context(
    prec=200,
    rounding=decimal.ROUND_HALF_EVEN,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.Inexact, decimal.InvalidOperation, decimal.Overflow, decimal.DivisionByZero],
)

_DECIMAL_TEXT: Final = re.compile(
    rf"[+-]?\d{{1,{MAX_INTEGER_DIGITS}}}(?:\.\d{{1,{MAX_FRACTION_DIGITS}}})?"
)


# -- currencies --------------------------------------------------------------------


@attrs.frozen
class Currency:
    """An ISO 4217 currency.

    Attributes:
        code: The three-letter alphabetic code, e.g. ``"KZT"``.
        numeric: The three-digit numeric code, e.g. ``398``.
        minor_units: Digits after the decimal point (ISO 4217 "minor unit"), e.g. 2.
        name: The English name.

    >>> get_currency("KZT")
    Currency(code='KZT', numeric=398, minor_units=2, name='Tenge')
    """

    code: str = attrs.field()
    numeric: int = attrs.field()
    minor_units: int = attrs.field()
    name: str = attrs.field(default="")

    @code.validator
    def _check_code(self, _: attrs.Attribute[str], value: str) -> None:
        if not isinstance(value, str) or not re.fullmatch(r"[A-Z]{3}", value):
            raise ValidationError("currency.code", value, "must be three upper-case letters")

    @numeric.validator
    def _check_numeric(self, _: attrs.Attribute[int], value: int) -> None:
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 999:
            raise ValidationError("currency.numeric", value, "must be an int from 0 to 999")

    @minor_units.validator
    def _check_minor(self, _: attrs.Attribute[int], value: int) -> None:
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 4:
            raise ValidationError("currency.minor_units", value, "must be an int from 0 to 4")

    @functools.cached_property
    def quantum(self) -> Decimal:
        """The smallest amount, ``Decimal(1).scaleb(-minor_units)`` (``0.01`` for KZT)."""
        return Decimal(1).scaleb(-self.minor_units)

    def __str__(self) -> str:
        return self.code


# ISO 4217 (list one, as maintained by SIX on behalf of ISO): code, numeric, minor units.
_BUILT_IN: Final = (
    ("KZT", 398, 2, "Tenge"),
    ("USD", 840, 2, "US Dollar"),
    ("EUR", 978, 2, "Euro"),
    ("RUB", 643, 2, "Russian Ruble"),
    ("CNY", 156, 2, "Yuan Renminbi"),
    ("GBP", 826, 2, "Pound Sterling"),
    ("JPY", 392, 0, "Yen"),
    ("KWD", 414, 3, "Kuwaiti Dinar"),
    ("CHF", 756, 2, "Swiss Franc"),
    ("KGS", 417, 2, "Som"),
    ("UZS", 860, 2, "Uzbekistan Sum"),
    ("TRY", 949, 2, "Turkish Lira"),
    ("AED", 784, 2, "UAE Dirham"),
    ("KRW", 410, 0, "Won"),
    ("INR", 356, 2, "Indian Rupee"),
    ("BHD", 48, 3, "Bahraini Dinar"),
)

_REGISTRY: dict[str, Currency] = {
    code: Currency(code, numeric, minor, name) for code, numeric, minor, name in _BUILT_IN
}


def register_currency(currency: Currency) -> Currency:
    """Add *currency* to the registry (idempotent for an identical definition).

    Args:
        currency: The currency to register.

    Returns:
        The registered currency.

    Raises:
        ValidationError: If a different currency with the same code is registered.
    """
    if not isinstance(currency, Currency):
        raise InvalidTypeError("currency", currency, "must be a Currency")
    known = _REGISTRY.get(currency.code)
    if known is not None and known != currency:
        raise ValidationError("currency.code", currency.code, f"is already registered as {known!r}")
    _REGISTRY.setdefault(currency.code, currency)
    return _REGISTRY[currency.code]


def get_currency(code: str | Currency) -> Currency:
    """Return the registered currency for *code* (a ``Currency`` is returned as is).

    Raises:
        ValidationError: If the code is unknown.
    """
    if isinstance(code, Currency):
        return code
    found = _REGISTRY.get(code) if isinstance(code, str) else None
    if found is None:
        if not isinstance(code, str):
            raise InvalidTypeError("currency", code, "must be an ISO 4217 code string")
        raise ValidationError(
            "currency", code, "is not a known ISO 4217 code (register it with register_currency)"
        )
    return found


def currencies() -> tuple[Currency, ...]:
    """Return every registered currency, sorted by code."""
    return tuple(sorted(_REGISTRY.values(), key=lambda c: c.code))


# -- decimals ----------------------------------------------------------------------


def _check_rounding(rounding: object) -> str:
    if rounding not in ROUNDING_MODES:
        raise ValidationError("rounding", rounding, "must be one of the decimal.ROUND_* modes")
    return rounding


def to_decimal(value: object, field: str = "value") -> Decimal:
    """Convert an ``int``, ``str`` or ``Decimal`` to a finite, bounded ``Decimal``.

    Strings must be plain decimals (``"-12.50"``): no exponent, no spaces, no
    underscores. Floats and booleans are rejected.

    Args:
        value: The value to convert.
        field: The field name used in error messages.

    Raises:
        InvalidTypeError: For floats, booleans and other types.
        ValidationError: For NaN, infinities, malformed strings and values with more
            than :data:`MAX_INTEGER_DIGITS` integer or :data:`MAX_FRACTION_DIGITS`
            fraction digits.
    """
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, bool):
        raise InvalidTypeError(field, value, "must be int, str or Decimal, not bool")
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, str):
        if not _DECIMAL_TEXT.fullmatch(value):
            raise ValidationError(
                field,
                value,
                f"must be a plain decimal string like '-1234.56' (at most "
                f"{MAX_INTEGER_DIGITS} + {MAX_FRACTION_DIGITS} digits)",
            )
        number = Decimal(value)
    elif isinstance(value, float):
        raise InvalidTypeError(
            field, value, "must be int, str or Decimal, never float (floats are inexact)"
        )
    else:
        raise InvalidTypeError(field, value, "must be int, str or Decimal")
    if not number.is_finite():
        raise ValidationError(field, value, "must be finite (NaN and Infinity are rejected)")
    if number and (
        number.adjusted() >= MAX_INTEGER_DIGITS or -number.as_tuple().exponent > MAX_FRACTION_DIGITS  # type: ignore[operator]
    ):
        raise ValidationError(
            field,
            value,
            f"must have at most {MAX_INTEGER_DIGITS} integer and {MAX_FRACTION_DIGITS} "
            "fraction digits",
        )
    return number


def round_quotient(numerator: int, denominator: int, rounding: str) -> int:
    """Return the integer ``numerator / denominator`` rounded with one ``decimal.ROUND_*`` mode.

    The library's one rounding rule: every exact quotient that becomes whole minor units
    (fees, shares, conversions, projections) is rounded here, exactly, with integers.

    Args:
        numerator: Any integer.
        denominator: A positive integer.
        rounding: A ``decimal.ROUND_*`` mode.

    Returns:
        The rounded quotient.

    Raises:
        ValidationError: If *rounding* is not a ``decimal`` rounding mode, or the
            denominator is not positive.

    >>> round_quotient(5, 2, decimal.ROUND_HALF_EVEN), round_quotient(7, 2, decimal.ROUND_HALF_EVEN)
    (2, 4)
    >>> round_quotient(-5, 2, decimal.ROUND_HALF_UP), round_quotient(-5, 2, decimal.ROUND_FLOOR)
    (-3, -3)
    >>> round_quotient(51, 10, decimal.ROUND_05UP), round_quotient(61, 10, decimal.ROUND_05UP)
    (6, 6)
    """
    rounding = _check_rounding(rounding)
    if denominator <= 0:
        raise ValidationError("denominator", denominator, "must be a positive integer")
    q, r = divmod(numerator, denominator)  # floor division: q <= exact < q + 1
    if not r:
        return q
    negative = numerator < 0
    toward_zero = q + 1 if negative else q
    away = q if negative else q + 1
    match rounding:
        case decimal.ROUND_FLOOR:
            return q
        case decimal.ROUND_CEILING:
            return q + 1
        case decimal.ROUND_DOWN:
            return toward_zero
        case decimal.ROUND_UP:
            return away
        case decimal.ROUND_05UP:
            return away if toward_zero % 10 in (0, 5) else toward_zero
    twice = 2 * r
    if twice != denominator:
        return q + 1 if twice > denominator else q
    if rounding == decimal.ROUND_HALF_UP:
        return away
    if rounding == decimal.ROUND_HALF_DOWN:
        return toward_zero
    return q if q % 2 == 0 else q + 1  # ROUND_HALF_EVEN


def round_fraction(value: Fraction, places: int, rounding: str) -> Decimal:
    """Round an exact fraction to *places* decimal places with one rounding step.

    Args:
        value: The exact value.
        places: Digits after the point (may be 0).
        rounding: A ``decimal.ROUND_*`` mode.

    Returns:
        A ``Decimal`` with exactly *places* fraction digits.

    >>> round_fraction(Fraction(1, 3), 2, decimal.ROUND_HALF_UP)
    Decimal('0.33')
    >>> round_fraction(Fraction(-5, 2), 0, decimal.ROUND_HALF_EVEN)
    Decimal('-2')
    """
    scaled = Fraction(value) * 10**places
    units = round_quotient(scaled.numerator, scaled.denominator, rounding)
    return Decimal(units).scaleb(-places, context=_EXACT)


# -- money -------------------------------------------------------------------------


class Money:
    """An exact amount of one currency.

    Build money with :meth:`of` (or :meth:`from_minor`, :meth:`zero`). The amount is
    held as an integer number of minor units, so arithmetic is exact and fast;
    :attr:`amount` shows it as a ``Decimal`` with exactly the currency's minor-unit
    digits (``Money.of(5, "KZT").amount`` is ``Decimal('5.00')``).

    Arithmetic: ``+``/``-`` with money of the same currency (``0`` is the identity, so
    ``sum()`` works), ``*`` by an ``int``, :meth:`multiply` by a rate with a named
    rounding, :meth:`allocate` to split. Ordering compares amounts of one currency
    (or against ``0``); mixing currencies raises :class:`CurrencyMismatchError`.
    Equality never raises: money in different currencies is simply unequal.
    Instances are immutable and hashable.

    Args:
        currency: The currency (a :class:`Currency` or an ISO 4217 code).
        minor: The amount in minor units (an ``int``).

    >>> Money("KZT", 12345)
    Money('123.45', 'KZT')
    """

    __slots__ = ("_currency", "_minor")

    _currency: Currency
    _minor: int

    def __init__(self, currency: str | Currency, minor: int) -> None:
        if not isinstance(minor, int) or isinstance(minor, bool):
            raise InvalidTypeError("minor", minor, "must be an int number of minor units")
        if abs(minor) >= _MAX_MINOR:
            raise ValidationError(
                "minor", minor, f"must have at most {MAX_INTEGER_DIGITS + 4} digits"
            )
        _set_currency(self, get_currency(currency))
        _set_minor(self, minor)

    # -- construction --------------------------------------------------------------

    @classmethod
    def of(
        cls,
        amount: int | str | Decimal,
        currency: str | Currency,
        *,
        rounding: str | None = None,
    ) -> Money:
        """Return *amount* of *currency*.

        Args:
            amount: An ``int``, a plain decimal ``str`` or a ``Decimal``; never a float.
            currency: An ISO 4217 code or a :class:`Currency`.
            rounding: A ``decimal.ROUND_*`` mode, required when *amount* has more
                fraction digits than the currency allows.

        Raises:
            InvalidTypeError: If *amount* is a float or another wrong type.
            ValidationError: For NaN/Infinity, an unknown currency, or too many
                fraction digits without a rounding mode.

        >>> Money.of("1.005", "KZT")
        Traceback (most recent call last):
        ...
        creative_city.errors.ValidationError: amount = '1.005': KZT allows 2 fraction \
digits; pass rounding=decimal.ROUND_* to round
        >>> Money.of("1.005", "KZT", rounding=decimal.ROUND_HALF_UP)
        Money('1.01', 'KZT')
        """
        cur = get_currency(currency)
        number = to_decimal(amount, "amount")
        if rounding is None:
            try:
                scaled = _EXACT.scaleb(number, cur.minor_units).to_integral_exact(context=_EXACT)
            except decimal.Inexact:
                raise ValidationError(
                    "amount",
                    amount,
                    f"{cur.code} allows {cur.minor_units} fraction digits; "
                    "pass rounding=decimal.ROUND_* to round",
                ) from None
        else:
            scaled = _EXACT.scaleb(number, cur.minor_units).to_integral_value(
                rounding=_check_rounding(rounding)
            )
        return _make(int(scaled), cur)

    @classmethod
    def from_minor(cls, units: int, currency: str | Currency) -> Money:
        """Return the money worth *units* minor units (tiyn, cents) of *currency*.

        >>> Money.from_minor(12345, "KZT")
        Money('123.45', 'KZT')
        """
        return cls(currency, units)

    @classmethod
    def zero(cls, currency: str | Currency) -> Money:
        """Return zero of *currency*."""
        return _make(0, get_currency(currency))

    # -- views ---------------------------------------------------------------------

    @property
    def currency(self) -> Currency:
        """The currency."""
        return self._currency

    @property
    def minor(self) -> int:
        """The amount in minor units, as an ``int`` (``123.45 KZT`` -> ``12345``)."""
        return self._minor

    @property
    def amount(self) -> Decimal:
        """The amount as a ``Decimal`` with exactly the currency's minor-unit digits."""
        return Decimal(self._minor).scaleb(-self._currency.minor_units, context=_EXACT)

    @property
    def code(self) -> str:
        """The currency code."""
        return self._currency.code

    def is_zero(self) -> bool:
        """Return whether the amount is zero."""
        return self._minor == 0

    def is_positive(self) -> bool:
        """Return whether the amount is above zero."""
        return self._minor > 0

    def is_negative(self) -> bool:
        """Return whether the amount is below zero."""
        return self._minor < 0

    def __bool__(self) -> bool:
        return self._minor != 0

    def __repr__(self) -> str:
        return f"Money('{self.amount}', '{self._currency.code}')"

    def __str__(self) -> str:
        return f"{self.amount} {self._currency.code}"

    def __setattr__(self, name: str, value: object) -> None:
        raise attrs.exceptions.FrozenInstanceError

    def __delattr__(self, name: str) -> None:
        raise attrs.exceptions.FrozenInstanceError

    def __reduce__(self) -> tuple[object, ...]:
        return (Money, (self._currency, self._minor))

    def __copy__(self) -> Money:
        return self

    def __deepcopy__(self, memo: object) -> Money:
        return self

    def __eq__(self, other: object) -> bool:
        if type(other) is Money:
            return self._minor == other._minor and (
                self._currency is other._currency or self._currency == other._currency
            )
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self._minor, self._currency.code))

    # -- arithmetic ----------------------------------------------------------------

    def _mismatch(self, other: Money, op: str) -> CurrencyMismatchError:
        return CurrencyMismatchError(
            "currency",
            f"{self._currency.code} {op} {other._currency.code}",
            "cannot combine or compare money in different currencies; convert first",
        )

    def __add__(self, other: object) -> Money:
        if type(other) is Money:
            cur = self._currency
            if other._currency is not cur and other._currency != cur:
                raise self._mismatch(other, "+")
            return _make(self._minor + other._minor, cur)
        if type(other) is int and other == 0:
            return self
        return NotImplemented

    def __radd__(self, other: object) -> Money:
        if type(other) is int and other == 0:
            return self
        return NotImplemented

    def __sub__(self, other: object) -> Money:
        if type(other) is Money:
            cur = self._currency
            if other._currency is not cur and other._currency != cur:
                raise self._mismatch(other, "-")
            return _make(self._minor - other._minor, cur)
        if type(other) is int and other == 0:
            return self
        return NotImplemented

    def __rsub__(self, other: object) -> Money:
        if type(other) is int and other == 0:
            return -self
        return NotImplemented

    def __neg__(self) -> Money:
        return _make(-self._minor, self._currency)

    def __pos__(self) -> Money:
        return self

    def __abs__(self) -> Money:
        return _make(abs(self._minor), self._currency)

    def __mul__(self, factor: object) -> Money:
        if type(factor) is int:
            return _make(self._minor * factor, self._currency)
        if isinstance(factor, (Decimal, Fraction, float, str, bool)):
            raise InvalidTypeError(
                "factor",
                factor,
                "Money * x takes an int; use money.multiply(rate, rounding=...) for rates",
            )
        return NotImplemented

    __rmul__ = __mul__

    def multiply(self, rate: int | str | Decimal | Fraction, *, rounding: str) -> Money:
        """Return ``amount * rate`` rounded once to minor units with *rounding*.

        Args:
            rate: The factor (``int``, ``str``, ``Decimal`` or exact ``Fraction``).
            rounding: A ``decimal.ROUND_*`` mode (required: rounding is policy).
        """
        rounding = _check_rounding(rounding)
        factor = rate if isinstance(rate, Fraction) else Fraction(to_decimal(rate, "rate"))
        return _make(_round_units(self._minor * factor, rounding), self._currency)

    # -- comparison ----------------------------------------------------------------

    def _other_minor(self, other: object, op: str) -> int | None:
        if type(other) is Money:
            if other._currency is not self._currency and other._currency != self._currency:
                raise self._mismatch(other, op)
            return other._minor
        if type(other) is int and other == 0:
            return 0
        return None

    def __lt__(self, other: object) -> bool:
        value = self._other_minor(other, "<")
        return NotImplemented if value is None else self._minor < value

    def __le__(self, other: object) -> bool:
        value = self._other_minor(other, "<=")
        return NotImplemented if value is None else self._minor <= value

    def __gt__(self, other: object) -> bool:
        value = self._other_minor(other, ">")
        return NotImplemented if value is None else self._minor > value

    def __ge__(self, other: object) -> bool:
        value = self._other_minor(other, ">=")
        return NotImplemented if value is None else self._minor >= value

    # -- allocation ----------------------------------------------------------------

    def allocate(self, ratios: Sequence[int | Decimal | Fraction]) -> tuple[Money, ...]:
        """Split this amount by *ratios* with the largest-remainder (Hamilton) method.

        Each share first gets the floor of its exact quota in minor units; the units
        left over go one each to the shares with the largest remainders, ties to the
        earlier index. So the shares sum exactly to the whole, a zero ratio gets
        nothing, and each share is within one minor unit of its exact quota. A
        negative amount is split by its absolute value and the shares negated.

        Args:
            ratios: Non-negative ``int``, ``Decimal`` or ``Fraction`` weights, not all zero.

        Returns:
            One share per ratio, in order.

        Raises:
            ValidationError: If a ratio is negative or all ratios are zero.

        >>> Money.of("0.05", "USD").allocate([3, 7])
        (Money('0.02', 'USD'), Money('0.03', 'USD'))
        >>> Money.of("-10.00", "KZT").allocate(
        ...     [Decimal("0.5"), Decimal("0.25"), 0, Decimal("0.25")]
        ... )
        (Money('-5.00', 'KZT'), Money('-2.50', 'KZT'), Money('0.00', 'KZT'), Money('-2.50', 'KZT'))
        """
        cur = self._currency
        return tuple([_make(units, cur) for units in allocate_units(self._minor, ratios)])

    def split(self, parts: int) -> tuple[Money, ...]:
        """Split into *parts* near-equal shares (``allocate([1] * parts)``).

        >>> Money.of(100, "KZT").split(3)
        (Money('33.34', 'KZT'), Money('33.33', 'KZT'), Money('33.33', 'KZT'))
        """
        if not isinstance(parts, int) or isinstance(parts, bool) or parts < 1:
            raise ValidationError("parts", parts, "must be an int >= 1")
        return self.allocate([1] * parts)


_MAX_MINOR: Final = 10 ** (MAX_INTEGER_DIGITS + 4)
_new = object.__new__
_set_currency = Money.__dict__["_currency"].__set__
_set_minor = Money.__dict__["_minor"].__set__


def _make(units: int, currency: Currency) -> Money:
    # Fast private constructor: *units* is an int, *currency* a registered Currency.
    money: Money = _new(Money)
    _set_currency(money, currency)
    _set_minor(money, units)
    return money


def _round_units(value: Fraction, rounding: str) -> int:
    return round_quotient(value.numerator, value.denominator, rounding)


def allocate_units(units: int, ratios: Sequence[int | Decimal | Fraction]) -> list[int]:
    """Split the integer *units* by *ratios* (largest remainder; see :meth:`Money.allocate`).

    The building block for any pro-rata split of minor units, exposed for callers that
    work in integers (allocation tables, ledgers).

    Args:
        units: The whole, in minor units (may be negative).
        ratios: Non-negative weights, not all zero.

    Returns:
        The shares, summing exactly to *units*.

    >>> allocate_units(10, [1, 1, 1])
    [4, 3, 3]
    """
    if not isinstance(units, int) or isinstance(units, bool):
        raise InvalidTypeError("units", units, "must be an int")
    weights = _integer_weights(ratios)
    total = sum(weights)
    if total == 0:
        raise ValidationError("ratios", _preview(ratios), "must not all be zero")
    if units < 0:
        return [-s for s in _hamilton(-units, weights, total)]
    return _hamilton(units, weights, total)


def _preview(values: Sequence[object]) -> object:
    return list(values[:5]) + (["..."] if len(values) > 5 else [])


def _integer_weights(ratios: Sequence[int | Decimal | Fraction]) -> list[int]:
    if isinstance(ratios, (str, bytes)) or not isinstance(ratios, Sequence):
        raise InvalidTypeError("ratios", ratios, "must be a sequence of int, Decimal or Fraction")
    if not ratios:
        raise ValidationError("ratios", list(ratios), "must not be empty")
    if all(type(r) is int for r in ratios):
        if min(ratios) < 0:
            index = next(i for i, r in enumerate(ratios) if r < 0)
            raise ValidationError(f"ratios[{index}]", ratios[index], "must be >= 0")
        return list(ratios)  # type: ignore[arg-type]
    exact: list[Fraction] = []
    for index, ratio in enumerate(ratios):
        field = f"ratios[{index}]"
        if isinstance(ratio, Fraction):
            value = ratio
        else:
            if not isinstance(ratio, (int, Decimal)) or isinstance(ratio, bool):
                raise InvalidTypeError(field, ratio, "must be int, Decimal or Fraction")
            value = Fraction(to_decimal(ratio, field))
        if value < 0:
            raise ValidationError(field, ratio, "must be >= 0")
        exact.append(value)
    scale = math.lcm(*(f.denominator for f in exact))
    return [int(f * scale) for f in exact]


def _hamilton(units: int, weights: list[int], total: int) -> list[int]:
    products = [units * w for w in weights]
    shares = [p // total for p in products]
    leftover = units - sum(shares)
    if leftover:
        # The leftover units go to the largest remainders, ties to the earlier index:
        # find the remainder of the last winner (the threshold), give one unit to every
        # larger remainder and to the first equal ones in index order.
        remainders = [p % total for p in products]
        threshold = _kth_largest(remainders, leftover)
        shares = [s + (r > threshold) for s, r in zip(shares, remainders, strict=True)]
        ties = units - sum(shares)
        index = -1
        for _ in range(ties):
            index = remainders.index(threshold, index + 1)
            shares[index] += 1
    return shares


def _kth_largest(values: list[int], k: int) -> int:
    """Return the *k*-th largest of *values* (1-based): a deterministic select.

    Partitions around a pivot taken from a sorted sample at the target rank, so large
    inputs shrink fast; when a step removes under a quarter of what is left (skewed
    data) it sorts the rest instead, which bounds the worst case at O(n log n).
    """
    while len(values) > _SELECT_SORT_BELOW:
        size = len(values)
        sample = sorted(values[:: max(1, size // 127)], reverse=True)
        pivot = sample[(k - 1) * len(sample) // size]
        above = [v for v in values if v > pivot]
        if k <= len(above):
            kept = above
        else:
            below = [v for v in values if v < pivot]
            if k <= size - len(below):
                return pivot
            k -= size - len(below)
            kept = below
        if len(kept) * 4 > size * 3:
            break
        values = kept
    else:
        return sorted(values, reverse=True)[k - 1]
    return sorted(kept, reverse=True)[k - 1]


_SELECT_SORT_BELOW: Final = 256


# -- exchange rates ----------------------------------------------------------------


def _to_currency(value: object) -> Currency:
    return get_currency(value)  # type: ignore[arg-type]


def _positive_rate(_: Rate, __: attrs.Attribute[Decimal], value: Decimal) -> None:
    if value <= 0:
        raise ValidationError("rate", value, "must be > 0")


def _to_rate_date(value: object) -> _dt.date:
    return require_date(value, "on")


def _to_rate_value(value: object) -> Decimal:
    return to_decimal(value, "rate")


@attrs.frozen
class Rate:
    """One dated exchange rate: on and after *on*, ``1 base = rate quote``.

    A rate holds from its date until the next rate of the same pair.

    Attributes:
        on: The first date the rate applies.
        base: The currency being priced.
        quote: The currency it is priced in.
        rate: Units of *quote* per unit of *base* (> 0).
    """

    on: _dt.date = attrs.field(converter=_to_rate_date)
    base: Currency = attrs.field(converter=_to_currency)
    quote: Currency = attrs.field(converter=_to_currency)
    rate: Decimal = attrs.field(converter=_to_rate_value, validator=_positive_rate)

    def __attrs_post_init__(self) -> None:
        if self.base == self.quote:
            raise ValidationError("quote", self.quote.code, "must differ from base")


def _to_rates(values: Iterable[Rate]) -> tuple[Rate, ...]:
    rates = tuple(values)
    for index, rate in enumerate(rates):
        if not isinstance(rate, Rate):
            raise InvalidTypeError(f"rates[{index}]", rate, "must be a Rate")
    return tuple(sorted(rates, key=lambda r: (r.base.code, r.quote.code, r.on)))


@attrs.frozen
class ExchangeRates:
    """A table of dated exchange rates, immutable.

    Conversion always names the date and the rounding. A pair is looked up directly
    or through its inverse (``1 / rate``, exact); there is no triangulation through a
    third currency, so a missing pair is an error, never a guess.

    Attributes:
        rates: The rates, kept sorted by pair and date.

    >>> import datetime as dt
    >>> fx = ExchangeRates([Rate(dt.date(2024, 1, 1), "USD", "KZT", "450.00")])
    >>> fx.convert(
    ...     Money.of(100, "USD"), "KZT", on=dt.date(2024, 6, 1), rounding=decimal.ROUND_HALF_EVEN
    ... )
    Money('45000.00', 'KZT')
    >>> fx.convert(
    ...     Money.of(1000, "KZT"), "USD", on=dt.date(2024, 6, 1), rounding=decimal.ROUND_HALF_EVEN
    ... )
    Money('2.22', 'USD')
    """

    rates: tuple[Rate, ...] = attrs.field(converter=_to_rates, factory=tuple)

    def __attrs_post_init__(self) -> None:
        seen: set[tuple[str, str, _dt.date]] = set()
        for index, rate in enumerate(self.rates):
            key = (rate.base.code, rate.quote.code, rate.on)
            if key in seen:
                raise ValidationError(
                    f"rates[{index}]",
                    f"{rate.base.code}/{rate.quote.code} on {rate.on}",
                    "a pair has at most one rate per date",
                )
            seen.add(key)

    def with_rate(
        self, on: _dt.date, base: str | Currency, quote: str | Currency, rate: int | str | Decimal
    ) -> Self:
        """Return a new table with one more rate."""
        return type(self)((*self.rates, Rate(on, base, quote, rate)))

    @functools.cached_property
    def _index(self) -> dict[tuple[str, str], tuple[list[_dt.date], list[Fraction]]]:
        index: dict[tuple[str, str], tuple[list[_dt.date], list[Fraction]]] = {}
        for rate in self.rates:  # sorted by pair, then date
            dates, values = index.setdefault((rate.base.code, rate.quote.code), ([], []))
            dates.append(rate.on)
            values.append(Fraction(rate.rate))
        return index

    def _series(self, base: Currency, quote: Currency) -> tuple[list[_dt.date], list[Fraction]]:
        direct = self._index.get((base.code, quote.code))
        if direct is not None:
            return direct
        inverse = self._index.get((quote.code, base.code))
        if inverse is not None:
            return inverse[0], [1 / v for v in inverse[1]]
        raise ValidationError(
            "pair", f"{base.code}/{quote.code}", "has no rate in this table (nor its inverse)"
        )

    def rate(self, base: str | Currency, quote: str | Currency, on: _dt.date) -> Fraction:
        """Return the exact rate (quote per base) in force on *on*.

        Args:
            base: The currency being priced.
            quote: The currency it is priced in.
            on: The date.

        Raises:
            ValidationError: If the pair is unknown or has no rate on or before *on*.
        """
        b, q = get_currency(base), get_currency(quote)
        on = require_date(on, "on")
        if b == q:
            return Fraction(1)
        dates, values = self._series(b, q)
        position = bisect.bisect_right(dates, on) - 1
        if position < 0:
            raise ValidationError(
                "on", on.isoformat(), f"no {b.code}/{q.code} rate on or before this date"
            )
        return values[position]

    def average_rate(self, base: str | Currency, quote: str | Currency, period: Period) -> Fraction:
        """Return the exact period-average rate: the mean of the daily rates in force.

        Each calendar day of *period* counts once, with the rate in force that day
        (weekends and holidays carry the last published rate). This is the rate to
        convert annual flows such as exports.

        Raises:
            ValidationError: If the first day of *period* has no rate in force.

        >>> import datetime as dt
        >>> fx = ExchangeRates(
        ...     [
        ...         Rate(dt.date(2023, 1, 1), "USD", "KZT", "460"),
        ...         Rate(dt.date(2023, 7, 1), "USD", "KZT", "450"),
        ...     ]
        ... )
        >>> float(fx.average_rate("USD", "KZT", Period.year(2023)))  # 181 days at 460, 184 at 450
        454.958904109589...
        """
        b, q = get_currency(base), get_currency(quote)
        if not isinstance(period, Period):
            raise InvalidTypeError("period", period, "must be a Period")
        if b == q:
            return Fraction(1)
        dates, values = self._series(b, q)
        position = bisect.bisect_right(dates, period.start) - 1
        if position < 0:
            raise ValidationError(
                "period",
                str(period),
                f"no {b.code}/{q.code} rate in force on its first day {period.start}",
            )
        total = Fraction(0)
        day = period.start
        while day < period.end:
            following = dates[position + 1] if position + 1 < len(dates) else period.end
            stop = min(following, period.end)
            total += values[position] * (stop - day).days
            day = stop
            position += 1
        return total / period.days

    def convert(self, money: Money, to: str | Currency, *, on: _dt.date, rounding: str) -> Money:
        """Convert *money* into *to* at the rate in force on *on*, rounding once.

        Args:
            money: The amount to convert.
            to: The target currency.
            on: The date whose rate applies.
            rounding: A ``decimal.ROUND_*`` mode.
        """
        target = get_currency(to)
        rate = self.rate(money.currency, target, on)
        return _convert(money, target, rate, rounding)

    def convert_at_average(
        self, money: Money, to: str | Currency, *, period: Period, rounding: str
    ) -> Money:
        """Convert *money* at the average rate over *period* (see :meth:`average_rate`)."""
        target = get_currency(to)
        rate = self.average_rate(money.currency, target, period)
        return _convert(money, target, rate, rounding)


def _convert(money: Money, target: Currency, rate: Fraction, rounding: str) -> Money:
    if not isinstance(money, Money):
        raise InvalidTypeError("money", money, "must be Money")
    exact = Fraction(money.minor, 10**money.currency.minor_units) * rate
    return _make(_round_units(exact * 10**target.minor_units, rounding), target)
