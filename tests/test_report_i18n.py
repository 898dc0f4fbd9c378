"""The report in Russian: catalogues, plural rules, Babel's formats, English unchanged.

The English reference outputs in ``tests/report_en/`` were written by the report before
it learnt other languages (same dates, same observations); the English report must
still match them byte for byte.
"""

from __future__ import annotations

import datetime as dt
import gettext
import html.parser
import io
import os
import pathlib
import re
import shutil
import string
import sys
import zipfile
from decimal import Decimal

import pytest
from babel import Locale
from babel.dates import format_date
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_percent
from hypothesis import given
from hypothesis import strategies as st

from creative_city.cli import main
from creative_city.programme import Status, almaty
from creative_city.programme import language as languages
from creative_city.programme.briefing import NO_FIGURE
from creative_city.programme.dataset import builtin_dataset
from creative_city.programme.report import render, state_text
from creative_city.time import Period

ROOT = pathlib.Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "tests" / "report_en"
LOCALE = ROOT / "src" / "creative_city" / "locale"
TEMPLATE = LOCALE / "creative_city.pot"
RUSSIAN = LOCALE / "ru" / "LC_MESSAGES" / "creative_city.po"
NBSP, NNBSP = "\u00a0", "\u202f"  # Babel's no-break and narrow no-break spaces


def run(args, stdin_text=""):
    out, err = io.StringIO(), io.StringIO()
    code = main(args, stdout=out, stderr=err, stdin=io.StringIO(stdin_text))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def ru():
    return languages.language("ru")


# -- English, byte for byte ----------------------------------------------------------

SCENARIOS = {
    "builtin-2026-12-01": ["--as-of", "2026-12-01"],
    "bare-2026-12-01": ["--as-of", "2026-12-01", "--no-builtin"],
    "progress-2025-03-01": ["--as-of", "2025-03-01", "--observations", "-"],
    "progress-2026-12-01": ["--as-of", "2026-12-01", "--observations", "-"],
}
FORMATS = {"txt": "text", "markdown": "markdown", "html": "html", "json": "json"}


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("lang", [[], ["--lang", "en"]])
def test_the_english_report_is_unchanged_byte_for_byte(scenario, suffix, lang):
    progress = (REFERENCE / "progress.json").read_text(encoding="utf-8")
    args = ["report", *SCENARIOS[scenario], "--format", FORMATS[suffix], *lang]
    code, text, err = run(args, progress)
    assert (code, err) == (0, "")
    expected = (REFERENCE / f"{scenario}.{suffix}").read_text(encoding="utf-8")
    assert text == expected


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_json_is_the_same_in_every_language(scenario):
    progress = (REFERENCE / "progress.json").read_text(encoding="utf-8")
    args = ["report", *SCENARIOS[scenario], "--format", "json"]
    assert run([*args, "--lang", "ru"], progress) == run([*args, "--lang", "en"], progress)


# -- the catalogues ------------------------------------------------------------------


def messages(path):
    with path.open("rb") as handle:
        catalog = read_po(handle)
    return catalog, {(m.context, m.id): m for m in catalog if m.id}


def fields(text):
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/creative_city.po"))


def test_russian_has_a_catalogue_with_three_plural_forms():
    assert RUSSIAN in CATALOGUES
    catalog, _ = messages(RUSSIAN)
    assert catalog.num_plurals == 3


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parent.parent.name)
def test_every_message_has_a_translation_that_is_not_fuzzy(path):
    catalog, found = messages(path)
    assert found
    for key, message in found.items():
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        assert len(forms) == (catalog.num_plurals if message.pluralizable else 1), key
        assert all(forms), f"no translation: {key}"
        assert not message.fuzzy, f"fuzzy: {key}"
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for form in forms:  # every {placeholder} kept, none invented
            assert fields(form) == fields(ids[0]), key


def test_the_template_and_the_catalogues_follow_the_code(tmp_path, monkeypatch):
    # The documented extraction (docs/translating.md), with Babel's own extractor.
    monkeypatch.chdir(ROOT)
    extracted = tmp_path / "creative_city.pot"
    CommandLineInterface().run(
        [
            "pybabel",
            "-q",
            "extract",
            "-F",
            "pyproject.toml",
            "--add-location",
            "file",
            "-o",
            str(extracted),
            "src/creative_city/programme",
        ]
    )
    _, fresh = messages(extracted)
    _, committed = messages(TEMPLATE)
    assert sorted(fresh, key=str) == sorted(committed, key=str), "run the extract step"
    for path in CATALOGUES:
        _, translated = messages(path)
        assert sorted(translated, key=str) == sorted(committed, key=str), (
            f"run the update step for {path.parent.parent.name}"
        )


