"""``record_repr``, ``record_eq``, ``record_hash``: attrs' own behaviour, for every class.

The library's attrs classes share one ``__repr__`` and (except the core value types
compared in hot loops) one ``__eq__`` and ``__hash__`` (creative_city._records) instead
of having attrs compile them per class at import. These tests hold them to attrs' own
generated methods, built for each class with attrs' generators, on real objects (every
attrs object in the conformance vectors' inputs and results, and objects from the
public hypothesis strategies), and check that no class was left with generated ones.
"""

from __future__ import annotations

import importlib
import math
import pkgutil

import attrs
import pytest
from attr._make import _add_eq, _add_hash, _add_repr  # attrs' generators, for comparison
from hypothesis import given
from hypothesis import strategies as st

import creative_city
from _vectors import vector_objects
from creative_city._records import record_eq, record_hash, record_methods, record_repr
from creative_city.testing import strategies as ccst


def _modules() -> list[object]:
    return [
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages(creative_city.__path__, "creative_city.")
        if info.name != "creative_city.__main__"  # runs the command line
    ]


def _attrs_classes() -> list[type]:
    found = {}
    for module in _modules():
        for value in vars(module).values():
            if isinstance(value, type) and attrs.has(value) and value.__module__ == module.__name__:
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return [found[name] for name in sorted(found)]


def _generated_repr(cls: type) -> object:
    holder = _add_repr(type(cls.__name__, (), {}), attrs=attrs.fields(cls))
    return holder.__repr__


def test_no_class_keeps_a_generated_repr():
    """Every attrs class uses record_repr or writes its own __repr__ (a convention: a
    class that forgets it still prints the same, but costs its module a compile)."""
    classes = _attrs_classes()
    assert len(classes) > 150
    generated = [
        cls.__qualname__
        for cls in classes
        if cls.__repr__.__code__.co_filename.startswith("<attrs generated")
    ]
    assert generated == [], "add `__repr__ = record_repr` (creative_city._records) to these"


def test_the_same_text_as_attrs_on_every_vector_object():
    compared = set()
    for instance in vector_objects():
        cls = type(instance)
        if cls.__repr__ is record_repr:
            assert record_repr(instance) == _generated_repr(cls)(instance)
            compared.add(cls)
    assert len(compared) >= 60


@given(
    st.one_of(
        ccst.money(),
        ccst.rates(),
        ccst.exchange_rates(),
        ccst.intervals(),
        ccst.periods(),
        ccst.currency_objects(),
    )
)
def test_the_same_text_as_attrs_on_generated_objects(value):
    if type(value).__repr__ is record_repr:
        assert repr(value) == _generated_repr(type(value))(value)


@attrs.frozen
class Box:
    __repr__ = record_repr

    items: list[object]
    secret: str = attrs.field(default="s", repr=False)
    shown: int = attrs.field(default=7, repr=lambda n: f"<{n}>")


@attrs.frozen
class Later:
    __repr__ = record_repr

    x: int
    y: int = attrs.field(init=False, default=0)


@pytest.mark.parametrize(
    "value",
    [Box([1, "a"]), Box([]), Later(3)],
    ids=["fields", "empty", "init-false"],
)
def test_custom_field_reprs_hidden_fields_and_init_false(value):
    assert repr(value) == _generated_repr(type(value))(value)


def _boxes(shared: bool) -> type:
    @attrs.frozen
    class Box:
        if shared:
            __repr__ = record_repr

        items: list[object]

    return Box


def test_a_recursive_reference_is_shown_as_dots_as_attrs_does():
    shown = []
    for shared in (True, False):
        box = _boxes(shared)([])
        box.items.append(box)
        shown.append(repr(box))
    assert shown[0] == shown[1] == "Box(items=[...])"


# The core value types, compared and hashed in hot loops (tables keyed by period,
# money arithmetic checking currencies), keep attrs' generated __eq__ and __hash__:
# per call they are two to three times as fast as the shared ones.
KEEP_GENERATED_EQ = {
    "creative_city.money.Currency",
    "creative_city.money.ExchangeRates",
    "creative_city.money.Rate",
    "creative_city.time.Interval",
    "creative_city.time.Period",
}


def _is_generated(method: object) -> bool:
    code = getattr(method, "__code__", None)
    return code is not None and code.co_filename.startswith("<attrs generated")


def test_no_class_keeps_a_generated_eq_or_hash_unless_listed():
    """Every attrs class uses record_eq and record_hash, writes its own, or is a listed
    core value type (a convention: a class that forgets it still compares the same)."""
    generated = {
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in _attrs_classes()
        if _is_generated(cls.__eq__) or _is_generated(cls.__hash__)
    }
    assert generated == KEEP_GENERATED_EQ, (
        "add `__repr__, __eq__, __hash__ = record_methods` (creative_city._records) to "
        f"{sorted(generated - KEEP_GENERATED_EQ)}, or list a hot class here"
    )


def _generated_eq_and_hash(cls: type) -> tuple[object, object]:
    holder = type(cls.__name__, (), {})
    _add_eq(holder, attrs.fields(cls))
    _add_hash(holder, attrs.fields(cls))
    return holder.__eq__, holder.__hash__


