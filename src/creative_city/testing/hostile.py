"""Hostile oracle documents: generated from the JSON Schemas, and byte-level mutations.

The rule they check (issue 14, rule 1): every document, whatever it holds, is answered
with the library's error or an output, never an exception and never an
``InternalError``. :func:`violation` says how an answer broke it (or ``None``).

The documents come from each operation's request schema: one walk over the schema
(:func:`from_schema`) makes the choices a document needs (which optional members,
how many items, which branch of a union, which characters of a pattern, which
integer) from a *chooser*. With hypothesis drawing the choices
(:func:`schema_documents`) a failing document shrinks; with a seeded
:class:`random.Random` (:func:`random_document`) a hundred thousand documents take
a few minutes (``benchmarks/bench_fuzz.py``). Integers favour the values that break
date and decimal arithmetic (the bounds and one past them, 0, 10**12, 2**63,
10**400) within the schema's bounds. :func:`mutated_documents` and :func:`mutate`
flip, cut and splice the bytes of valid requests.

``hypothesis-jsonschema`` is not used: its newest release (0.23.1) calls a hypothesis
internal (``many.more``) that hypothesis 6.170.9 and later no longer have, and the
test suite runs on the current hypothesis.
"""

from __future__ import annotations

import datetime as _dt
import json
import random
import re
import traceback
from collections.abc import Callable, Sequence
from typing import Any, Final, Protocol

from hypothesis import strategies as st

from creative_city.oracle import evaluate_json, operation_schema

__all__ = [
    "Chooser",
    "from_schema",
    "mutate",
    "mutated_documents",
    "random_document",
    "random_edits",
    "schema_documents",
    "splice",
    "spliced_documents",
    "violation",
]

_MAX_LIST: Final = 4
"""Lists drawn hold at most this many items (bounds over it are tested elsewhere)."""

_MAX_TEXT: Final = 12
"""Strings without a pattern hold at most this many characters (or their maxLength)."""

_UNBOUNDED: Final = 3
"""How many times ``*`` and ``+`` repeat at most in a pattern."""

_TRIES: Final = 200
"""How many strings a pattern with a lookahead makes before it keeps one that matches."""

_EDGES: Final = (0, 1, -1, 2, 10**12, -(10**12), 2**31, 2**63, -(2**63), 10**30, 10**400)
"""Integers that break date, C-integer and decimal arithmetic when they get that far."""

_LAST: Final = _dt.date.max.toordinal()
_DAYS: Final = tuple(
    _dt.date.fromisoformat(day).toordinal()
    for day in ("0001-01-01", "2024-02-29", "2024-03-01", "2025-01-01", "2030-12-31", "9999-12-31")
)
_OFFSETS: Final = ("Z", "+05:00", "+06:00", "-03:30", "+14:00", "-12:00")

_CHARACTERS: Final = "aZ0 -_.:/\"'\\\x00\t\n\u00e9\u0416\u20ac\U0001f600"
"""Characters for strings without a pattern: ASCII, escapes, Cyrillic, an emoji."""


class Chooser(Protocol):
    """Makes the choices of one document (hypothesis draws or a seeded random)."""

    def integer(self, low: int, high: int) -> int:
        """Return an integer from *low* to *high*, both included."""
        ...

    def seeded(self) -> Chooser:
        """Return a chooser for the many small choices of one value (a string's)."""
        ...


_SEED: Final = st.integers(0, 2**32 - 1)


class _Drawn:
    # Each choice of the document's shape is a hypothesis draw, so a failing document
    # shrinks; a string's characters come from one drawn seed (hundreds of draws less).

    def __init__(self, draw: st.DrawFn) -> None:
        self._draw = draw
        self._ranges: dict[tuple[int, int], st.SearchStrategy[int]] = {}

    def integer(self, low: int, high: int) -> int:
        strategy = self._ranges.get((low, high))
        if strategy is None:
            strategy = self._ranges[low, high] = st.integers(low, high)
        return self._draw(strategy)

    def seeded(self) -> Chooser:
        return _Seeded(random.Random(self._draw(_SEED)))  # noqa: S311 - test data


