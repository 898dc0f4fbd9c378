"""``record_repr``: the same text as attrs' generated ``__repr__``, for every class.

The library's attrs classes share one ``__repr__`` (creative_city._records) instead of
having attrs compile one per class at import. These tests hold it to attrs' own
generated repr, built for each class with attrs' repr generator, on real objects (every
attrs object in the conformance vectors' inputs and results, and objects from the
public hypothesis strategies), and check that no class was left with a generated one.
"""

from __future__ import annotations

import importlib
import pkgutil

import attrs
import pytest
from attr._make import _add_repr  # attrs' own repr generator, to compare against
from hypothesis import given
from hypothesis import strategies as st

import creative_city
from _vectors import vector_objects
from creative_city._records import record_repr
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
