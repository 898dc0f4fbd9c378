"""The words the data carries, for the catalogues: a Babel extraction method.

The report's own messages are found in the code by Babel's Python extractor. The
programme (``data.py``) and the built-in published figures (``observations.json``)
carry words of their own (target titles, barriers, figures' words, universes), which
the report shows through :meth:`~creative_city.programme.language.Language.data`.
:func:`extract` gives them to ``pybabel extract``, each under a context saying what it
is, with a note for the translator (for a target, the source article's sentence):
``pyproject.toml`` maps it onto those two files (``[tool.babel]``).

>>> import io
>>> found = list(extract(io.BytesIO(), (), (), {"kind": "programme"}))
>>> [message for _, _, message, _ in found if message[0] == "barrier"][0]
('barrier', 'limited transport access')
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Mapping
from typing import IO

from creative_city.programme.data import almaty
from creative_city.programme.dataset import Dataset
from creative_city.programme.findings import levels, measure_words
from creative_city.serialization import from_json

__all__ = ["extract"]

_Message = tuple[int, str, tuple[str, ...], list[str]]
_BARE = frozenset("0123456789.,")


def _line(text: str, needle: str) -> int:
    """Return the line of *text* where *needle* first shows (1 if it does not)."""
    at = text.find(needle)
    return 1 if at < 0 else text.count("\n", 0, at) + 1


def _unit(unit: str) -> bool:
    """Return whether a unit is worded by the catalogue (a currency code and % are not)."""
    return bool(unit) and unit not in {"%", "x"} and not (unit.isupper() and len(unit) == 3)


def _programme(text: str) -> Iterator[_Message]:
    programme = almaty()
    yield _line(text, programme.name), "pgettext", ("programme", programme.name), []
    yield 1, "pgettext", ("place", programme.city), ["The programme's city."]
    yield 1, "pgettext", ("citation", programme.source.title), ["The programme's source."]
    for target in programme.targets:
        note = [f"A target, in the source's words where it has them: {target.source.quote}"]
        yield _line(text, target.title), "pgettext", ("target", target.title), note
        if _unit(target.unit):
            form = f"{{number}} {target.unit}"
            yield _line(text, target.title), "npgettext", ("unit", form, form), []
    for fact in programme.facts:
        note = [f"In the source's words: {fact.source.quote}"]
        yield _line(text, fact.title), "pgettext", ("fact", fact.title), note
        yield _line(text, fact.comparison), "pgettext", ("comparison", fact.comparison), []
    for barrier in programme.barriers:
        note = ["A barrier the source names (it lists three in one sentence)."]
        yield _line(text, barrier), "pgettext", ("barrier", barrier), note


def _dataset(text: str) -> Iterator[_Message]:
    dataset = from_json(text, Dataset)

    def at(words: str, context: str, note: str = "") -> _Message:
        return _line(text, json.dumps(words)), "pgettext", (context, words), [note] if note else []

    for universe in dataset.universes:
        yield at(universe.name, "universe name", "What a count counts (short).")
        yield at(universe.description, "universe description")
    for figure in dataset.figures:
        yield at(figure.place, "place")
        yield at(figure.about, "figure about", "What a published figure is about.")
        if not _BARE.issuperset(figure.text):
            note = "A published figure in its source's words; keep its precision."
            yield at(figure.text, "figure text", note)
        if figure.note:
            yield at(figure.note, "figure note", "What the source says around the figure.")
        if _unit(figure.unit):
            form = f"{{number}} {figure.unit}"
            yield _line(text, json.dumps(figure.unit)), "npgettext", ("unit", form, form), []
        for citation in (figure.source, *figure.also):
            if citation.published_text:
                yield at(citation.published_text, "citation date", "A publication date in words.")
            if citation.via:
                yield at(citation.via, "source", "The primary source a publisher cites.")
    for level in levels(dataset.figures):
        words = measure_words(level)
        yield 1, "pgettext", ("measure", words), ["What a series measures, and where."]


def extract(
    fileobj: IO[bytes],
    keywords: Mapping[str, object],
    comment_tags: Collection[str],
    options: Mapping[str, object],
) -> Iterator[_Message]:
    """Yield the data's words for Babel: ``(line, keyword, (context, words...), notes)``.

    Args:
        fileobj: The data file (``data.py`` or ``observations.json``).
        keywords: Babel's keywords (unused: the messages are the data's).
        comment_tags: Babel's comment tags (unused).
        options: The mapping's options; ``kind`` is ``programme`` or ``dataset`` (by
            default, chosen by the file's name).
    """
    del keywords, comment_tags
    text = fileobj.read().decode("utf-8")
    name = str(getattr(fileobj, "name", ""))
    kind = options.get("kind") or ("dataset" if name.endswith(".json") else "programme")
    yield from _dataset(text) if kind == "dataset" else _programme(text)