def violation(data: bytes) -> str | None:
    """Return how the oracle's answer to the request *data* breaks rule 1, or ``None``.

    Bytes that are not UTF-8 are answered by the command line before the oracle (an
    error), so only text reaches :func:`~creative_city.oracle.evaluate_json` here.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    try:
        answer, ok = evaluate_json(text)
        parsed = json.loads(answer)
    except Exception:  # noqa: BLE001 - the violation itself: report it
        return "an exception escaped:\n" + traceback.format_exc()
    if ok:
        return None if "output" in parsed else f"ok without an output: {answer[:200]}"
    error = parsed.get("error", {})
    if error.get("type") == "InternalError":
        return f"InternalError: {answer[:300]}"
    if not str(error.get("field", "")).startswith("$"):
        return f"field is not a JSON path: {answer[:300]}"
    return None


def schema_documents(operation: str) -> st.SearchStrategy[bytes]:
    """Return a strategy of request documents valid under *operation*'s request schema."""
    return from_schema(operation_schema(operation)["request"]).map(_encode)


def from_schema(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Return a strategy of JSON data valid under *schema* (its ``$defs`` resolved)."""

    @st.composite
    def documents(draw: st.DrawFn) -> Any:  # noqa: ANN401 - any JSON data
        return _Walk(schema, _Drawn(draw)).value(schema)

    return documents()


def random_document(operation: str, rng: random.Random) -> bytes:
    """Return a request document valid under *operation*'s request schema, from *rng*."""
    schema = operation_schema(operation)["request"]
    return _encode(_Walk(schema, _Seeded(rng)).value(schema))


class _Seeded:
    def __init__(self, rng: random.Random) -> None:
        self._rng = rng

    def integer(self, low: int, high: int) -> int:
        return self._rng.randint(low, high)

    def seeded(self) -> Chooser:
        return self


class _Walk:
    """One document's walk over a schema, every choice made by a chooser."""

    def __init__(self, schema: dict[str, Any], chooser: Chooser) -> None:
        self._defs: dict[str, Any] = schema.get("$defs", {})
        self._choose = chooser
        self._depth = 0

    def _pick(self, options: Sequence[Any]) -> Any:  # noqa: ANN401 - any option
        return options[self._choose.integer(0, len(options) - 1)]

    def value(self, node: dict[str, Any]) -> Any:  # noqa: ANN401 - any JSON data
        if "$ref" in node:
            return self.value(self._defs[node["$ref"].rpartition("/")[2]])
        if "const" in node:
            return node["const"]
        if "enum" in node:
            return self._pick(node["enum"])
        for key in ("anyOf", "oneOf"):
            if key in node:
                # Keywords beside the options (a pattern on an optional string) hold too.
                beside = {k: v for k, v in node.items() if k != key}
                return self.value({**beside, **self._pick(node[key])})
        kind = node.get("type")
        if isinstance(kind, list):
            kind = self._pick(kind)
        maker = getattr(self, f"_{kind}", None) if isinstance(kind, str) else None
        return self._anything() if maker is None else maker(node)

    def _object(self, node: dict[str, Any]) -> dict[str, Any]:
        required = node.get("required", ())
        document = {}
        for key, value in node.get("properties", {}).items():
            # Required members always; each optional one half the time.
            if key in required or self._choose.integer(0, 1):
                document[key] = self.value(value)
        return document

    def _array(self, node: dict[str, Any]) -> list[Any]:
        if "prefixItems" in node:
            return [self.value(item) for item in node["prefixItems"]]
        low = node.get("minItems", 0)
        high = max(low, min(node.get("maxItems", _MAX_LIST), _MAX_LIST))
        item = node.get("items", {})
        return [self.value(item) for _ in range(self._choose.integer(low, high))]

    def _string(self, node: dict[str, Any]) -> str:
        if node.get("format") in ("date", "date-time") and self._choose.integer(0, 1):
            return self._calendar(node["format"])
        chooser = self._choose.seeded()
        if "pattern" in node:
            return self._pattern(node["pattern"]).make(chooser)
        low = node.get("minLength", 0)
        high = max(low, min(node.get("maxLength", _MAX_TEXT), _MAX_TEXT))
        return "".join(
            _CHARACTERS[chooser.integer(0, len(_CHARACTERS) - 1)]
            for _ in range(chooser.integer(low, high))
        )

    def _pattern(self, pattern: str) -> _Pattern:
        made = _PATTERNS.get(pattern)
        if made is None:
            made = _PATTERNS[pattern] = _Pattern(pattern)
        return made

    def _calendar(self, form: str) -> str:
        # Half the dates (and datetimes) are real ones, so that requests get past their
        # first date: the calendar's ends, around today, or any day.
        day = _dt.date.fromordinal(
            self._pick(_DAYS) if self._choose.integer(0, 1) else self._choose.integer(1, _LAST)
        )
        if form == "date":
            return day.isoformat()
        seconds = self._choose.integer(0, 86_399)
        offset = self._pick(_OFFSETS)
        return f"{day.isoformat()}T{_dt.timedelta(seconds=seconds)!s:0>8}{offset}"

    def _integer(self, node: dict[str, Any]) -> int:
        low, high = node.get("minimum"), node.get("maximum")
        edges = [
            edge
            for edge in (*_EDGES, low, high, (low or 0) + 1, (high or 0) - 1)
            if edge is not None and (low is None or edge >= low) and (high is None or edge <= high)
        ]
        if self._choose.integer(0, 1):
            return int(self._pick(edges))
        return self._choose.integer(
            -(10**4) if low is None else low, 10**4 if high is None else high
        )

    def _number(self, node: dict[str, Any]) -> int | float:
        whole = self._integer(node)
        return whole + self._choose.integer(0, 3) / 4 if abs(whole) < 2**53 else whole

    def _boolean(self, _: dict[str, Any]) -> bool:
        return bool(self._choose.integer(0, 1))

    def _null(self, _: dict[str, Any]) -> None:
        return None

    def _anything(self) -> Any:  # noqa: ANN401 - any JSON data
        # A schema without a type (typing.Any): any small JSON value.
        self._depth += 1
        kind = self._choose.integer(0, 5 if self._depth < 3 else 3)
        self._depth -= 1
        makers: list[Callable[[], Any]] = [
            lambda: None,
            lambda: bool(self._choose.integer(0, 1)),
            lambda: self._integer({}),
            lambda: self._string({}),
            lambda: [self._anything() for _ in range(self._choose.integer(0, 2))],
            lambda: {self._string({}): self._anything() for _ in range(self._choose.integer(0, 2))},
        ]
        return makers[kind]()


_ESCAPES: Final = {
    "d": "0123456789",
    "s": " \t\n",
    "S": "aZ0-._:/\u0416\u20ac",
    "w": "aZ0_",
}
"""The characters a class escape stands for here (a few of each)."""

_PATTERNS: dict[str, _Pattern] = {}
"""Each pattern parsed once."""


class _Pattern:
    """The strings a regular expression matches, for the patterns the schemas use.

    Literals, escapes, classes (``[0-9]``, ``[+-]``), groups (``(...)``, ``(?:...)``)
    with alternatives and the quantifiers ``?``, ``*``, ``+``, ``{n}`` and ``{m,n}``;
    ``^`` and ``$`` are anchors. A lookahead (``(?=...)``, as in a decimal's range) makes
    nothing: a string made is kept if the whole pattern matches it, and made again if
    not (a few times).
    """

    def __init__(self, pattern: str) -> None:
        self._text = pattern
        self._at = 0
        self._tree = self._alternatives()
        self._whole = re.compile(pattern) if "(?=" in pattern else None

    def make(self, chooser: Chooser) -> str:
        made = _emit(self._tree, chooser)
        for _ in range(_TRIES):
            if self._whole is None or self._whole.search(made):
                break
            made = _emit(self._tree, chooser)
        return made

    def _alternatives(self) -> list[list[tuple[Any, int, int]]]:
        options = [self._sequence()]
        while self._at < len(self._text) and self._text[self._at] == "|":
            self._at += 1
            options.append(self._sequence())
        return options

    def _sequence(self) -> list[tuple[Any, int, int]]:
        items = []
        while self._at < len(self._text) and self._text[self._at] not in "|)":
            atom = self._atom()
            items.append((atom, *self._quantifier()))
        return items

    def _atom(self) -> Any:  # noqa: ANN401 - a tree node
        char = self._text[self._at]
        self._at += 1
        if char in "^$":  # an anchor: nothing to make
            return ""
        if char == "(":
            ahead = self._text.startswith("?=", self._at)
            self._at += 2 if self._text.startswith(("?:", "?="), self._at) else 0
            group = self._alternatives()
            self._at += 1  # the ")"
            return "" if ahead else group
        if char == "[":
            end = self._text.index("]", self._at + 1)
            body, self._at = self._text[self._at : end], end + 1
            return _class(body)
        if char == "\\":
            self._at += 1
            escaped = self._text[self._at - 1]
            return _ESCAPES.get(escaped, escaped)
        return char

    def _quantifier(self) -> tuple[int, int]:
        char = self._text[self._at] if self._at < len(self._text) else ""
        if char in ("?", "*", "+"):
            self._at += 1
            return {"?": (0, 1), "*": (0, _UNBOUNDED), "+": (1, _UNBOUNDED)}[char]
        if char == "{":
            end = self._text.index("}", self._at)
            low, _, high = self._text[self._at + 1 : end].partition(",")
            self._at = end + 1
            return int(low), int(high or low)
        return 1, 1


def _class(body: str) -> str:
    # The characters of a class body such as "0-9", "+-" or "A-Z" ("-" last is literal).
    characters: list[str] = []
    index = 0
    while index < len(body):
        if index + 2 < len(body) and body[index + 1] == "-":
            characters.extend(chr(c) for c in range(ord(body[index]), ord(body[index + 2]) + 1))
            index += 3
        else:
            characters.append(body[index])
            index += 1
    return "".join(characters)


def _emit(node: Any, chooser: Chooser) -> str:  # noqa: ANN401 - a tree node
    if isinstance(node, str):  # a literal (one character) or a class (its characters)
        return node[chooser.integer(0, len(node) - 1)] if len(node) > 1 else node
    option = node[chooser.integer(0, len(node) - 1)] if len(node) > 1 else node[0]
    return "".join(
        _emit(atom, chooser)
        for atom, low, high in option
        for _ in range(chooser.integer(low, high) if low != high else low)
    )


def spliced_documents(requests: Sequence[Any]) -> st.SearchStrategy[bytes]:
    """Return a strategy of *requests* (parsed) with a few values swapped for hostile ones.

    See :func:`splice`; the valid request around the swapped value takes it deep into
    the operation.
    """

    @st.composite
    def documents(draw: st.DrawFn) -> bytes:
        chooser = _Drawn(draw)
        return _encode(splice(requests[chooser.integer(0, len(requests) - 1)], chooser))

    return documents()


def splice(request: Any, chooser: Chooser) -> Any:  # noqa: ANN401 - any JSON data
    """Return a copy of *request* with one to three values swapped for hostile ones.

    An integer becomes an edge (0, -1, 10**12, 2**63, 10**400...), a string of digits
    gets more digits, a date string moves to the calendar's ends, a list loses or
    repeats an item, a member is dropped; the chooser picks the values and where.
    """
    document = json.loads(json.dumps(request))
    for _ in range(chooser.integer(1, 3)):
        places = list(_places(document, ()))
        if not places:
            break
        path = places[chooser.integer(0, len(places) - 1)]
        parent = document
        for key in path[:-1]:
            parent = parent[key]
        _swap(parent, path[-1], chooser)
    return document


def _places(data: Any, path: tuple[Any, ...]) -> Any:  # noqa: ANN401 - any JSON data
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*path, key)
            yield from _places(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield (*path, index)
            yield from _places(value, (*path, index))


def _swap(parent: Any, key: Any, chooser: Chooser) -> None:  # noqa: ANN401 - a container
    value = parent[key]
    how = chooser.integer(0, 3)
    if how == 0 and isinstance(parent, dict):
        del parent[key]
    elif how == 0 and isinstance(parent, list):
        parent.insert(key, json.loads(json.dumps(value)))
    elif isinstance(value, bool) or value is None:
        parent[key] = _EDGES[chooser.integer(0, len(_EDGES) - 1)]
    elif isinstance(value, int):
        parent[key] = _EDGES[chooser.integer(0, len(_EDGES) - 1)] + chooser.integer(-1, 1)
    elif isinstance(value, str):
        parent[key] = _hostile_text(value, chooser)
    elif isinstance(value, list) and value:
        del value[chooser.integer(0, len(value) - 1)]
    else:
        parent[key] = [] if isinstance(value, dict) else {}


def _hostile_text(text: str, chooser: Chooser) -> str:
    how = chooser.integer(0, 3)
    digits = [index for index, char in enumerate(text) if char.isdigit()]
    if how == 0 and digits:  # a longer number, a year past 9999
        at = digits[chooser.integer(0, len(digits) - 1)]
        return text[:at] + "9" * chooser.integer(1, 40) + text[at:]
    if how == 1 and len(text) >= 10 and text[4:5] == "-":  # the calendar's ends
        return ("0001-01-01", "9999-12-31")[chooser.integer(0, 1)] + text[10:]
    if how == 2:
        return ("", "0", "-0", "1e400", "NaN", "-1", "0.000000000000000000000000000001")[
            chooser.integer(0, 6)
        ]
    return text * chooser.integer(2, 50)


def _encode(document: Any) -> bytes:  # noqa: ANN401 - any JSON data
    return json.dumps(document, ensure_ascii=False).encode("utf-8", "surrogatepass")


def mutated_documents(seeds: Sequence[bytes]) -> st.SearchStrategy[bytes]:
    """Return a strategy of *seeds* with byte-level mutations: flips, cuts, splices."""
    return st.builds(mutate, st.sampled_from(list(seeds)), st.lists(_edits, max_size=4))


_KINDS: Final = ("flip", "delete", "insert", "duplicate", "truncate", "digit")
_PAYLOADS: Final = (b"9" * 40, b"-", b"null", b"[]", b"{}", b'"', b"\\u0000", b"\xff")

_edits = st.tuples(
    st.sampled_from(_KINDS),
    st.floats(0, 1, allow_nan=False),
    st.floats(0, 1, allow_nan=False),
    st.binary(min_size=1, max_size=8) | st.sampled_from(_PAYLOADS),
)


def random_edits(rng: random.Random) -> list[tuple[str, float, float, bytes]]:
    """Return up to four random byte-level edits for :func:`mutate`."""
    return [
        (
            rng.choice(_KINDS),
            rng.random(),
            rng.random(),
            rng.choice(_PAYLOADS) if rng.random() < 0.5 else rng.randbytes(rng.randint(1, 8)),
        )
        for _ in range(rng.randint(0, 4))
    ]


def mutate(seed: bytes, edits: list[tuple[str, float, float, bytes]]) -> bytes:
    """Return *seed* with *edits* applied: ``(kind, where, size, payload)`` each.

    Where and size are fractions (of the length, of 16 bytes); the kinds flip a byte,
    delete, insert the payload, duplicate a span, truncate, or insert a run of nines
    before a digit (huge numbers, dates past the calendar's ends).
    """
    data = bytearray(seed)
    for kind, where, size, payload in edits:
        at = int(where * len(data))
        span = max(1, int(size * 16))
        if kind == "flip" and data:
            data[min(at, len(data) - 1)] ^= payload[0] or 1
        elif kind == "delete":
            del data[at : at + span]
        elif kind == "insert":
            data[at:at] = payload
        elif kind == "duplicate":
            data[at:at] = data[at : at + span * 4]
        elif kind == "truncate":
            del data[at:]
        elif kind == "digit":
            found = next((i for i in range(at, len(data)) if 48 <= data[i] <= 57), None)
            if found is not None:
                data[found:found] = b"9" * span
    return bytes(data)