def test_a_new_language_needs_a_catalogue_and_no_code(tmp_path, monkeypatch):
    copy = tmp_path / "locale"
    shutil.copytree(LOCALE, copy)
    template = str(copy / "creative_city.pot")
    CommandLineInterface().run(
        [
            "pybabel",
            "-q",
            "init",
            "-i",
            template,
            "-d",
            str(copy),
            "-D",
            "creative_city",
            "-l",
            "kk",
        ]
    )
    monkeypatch.setattr(languages, "LOCALE_DIR", copy)
    languages.language.cache_clear()
    try:
        assert languages.available() == ("en", "kk", "ru")
        page = render(as_of=dt.date(2026, 12, 1), fmt="html", lang="kk")
        assert '<html lang="kk">' in page
        # Figures in Babel's formats for Kazakh as used in Kazakhstan.
        kk = languages.language("kk")
        assert kk.value(Decimal(5), "%") == format_percent(Decimal("0.05"), locale="kk_KZ")
        assert kk.day(dt.date(2022, 9, 12)) == format_date(
            dt.date(2022, 9, 12), "long", locale="kk_KZ"
        )
    finally:
        languages.language.cache_clear()


def test_the_catalogue_reads_the_same_from_the_po_and_from_a_compiled_mo(tmp_path, monkeypatch):
    copy = tmp_path / "locale"
    shutil.copytree(LOCALE, copy)
    folder = copy / "ru" / "LC_MESSAGES"
    monkeypatch.setattr(languages, "LOCALE_DIR", copy)
    from_po = languages._catalogue("ru")
    with (folder / "creative_city.po").open("rb") as handle:
        catalog = read_po(handle, locale="ru")
    with (folder / "creative_city.mo").open("wb") as handle:
        write_mo(handle, catalog)
    from_mo = languages._catalogue("ru")
    assert type(from_mo).__name__ == "GNUTranslations"
    for words in (from_po, from_mo):
        assert words.pgettext("status", "on track") == "в графике"
        assert words.npgettext("unit", "{number} hubs", "{number} hubs", 22) == "{number} хаба"
    # A translator's edit after the build shows at once: a stale .mo is not read.
    po = folder / "creative_city.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace('"в графике"', '"по плану"'), encoding="utf-8"
    )
    stale = (folder / "creative_city.mo").stat().st_mtime
    os.utime(po, (stale + 10, stale + 10))
    assert languages._catalogue("ru").pgettext("status", "on track") == "по плану"


def test_the_wheel_carries_the_compiled_catalogue_and_no_po(tmp_path):
    builders = pytest.importorskip("hatchling.builders.wheel", reason="needs hatchling")
    (wheel,) = builders.WheelBuilder(str(ROOT)).build(
        directory=str(tmp_path), versions=["standard"]
    )
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        compiled = archive.read("creative_city/locale/ru/LC_MESSAGES/creative_city.mo")
    assert not [n for n in names if n.endswith((".po", ".pot"))]
    words = gettext.GNUTranslations(io.BytesIO(compiled))
    assert words.pgettext("status", "achieved") == "достигнута"


def test_every_state_shown_has_russian_words(ru):
    for state in [*(s.value for s in Status), NO_FIGURE]:
        assert state_text(state, ru) != state
        assert not re.search("[A-Za-z]", state_text(state, ru))


def test_target_titles_use_the_source_articles_words(ru):
    def stems(text):
        return {word[:4] for word in re.findall(r"[\w%-]+", text.lower())}

    for target in almaty().targets:
        title = ru.data("target", target.title)
        assert title != target.title
        assert stems(title) <= stems(target.source.quote), title
    for fact in almaty().facts:
        title = ru.data("fact", fact.title)
        assert stems(title) <= stems(fact.source.quote), title


# -- Russian plural rules and Babel's formats ----------------------------------------

PLURALS = {1: "хаб", 2: "хаба", 5: "хабов", 11: "хабов", 21: "хаб", 22: "хаба", 25: "хабов"}


