"""The report's languages: words from gettext catalogues, figures written for the locale.

A :class:`Language` is what the report's builders and renderers speak through. Its
words go through the standard library's :mod:`gettext` (``gettext``, ``ngettext``,
``pgettext``, ``npgettext``, each filling ``{name}`` placeholders afterwards), and its
figures through a few primitives (a number, a count, a day, a unit after a number).

* English (:data:`ENGLISH`) is the language the report is written in: its messages are
  the catalogues' message ids, and its figures are written as they always were
  (``20,000,000,000 KZT``, ``2022-09-12``, ``+11.2%``), without Babel.
* Every other language (``ru``) loads its catalogue from the package
  (``creative_city/locale/<code>/LC_MESSAGES/creative_city.mo``) and formats figures
  with Babel for the language as used in Kazakhstan (``ru_KZ``: ``20 000 000 000 ₸``,
  ``12 сентября 2022 г.``, ``11,2 %``). Babel is the optional extra ``i18n``.

Data that the programme and the published figures carry (target titles, barriers,
figures' words, universes) is translated from the same catalogue, each string under a
context saying what it is (``msgctxt "target"``); a string the catalogue does not know,
such as a figure of your own, is shown as given.

>>> ENGLISH.value(Decimal("20000000000"), "KZT"), ENGLISH.rate(Decimal("0.1151"))
('20,000,000,000 KZT', '+11.5%')
>>> ENGLISH.ngettext("{n} measurement(s)", "{n} measurement(s)", 2, n=2)
'2 measurement(s)'
>>> language("en") is ENGLISH
True
"""

from __future__ import annotations

import datetime as _dt
import functools
import gettext
import io
import pathlib
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Final

from creative_city.errors import ValidationError
from creative_city.time import Period, PeriodKind

__all__ = [
    "DOMAIN",
    "ENGLISH",
    "INSTALL",
    "Language",
    "available",
    "language",
]

DOMAIN: Final = "creative_city"
"""The gettext domain: the catalogues are ``<code>/LC_MESSAGES/creative_city.mo``."""

INSTALL: Final = "pip install 'creative-city[i18n]'"
"""The command that installs what a language other than English needs (Babel)."""

LOCALE_DIR: Final = pathlib.Path(__file__).resolve().parent.parent / "locale"
"""Where the catalogues live in the package."""

_MONTHS: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _fill(template: str, values: dict[str, object]) -> str:
    return template.format(**values) if values else template