def _hash_or_error(hasher: object, value: object) -> object:
    try:
        return hasher(value)  # type: ignore[operator]
    except TypeError:
        return TypeError


def _agree_with_attrs(a: object, b: object) -> None:
    generated_eq, generated_hash = _generated_eq_and_hash(type(a))
    assert record_eq(a, b) == generated_eq(a, b)
    assert (a == b) == generated_eq(a, b)
    assert (a != b) == (not generated_eq(a, b))
    # Hashes differ from attrs' (another seed) but fail alike and agree with equality.
    ours, theirs = _hash_or_error(record_hash, a), _hash_or_error(generated_hash, a)
    assert (ours is TypeError) == (theirs is TypeError)
    if a == b and ours is not TypeError:
        assert hash(a) == hash(b)


# The vectors' attrs objects that use record_eq, by class (collected once).
_OBJECTS: dict[type, list[object]] = {}


def _record_objects() -> dict[type, list[object]]:
    if not _OBJECTS:
        for instance in vector_objects():
            if type(instance).__eq__ is record_eq:
                _OBJECTS.setdefault(type(instance), []).append(instance)
    return _OBJECTS


def test_the_same_equality_as_attrs_on_every_vector_object():
    objects = _record_objects()
    assert len(objects) >= 60
    compared = unequal = 0
    for instances in objects.values():
        sample = instances[:12]
        for a in sample:
            _agree_with_attrs(a, a)
            _agree_with_attrs(a, attrs.evolve(a))
            for b in sample:
                _agree_with_attrs(a, b)
                compared += 1
                unequal += a != b
    assert unequal > 100  # the pairs are not all equal
    assert compared > 1000


@given(st.data())
def test_the_same_equality_as_attrs_on_pairs_of_vector_objects(data):
    objects = _record_objects()
    cls = data.draw(st.sampled_from(list(objects)))
    a = data.draw(st.sampled_from(objects[cls]))
    b = data.draw(st.sampled_from(objects[cls]))
    # The fields of b, one at a time, moved into a copy of a (when a's validators
    # accept the mix): equal exactly when every compared field is.
    field = data.draw(st.sampled_from([f for f in attrs.fields(cls) if f.init]))
    try:
        mixed = attrs.evolve(a, **{field.alias: getattr(b, field.name)})
    except (ValueError, TypeError):
        mixed = b
    _agree_with_attrs(a, mixed)
    _agree_with_attrs(mixed, a)


def _pair(shared: bool, **field_options: object) -> type:
    @attrs.frozen
    class Pair:
        if shared:
            __repr__, __eq__, __hash__ = record_methods

        a: object = attrs.field(**field_options)  # type: ignore[call-overload]
        b: object = 0

    return Pair


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"eq": False},
        {"eq": lambda value: str(value).lower()},
        {"hash": False},
        {"eq": False, "hash": True},
    ],
    ids=["plain", "eq-false", "eq-key", "hash-false", "hash-only"],
)
@pytest.mark.parametrize(
    ("first", "second"),
    [("X", "X"), ("X", "x"), ("X", "Y"), ("X", ["a"]), (["a"], ["a"])],
    ids=["same", "case", "different", "list", "lists"],
)
def test_field_options_are_honoured_as_attrs_honours_them(options, first, second):
    shared, generated = _pair(True, **options), _pair(False, **options)
    for b in (0, 1):
        ours, theirs = (shared(first), shared(second, b)), (generated(first), generated(second, b))
        assert (ours[0] == ours[1]) == (theirs[0] == theirs[1])
        hashes = [_hash_or_error(hash, value) for value in (*ours, *theirs)]
        assert [h is TypeError for h in hashes[:2]] == [h is TypeError for h in hashes[2:]]
        if TypeError not in hashes:
            # The same fields are hashed: equal hashes exactly when attrs' are.
            assert (hashes[0] == hashes[1]) == (hashes[2] == hashes[3])


def test_a_nan_field_is_unequal_to_itself_as_in_attrs():
    # attrs compares field by field with ==, so no identity shortcut: NaN != NaN.
    nan = math.nan
    for one_field in (True, False):
        shared, generated = _pair(True), _pair(False)
        values = (nan,) if one_field else (nan, nan)
        assert (shared(*values) == shared(*values)) == (generated(*values) == generated(*values))
        assert shared(*values) != shared(*values)


def test_only_the_same_class_compares_equal():
    @attrs.frozen
    class Other:
        __repr__, __eq__, __hash__ = record_methods

        a: object
        b: object = 0

    pair = _pair(True)

    @attrs.frozen
    class Child(pair):  # type: ignore[misc,valid-type]
        __repr__, __eq__, __hash__ = record_methods

    assert pair(1) == pair(1)
    assert pair(1) != Other(1)
    assert Other(1) != pair(1)
    assert record_eq(pair(1), Other(1)) is NotImplemented
    assert Child(1) == Child(1)
    assert Child(1) != pair(1)
    assert pair(1) != Child(1)


def test_a_class_without_fields():
    @attrs.frozen
    class Empty:
        __repr__, __eq__, __hash__ = record_methods

    assert Empty() == Empty()
    assert hash(Empty()) == hash(Empty())
    assert repr(Empty()) == "Empty()"