@pytest.mark.parametrize(("n", "word"), [*PLURALS.items(), (111, "хабов")])
def test_russian_plural_forms(ru, n, word):
    assert ru.value(Decimal(n), "hubs") == f"{ru.count(n)} {word}"
    visitors = {"хаб": "посетитель", "хаба": "посетителя", "хабов": "посетителей"}[word]
    assert ru.value(Decimal(n), "visitors") == f"{ru.count(n)} {visitors}"


@given(st.integers(min_value=0, max_value=10**9))
def test_russian_plural_forms_follow_cldr_for_every_count(n):
    # The catalogue's Plural-Forms (gettext) against Babel's CLDR rule for Russian.
    ru = languages.language("ru")
    word = {"one": "хаб", "few": "хаба", "many": "хабов"}[Locale.parse("ru").plural_form(n)]
    assert ru.value(Decimal(n), "hubs") == f"{ru.count(n)} {word}"


@pytest.mark.parametrize(
    ("n", "sentence"),
    [
        (1, "1 измерение до 1 декабря 2026\u202fг."),
        (2, "2 измерения до 1 декабря 2026\u202fг."),
        (5, "5 измерений до 1 декабря 2026\u202fг."),
        (21, "21 измерение до 1 декабря 2026\u202fг."),
    ],
)
def test_russian_plural_forms_of_sentences(ru, n, sentence):
    said = ru.ngettext(
        "{n} measurement(s) up to {day}.",
        "{n} measurement(s) up to {day}.",
        n,
        n=ru.count(n),
        day=ru.day(dt.date(2026, 12, 1)),
    )
    assert said == sentence


def test_figures_are_written_by_babel_for_kazakhstan(ru):
    # Money in full with the tenge sign; no-break spaces group the digits.
    assert ru.value(Decimal(20_000_000_000), "KZT") == f"20{NBSP}000{NBSP}000{NBSP}000{NBSP}₸"
    assert ru.value(Decimal(500_000_000), "USD") == f"500{NBSP}000{NBSP}000{NBSP}$"
    assert ru.value(Decimal("6970954356.85"), "KZT") == f"6{NBSP}970{NBSP}954{NBSP}356,85{NBSP}₸"
    # Dates in words, a narrow no-break space before "г.".
    assert ru.day(dt.date(2022, 9, 12)) == f"12 сентября 2022{NNBSP}г."
    assert ru.month(dt.date(2025, 3, 1)) == f"март 2025{NNBSP}г."
    assert ru.year(2024) == f"2024{NNBSP}г."
    # Percentages with a decimal comma and a no-break space before the sign.
    assert ru.value(Decimal("11.2"), "%") == f"11,2{NBSP}%"
    assert ru.rate(Decimal("0.1123")) == f"+11,2{NBSP}%"
    assert ru.change(Decimal("1.15"), approximate=True) == f"примерно +15{NBSP}%"
    assert ru.value(Decimal("2.8"), "x") == "×2,8"
    # Approximate counts and the charts' short labels.
    assert ru.approximate(Decimal(464340), "visitors") == f"примерно 464{NBSP}000 посетителей"
    assert ru.approximate(Decimal(1151274), "trips") == f"примерно 1,15{NBSP}млн поездок"
    assert ru.compact(Decimal(10**10), "KZT") == f"10{NBSP}млрд"
    # Periods.
    assert ru.period(Period.parse("YTD/2023-09-30")) == f"январь{NBSP}— сентябрь 2023{NNBSP}г."
    assert ru.period(Period.parse("2024-Q3")) == f"3-й квартал 2024{NNBSP}г."
    assert ru.period(Period.parse("2025-H1")) == f"1-е полугодие 2025{NNBSP}г."


def test_a_published_figure_in_russian(ru):
    figure = builtin_dataset().figure("eqonaq-almaty-2023-jan-sep")
    assert figure.shown_in(ru) == f"343{NBSP}000 посетителей (приблизительно)"
    assert figure.source.short_in(ru) == f"The Astana Times, 4 октября 2023{NNBSP}г."
    summer = builtin_dataset().figure("eqonaq-almaty-2023-summer")
    assert summer.shown_in(ru) == f"почти 139{NBSP}000 посетителей"


# -- the Russian report ---------------------------------------------------------------