class Language:
    """English, and the words and figure primitives every language overrides.

    Args:
        code: The language's code (``"en"``, ``"ru"``): the HTML ``lang`` attribute.
        translations: The catalogue (``None``: the messages as written, in English).
    """

    def __init__(
        self, code: str = "en", translations: gettext.NullTranslations | None = None
    ) -> None:
        self.code = code
        self._words = translations if translations is not None else gettext.NullTranslations()

    def __repr__(self) -> str:
        return f"Language({self.code!r})"

    # -- words -----------------------------------------------------------------------

    def gettext(self, message: str, /, **values: object) -> str:
        """Return *message* in this language, its ``{placeholders}`` filled from *values*."""
        return self.fill(self._words.gettext(message), values)

    def ngettext(self, singular: str, plural: str, n: int, /, **values: object) -> str:
        """Return the form of a message that the count *n* takes, filled from *values*."""
        return self.fill(self._words.ngettext(singular, plural, n), values)

    def pgettext(self, context: str, message: str, /, **values: object) -> str:
        """Return *message* of *context* in this language, filled from *values*."""
        return self.fill(self._words.pgettext(context, message), values)

    def npgettext(
        self, context: str, singular: str, plural: str, n: int, /, **values: object
    ) -> str:
        """Return the form for the count *n* of a message of *context*, filled."""
        return self.fill(self._words.npgettext(context, singular, plural, n), values)

    def fill(self, template: str, values: dict[str, object]) -> str:
        """Return *template* with its ``{placeholders}`` filled from *values*."""
        return _fill(template, values)

    def data(self, context: str, text: str) -> str:
        """Return a string of the data (a title, a barrier) in this language, or as given.

        Args:
            context: What the string is (``"target"``, ``"barrier"``, ``"figure note"``).
            text: The string as the data holds it (in English).
        """
        return self._words.pgettext(context, text) if text else text

    # -- figure primitives (each language writes these its own way) ---------------------

    def count(self, n: int) -> str:
        """Return a whole count in a sentence (``3``, ``1000``)."""
        return str(n)

    def decimal(self, value: Decimal) -> str:
        """Return a number as written, without grouping (``2.8``)."""
        return f"{value:f}"

    def signed(self, value: Decimal) -> str:
        """Return a number with its sign, ``+`` included (``+180``); zero is ``+0``.

        >>> ENGLISH.signed(Decimal("-0.0")), ENGLISH.signed(Decimal(-3))
        ('+0.0', '-3')
        """
        return f"{value or value.copy_abs():+f}"

    def number(self, value: Decimal) -> str:
        """Return a number grouped by thousands, every digit kept (``534,340``)."""
        return f"{value.normalize():,f}"

    def millions(self, value: Decimal) -> str:
        """Return a count of millions, rounded as given (``1.15 million``)."""
        return f"{(value / 1_000_000).normalize():f} million"

    def percent_sign(self, number: str) -> str:
        """Return a written number as a percentage (``11.2%``)."""
        return f"{number}%"

    def with_unit(self, number: str, value: Decimal, unit: str) -> str:
        """Return a written *number* followed by its *unit*, in the form *value* takes.

        Args:
            number: The number as written (``"534,340"``, ``"nearly 139,000"``).
            value: The number it stands for (it chooses a plural form).
            unit: The unit as the data holds it (``"visitors"``, ``"KZT"``).
        """
        del value  # English units are written as the data holds them
        return f"{number} {unit}"

    def figure_words(self, text: str, value: Decimal | None) -> str:
        """Return a published figure's words (``"nearly 139,000"``) in this language.

        Args:
            text: The figure in the source's words.
            value: The number they stand for, or ``None``.
        """
        del value  # English keeps the source's words
        return self.data("figure text", text)

    def day(self, day: _dt.date) -> str:
        """Return a day in a sentence or a table (``2022-09-12``)."""
        return day.isoformat()

    def long_day(self, day: _dt.date) -> str:
        """Return a day in words, as citations give it (``12 September 2022``)."""
        return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"

    def month(self, day: _dt.date) -> str:
        """Return the month of *day* with its year (``March 2025``)."""
        return f"{_MONTHS[day.month - 1]} {day.year}"

    def year(self, year: int) -> str:
        """Return a year (``2024``)."""
        return str(year)

    def calendar_period(self, period: Period) -> str:
        """Return a half, quarter or month (``2025-H1``, ``2025-Q3``, ``2025-03``)."""
        return period.label

    def month_span(self, first: _dt.date, last: _dt.date) -> str:
        """Return whole months of one year (``January-September 2023``, ``June 2023``)."""
        start, end = _MONTHS[first.month - 1], _MONTHS[last.month - 1]
        return f"{start}-{end} {last.year}" if start != end else f"{start} {last.year}"

    def day_span(self, first: _dt.date, last: _dt.date) -> str:
        """Return days of one year (``1 June-23 July 2023``)."""
        start, end = _MONTHS[first.month - 1], _MONTHS[last.month - 1]
        return f"{first.day} {start}-{last.day} {end} {last.year}"

    def compact(self, value: Decimal, unit: str) -> str:
        """Return a short axis label (``10 bn``, ``500 M``, ``12k``, ``5%``)."""
        magnitude = abs(value)
        if magnitude >= 10**9:
            text = f"{(value / 10**9).quantize(Decimal('0.1')).normalize():f} bn"
        elif magnitude >= 10**6:
            text = f"{(value / 10**6).quantize(Decimal('0.1')).normalize():f} M"
        elif magnitude >= 10**4:
            text = f"{(value / 10**3).quantize(Decimal(1)):f}k"
        else:
            text = f"{value.normalize():f}"
        return f"{text}%" if unit.startswith("%") else text

    # -- figures, built from the primitives ----------------------------------------

    def value(self, value: object, unit: str) -> str:
        """Return a figure with its unit (``20,000,000,000 KZT``, ``5%``, ``2.8x``, ``3 hubs``).

        >>> ENGLISH.value(Decimal("8000000000.000000"), "KZT"), ENGLISH.value(Decimal("3.10"), "%")
        ('8,000,000,000 KZT', '3.1%')
        """
        if not isinstance(value, Decimal):
            return f"{value}{unit}" if unit in {"%", "x"} else f"{value} {unit}".strip()
        text = self.number(value)
        if unit == "%":
            return self.percent_sign(text)
        if unit == "x":
            return self.pgettext("unit", "{number}x", number=text)
        return self.with_unit(text, value, unit) if unit else text

    def rate(self, rate: Decimal) -> str:
        """Return a yearly rate, given as a fraction, in percent (``+11.5%``)."""
        return self.percent_sign(self.signed((rate * 100).quantize(Decimal("0.1"))))

    def change(self, multiple: Decimal, *, approximate: bool, signed: bool = True) -> str:
        """Return the change a growth *multiple* means, rounded as its figures allow.

        Args:
            multiple: later / earlier.
            approximate: Whether either figure is approximate (whole percent, "about").
            signed: Whether to show the sign (else the size of the change).

        >>> ENGLISH.change(Decimal("1.15"), approximate=True)
        'about +15%'
        """
        change = (multiple - 1) * 100
        places = Decimal(1) if approximate else Decimal("0.1")
        rounded = change.quantize(places, ROUND_HALF_EVEN)
        text = self.percent_sign(self.signed(rounded) if signed else self.decimal(abs(rounded)))
        return self.gettext("about {change}", change=text) if approximate else text

    def approximate(self, value: Decimal, unit: str = "") -> str:
        """Return *value* rounded to three significant digits, as an approximate figure.

        >>> ENGLISH.approximate(Decimal(464340), "visitors")
        'about 464,000 visitors'
        """
        if value == 0:
            rounded = Decimal(0)
            text = self.count(0)
        else:
            digits = value.adjusted() + 1 - 3
            quantum = Decimal(f"1E{digits}") if digits > 0 else Decimal(1)
            rounded = value.quantize(quantum, ROUND_HALF_EVEN)
            text = self.millions(rounded) if abs(rounded) >= 1_000_000 else self.number(rounded)
        figure = self.with_unit(text, rounded, unit) if unit else text
        return self.gettext("about {figure}", figure=figure)

    def period(self, period: Period) -> str:
        """Return a period in words (``January-September 2023``, ``2024``)."""
        last = period.last
        match period.kind:
            case PeriodKind.YEAR:
                return self.year(period.start.year)
            case PeriodKind.HALF | PeriodKind.QUARTER | PeriodKind.MONTH:
                return self.calendar_period(period)
        if period.start.year == last.year:
            if period.start.day == 1 and period.end.day == 1:
                return self.month_span(period.start, last)
            return self.day_span(period.start, last)
        return self.gettext("{start} to {end}", start=self.day(period.start), end=self.day(last))


