"""A fund's terms: its size, currency and periods, and the kinds of its partners."""

from __future__ import annotations

import datetime as _dt
import enum

import attrs
from dateutil.relativedelta import relativedelta

from creative_city.errors import CurrencyMismatchError, InvalidTypeError, ValidationError
from creative_city.funding.venture.fields import check_money, check_text, to_currency, to_date
from creative_city.money import Currency, Money
from creative_city.operation import SCHEMA_KEY, states

__all__ = ["MAX_YEARS", "FundTerms", "LPKind"]

MAX_YEARS = 50
"""The longest fund term accepted, in years."""


class LPKind(enum.Enum):
    """Who a limited partner is."""

    CITY_BUDGET = "city_budget"
    PRIVATE = "private"


@states(minimum=1, maximum=MAX_YEARS)
def _check_years(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_YEARS:
        raise ValidationError(attribute.name, value, f"must be an int from 1 to {MAX_YEARS}")


@attrs.frozen
class FundTerms:
    """A fund's constitution: size, currency, periods.

    Attributes:
        name: The fund's name.
        currency: The fund's currency (commitments, calls, tickets).
        target: The target capitalisation (Almaty: 20,000,000,000 KZT).
        hard_cap: Total commitments never exceed it (>= target).
        vintage: The vintage year.
        first_close: The first closing date; the investment period starts here.
        investment_period_years: After this many years only follow-ons are made.
        term_years: The fund's life; nothing is invested or called after it ends.

    >>> terms = FundTerms(
    ...     "Almaty City Venture Fund",
    ...     "KZT",
    ...     Money.of("20000000000", "KZT"),
    ...     Money.of("25000000000", "KZT"),
    ...     2023,
    ...     _dt.date(2023, 1, 1),
    ...     5,
    ...     10,
    ... )
    >>> terms.investment_period_end, terms.term_end
    (datetime.date(2028, 1, 1), datetime.date(2033, 1, 1))
    """

    name: str = attrs.field(validator=check_text)
    currency: Currency = attrs.field(converter=to_currency)
    target: Money = attrs.field(
        validator=check_money, metadata={SCHEMA_KEY: {"exclusiveMinimum": 0}}
    )
    hard_cap: Money = attrs.field(validator=check_money)
    vintage: int = attrs.field(metadata={SCHEMA_KEY: {"minimum": 1900, "maximum": 2200}})
    first_close: _dt.date = attrs.field(converter=to_date)
    investment_period_years: int = attrs.field(validator=_check_years)
    term_years: int = attrs.field(validator=_check_years)

    def __attrs_post_init__(self) -> None:
        for field, money in (("target", self.target), ("hard_cap", self.hard_cap)):
            if money.currency != self.currency:
                raise CurrencyMismatchError(
                    field, money.currency.code, f"must be in the fund currency {self.currency}"
                )
        if not self.target.is_positive():
            raise ValidationError("target", str(self.target), "must be > 0")
        if self.hard_cap < self.target:
            raise ValidationError(
                "hard_cap", str(self.hard_cap), f"must be >= the target {self.target}"
            )
        if not isinstance(self.vintage, int) or isinstance(self.vintage, bool):
            raise InvalidTypeError("vintage", self.vintage, "must be an int year")
        if not 1900 <= self.vintage <= 2200:
            raise ValidationError("vintage", self.vintage, "must be a year from 1900 to 2200")
        if self.investment_period_years > self.term_years:
            raise ValidationError(
                "investment_period_years",
                self.investment_period_years,
                f"must not exceed term_years ({self.term_years})",
            )

    @property
    def investment_period_end(self) -> _dt.date:
        """The first day after the investment period."""
        return self.first_close + relativedelta(years=self.investment_period_years)

    @property
    def term_end(self) -> _dt.date:
        """The first day after the fund's term."""
        return self.first_close + relativedelta(years=self.term_years)