# Proper names may stay in Latin letters; so do addresses and the command.
PROPER = [
    "Depo Art and Science Center",
    "Almaty Creative",
    "Discover Almaty",
    "Kazakh Tourism",
    "eQonaq",
    "Depo",
    "IT",
]


def latin_words(text):
    names = {c.publisher for f in builtin_dataset().figures for c in (f.source, *f.also)}
    names |= {"Kazinform", "Arbat.media"}
    text = re.sub(r"https?://\S+|creative-city report --help", " ", text)
    for name in sorted([*names, *PROPER], key=len, reverse=True):
        text = text.replace(name, " ")
    return re.findall(r"[A-Za-z]{2,}", text)


class _Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.words, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in {"style", "code"}
        for name, value in attrs:
            if name in {"aria-label", "title"} and value:
                self.words.append(value)

    def handle_endtag(self, tag):
        self.skip -= tag in {"style", "code"}

    def handle_data(self, data):
        if not self.skip:
            self.words.append(data)


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_the_russian_report_has_no_english_word_but_proper_names(fmt):
    code, text, _ = run(["report", "--lang", "ru", "--as-of", "2026-12-01", "--format", fmt])
    assert code == 0
    heading = f"Креативный город Алматы: справка на 1 декабря 2026{NNBSP}г.\n"
    assert text.removeprefix("# ").startswith(heading)
    assert latin_words(text) == []
    assert "..\n" not in text
    assert ". ." not in text


def test_the_russian_html_page_has_no_english_word_and_says_it_is_russian():
    progress = (REFERENCE / "progress.json").read_text(encoding="utf-8")
    args = ["report", "--lang", "ru", "--as-of", "2026-12-01", "--format", "html"]
    for extra, stdin in (([], ""), (["--observations", "-"], progress)):
        code, page, _ = run([*args, *extra], stdin)
        assert code == 0
        assert '<html lang="ru">' in page
        parser = _Text()
        parser.feed(page)
        assert latin_words(" ".join(parser.words)) == []
    assert '<html lang="en">' in render(as_of=dt.date(2026, 12, 1), fmt="html")


def test_your_observations_in_russian():
    progress = (REFERENCE / "progress.json").read_text(encoding="utf-8")
    code, text, _ = run(
        ["report", "--lang", "ru", "--as-of", "2025-03-01", "--observations", "-"], progress
    )
    assert code == 0
    assert f"ещё 7{NBSP}000{NBSP}000{NBSP}000{NBSP}₸ к 31 декабря 2025{NNBSP}г." in text
    assert f"Учитываются только хабы площадью не более 15{NBSP}000{NBSP}м²." in text
    assert f"на 57,0{NBSP}% ниже линейной траектории" in text
    assert "Итого: в графике — 2, под угрозой — 3" in text
    assert latin_words(text) == []


def test_russian_charts_are_written_as_svg_files(tmp_path):
    args = ["--as-of", "2026-12-01", "--format", "json", "--charts", str(tmp_path)]
    code, _, _ = run(["report", "--lang", "ru", *args])
    assert code == 0
    drawing = (tmp_path / "venture-fund.svg").read_text(encoding="utf-8")
    assert "путь к цели" in drawing
    assert "путь при объявлении" in drawing


# -- errors ---------------------------------------------------------------------------


def test_an_unknown_language_is_refused():
    for fmt in ("text", "json"):
        code, text, err = run(["report", "--lang", "xx", "--format", fmt])
        assert (code, text) == (2, "")
        assert err == "creative-city: lang = 'xx': must be one of en, ru\n"


def test_without_babel_russian_names_the_install_command(monkeypatch):
    for name in [n for n in sys.modules if n == "babel" or n.startswith("babel.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "babel", None)  # import babel now fails
    monkeypatch.delitem(sys.modules, "creative_city.programme.localised", raising=False)
    languages.language.cache_clear()
    try:
        code, text, err = run(["report", "--lang", "ru", "--as-of", "2026-12-01"])
        assert (code, text) == (2, "")
        assert "pip install 'creative-city[i18n]'" in err
        assert "Traceback" not in err
        # English and JSON need no Babel.
        assert run(["report", "--as-of", "2026-12-01"])[0] == 0
        assert run(["report", "--lang", "ru", "--format", "json", "--as-of", "2026-12-01"])[0] == 0
    finally:
        languages.language.cache_clear()