ENGLISH: Final = Language()
"""English, as the report has always been written."""


def available() -> tuple[str, ...]:
    """Return the codes of the languages the report speaks: English and each catalogue's.

    >>> "en" in available() and "ru" in available()
    True
    """
    found = {"en"}
    if LOCALE_DIR.is_dir():
        for folder in LOCALE_DIR.iterdir():
            messages = folder / "LC_MESSAGES"
            if any((messages / f"{DOMAIN}{suffix}").is_file() for suffix in (".mo", ".po")):
                found.add(folder.name)
    return tuple(sorted(found))


def _catalogue(code: str) -> gettext.NullTranslations:
    """Return the catalogue of *code*: its compiled ``.mo``, or its ``.po`` compiled now.

    The packaging step compiles each ``.po`` into a ``.mo`` beside it (the wheel
    carries only the ``.mo``). In a source checkout, or when the ``.po`` was edited
    after the ``.mo`` was built, the ``.po`` is compiled in memory with Babel's reader,
    so a translator sees an edit at once. Fuzzy entries are left out: they show in
    English until someone checks them.
    """
    folder = LOCALE_DIR / code / "LC_MESSAGES"
    compiled, source = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
    if compiled.is_file() and (
        not source.is_file() or compiled.stat().st_mtime >= source.stat().st_mtime
    ):
        return gettext.translation(DOMAIN, LOCALE_DIR, languages=[code])
    from babel.messages.mofile import write_mo  # noqa: PLC0415 - only without a fresh .mo
    from babel.messages.pofile import read_po  # noqa: PLC0415

    with source.open("rb") as handle:
        catalog = read_po(handle, locale=code, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@functools.cache
def language(code: str = "en") -> Language:
    """Return the language called *code* (``"en"``, ``"ru"``).

    Raises:
        ValidationError: If the package has no catalogue for *code*, or Babel (the
            ``i18n`` extra, which formats its figures) is not installed.
    """
    if code == "en":
        return ENGLISH
    codes = available()
    if code not in codes:
        raise ValidationError("lang", code, f"must be one of {', '.join(codes)}")
    try:
        from creative_city.programme.localised import BabelLanguage  # noqa: PLC0415
    except ImportError:
        raise ValidationError(
            "lang", code, f"needs Babel, which formats its numbers and dates: {INSTALL}"
        ) from None
    return BabelLanguage(code, _catalogue(code))
