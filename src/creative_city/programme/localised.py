r"""Figures written by Babel for a language as it is used in Kazakhstan.

:class:`BabelLanguage` overrides the figure primitives of
:class:`~creative_city.programme.language.Language` with Babel's formats for the
locale ``<code>_KZ`` where Babel has it (``ru_KZ``: the tenge is ``₸``), else for the
language alone. Babel's output keeps CLDR's characters: a no-break space (U+00A0)
between groups of digits and before ``%`` or ``₸``, and a narrow no-break space
(U+202F) before ``г.`` in dates, so that a figure never breaks across lines.

This module imports Babel; :func:`~creative_city.programme.language.language` loads it
only for a language other than English.

>>> from creative_city.programme.language import language
>>> ru = language("ru")
>>> ru.value(Decimal(20_000_000_000), "KZT") == "20\xa0000\xa0000\xa0000\xa0₸"
True
>>> [ru.value(Decimal(n), "hubs") for n in (1, 2, 5)]
['1 хаб', '2 хаба', '5 хабов']
"""

from __future__ import annotations

import datetime as _dt
import gettext
import re
from decimal import Decimal
from typing import Final

from babel import Locale, localedata
from babel.dates import format_date, format_interval, format_skeleton
from babel.numbers import (
    NumberPattern,
    format_compact_decimal,
    format_decimal,
    get_currency_symbol,
    get_minus_sign_symbol,
    get_plus_sign_symbol,
    is_currency,
)

from creative_city.programme.language import Language
from creative_city.time import Period, PeriodKind

__all__ = ["BabelLanguage"]

_BARE: Final = re.compile(r"[0-9.,]+")
"""A figure's words that are only a number (``"534,340"``): written in the locale's way."""


def _around(pattern: NumberPattern, number: str, sign: str, symbol: str) -> str:
    """Return *number* with the positive prefix and suffix of *pattern*, *sign* as *symbol*."""
    prefix, suffix = str(pattern.prefix[0]), str(pattern.suffix[0])
    return prefix.replace(sign, symbol) + number + suffix.replace(sign, symbol)


class BabelLanguage(Language):
    """A language whose words come from its catalogue and whose figures Babel writes.

    Args:
        code: The language's code (``"ru"``).
        translations: Its catalogue.
    """

    def __init__(self, code: str, translations: gettext.NullTranslations) -> None:
        super().__init__(code, translations)
        region = f"{code}_KZ"
        self.locale = Locale.parse(region if localedata.exists(region) else code)

    def fill(self, template: str, values: dict[str, object]) -> str:
        """Return *template* filled; a value's closing full stop also closes the sentence.

        ``"Программа: {source}."`` with a source ending in ``г.`` ends in one full stop.
        """
        for name, value in values.items():
            if isinstance(value, str) and value.endswith("."):
                template = template.replace(f"{{{name}}}.", f"{{{name}}}")
        return super().fill(template, values)

    def count(self, n: int) -> str:
        """Return a whole count, grouped as the locale groups digits."""
        return format_decimal(n, locale=self.locale)

    def _digits(self, value: Decimal, *, grouped: bool) -> str:
        """Return *value* with every decimal it has (``12.0`` stays ``12,0``)."""
        whole = self.locale.decimal_formats[None].pattern.split(";")[0].split(".")[0]
        places = max(0, -int(value.as_tuple().exponent))
        pattern = whole + ("." + "0" * places if places else "")
        return format_decimal(value, pattern, locale=self.locale, group_separator=grouped)

    def decimal(self, value: Decimal) -> str:
        """Return a number as given, with the locale's decimal sign and no grouping."""
        return self._digits(value, grouped=False)

    def signed(self, value: Decimal) -> str:
        """Return a number with the locale's plus or minus sign."""
        if value < 0:
            return get_minus_sign_symbol(self.locale) + self.decimal(abs(value))
        return get_plus_sign_symbol(self.locale) + self.decimal(value)

    def number(self, value: Decimal) -> str:
        """Return a number grouped as the locale groups digits, every digit kept."""
        return self._digits(value.normalize(), grouped=True)

    def millions(self, value: Decimal) -> str:
        """Return a count of millions in the locale's short form (``1,15 млн``)."""
        return str(format_compact_decimal(value, locale=self.locale, fraction_digits=2))

    def percent_sign(self, number: str) -> str:
        """Return a written number as a percentage, as the locale's percent format puts it."""
        symbol = self.locale.number_symbols[self.locale.default_numbering_system]["percentSign"]
        return _around(self.locale.percent_formats[None], number, "%", str(symbol))

    def with_unit(self, number: str, value: Decimal, unit: str) -> str:
        """Return *number* with its unit: a currency's sign, ``%``, or the unit's plural form.

        A count's plural form is chosen by the catalogue's plural rule for the whole
        number (a fraction of a counted thing takes the form of its whole part).
        """
        if unit == "%":
            return self.percent_sign(number)
        if is_currency(unit, self.locale):
            symbol = get_currency_symbol(unit, self.locale)
            return _around(self.locale.currency_formats["standard"], number, "¤", symbol)
        template = f"{{number}} {unit}"
        form = self._words.npgettext("unit", template, template, int(value))
        return str(form.format(number=number))

    def figure_words(self, text: str, value: Decimal | None) -> str:
        """Return a figure's words: a bare number written the locale's way, else translated."""
        if value is not None and _BARE.fullmatch(text):
            return self.number(value)
        return self.data("figure text", text)

    def day(self, day: _dt.date) -> str:
        """Return a day in words (``12 сентября 2022 г.``)."""
        return format_date(day, "long", locale=self.locale)

    def long_day(self, day: _dt.date) -> str:
        """Return a day in words, as citations give it."""
        return self.day(day)

    def month(self, day: _dt.date) -> str:
        """Return the month of *day* with its year (``март 2025 г.``)."""
        return format_skeleton("yMMMM", day, locale=self.locale)

    def year(self, year: int) -> str:
        """Return a year (``2024 г.``)."""
        digits = format_skeleton("y", _dt.date(year, 1, 1), locale=self.locale)
        return self.pgettext("year", "{year}", year=digits)

    def calendar_period(self, period: Period) -> str:
        """Return a half, quarter or month in words."""
        match period.kind:
            case PeriodKind.HALF:
                half = 1 if period.start.month == 1 else 2
                return self.pgettext(
                    "period", "H{half} {year}", half=half, year=self.year(period.start.year)
                )
            case PeriodKind.QUARTER:
                return format_skeleton("yQQQQ", period.start, locale=self.locale)
        return self.month(period.start)

    def month_span(self, first: _dt.date, last: _dt.date) -> str:
        """Return whole months of one year (``январь — сентябрь 2023 г.``)."""
        return format_interval(first, last, "yMMMM", locale=self.locale)

    def day_span(self, first: _dt.date, last: _dt.date) -> str:
        """Return days of one year (``1 июн. — 23 июл. 2023 г.``)."""
        return format_interval(first, last, "yMMMMd", locale=self.locale)

    def compact(self, value: Decimal, unit: str) -> str:
        """Return a short axis label in the locale's short form (``10 млрд``, ``5 %``)."""
        if unit.startswith("%"):
            return self.percent_sign(self.decimal(value.normalize()))
        return format_compact_decimal(value, locale=self.locale, fraction_digits=1)
