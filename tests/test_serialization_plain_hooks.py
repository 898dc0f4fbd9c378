"""The plain structure hook for attrs classes agrees with cattrs' generated code.

Each attrs class is first built by a plain loop (no code generation, cheap to set up)
and by cattrs' generated and compiled code after ``_GENERATE_AFTER`` calls. Answers
must not depend on which one ran, so these tests compare the two on every class the
oracle builds, with the documents of the conformance vectors and with random
mutations of them: same objects, or the same library error (type, field, value, rule).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable

import attrs
from hypothesis import given
from hypothesis import strategies as st

from _vectors import VECTORS, vector_objects
from creative_city import serialization
from creative_city.oracle import evaluate, operations
from creative_city.serialization import (
    _converter,
    _plain_attrs_structure,
    _plain_attrs_unstructure,
    _translate,
    tag_value,
    tagged_union_tag,
)


def _uses_plain_hook(cls: type) -> bool:
    hook = _converter.get_structure_hook(cls)
    return hook.__qualname__.startswith("_tiered.")


def _walk(kind: typing.Any, data: object, found: list[tuple[type, dict[str, object]]]) -> None:
    """Collect (attrs class, its JSON object) pairs from a document of type *kind*."""
    tag = tagged_union_tag(kind)
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if tag is not None and isinstance(data, dict):
        by_tag = {tag_value(member): member for member in args}
        member = by_tag.get(data.get(tag))
        if member is not None:
            _walk(member, {k: v for k, v in data.items() if k != tag}, found)
    elif attrs.has(kind) and isinstance(data, dict):
        if _uses_plain_hook(kind):
            found.append((kind, data))
        attrs.resolve_types(kind)
        for field in attrs.fields(kind):
            if field.name in data:
                _walk(field.type, data[field.name], found)
    elif origin in (typing.Union, types.UnionType):
        for arg in args:
            if arg is not type(None):
                _walk(arg, data, found)
    elif isinstance(data, list) and args:
        fixed = origin is tuple and not (len(args) == 2 and args[1] is Ellipsis)
        for index, item in enumerate(data):
            if fixed and index >= len(args):
                break
            _walk(args[index] if fixed else args[0], item, found)
    elif isinstance(data, dict) and len(args) == 2:
        for value in data.values():
            _walk(args[1], value, found)


def _pairs() -> list[tuple[type, dict[str, object]]]:
    found: list[tuple[type, dict[str, object]]] = []
    for vector in VECTORS:
        operation = operations()[vector["operation"]]
        _walk(operation.input_type, vector["input"], found)
    return found


PAIRS = _pairs()


def _outcome(build: Callable[[], object]) -> tuple[object, ...]:
    try:
        return ("built", build())
    except Exception as error:  # noqa: BLE001 - compared, not handled
        translated = _translate(error, "$")
        return (type(translated).__name__, translated.field, str(translated))


def _both(cls: type, data: object) -> tuple[tuple[object, ...], tuple[object, ...]]:
    plain = _plain_attrs_structure(_converter, cls)
    assert plain is not None
    generated = _converter.gen_structure_attrs_fromdict(cls)
    return _outcome(lambda: plain(data, cls)), _outcome(lambda: generated(data, cls))


def test_the_vectors_reach_many_classes():
    classes = {cls for cls, _ in PAIRS}
    assert len(classes) >= 40, sorted(cls.__name__ for cls in classes)


def test_plain_and_generated_agree_on_the_vectors():
    for cls, data in PAIRS:
        plain, generated = _both(cls, data)
        assert plain == generated, (cls.__name__, data)


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.sampled_from(["", "x", "1", "2022-10-01", "KZT", "1.5"])
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=6,
)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[type, object]:
    cls, data = draw(st.sampled_from(PAIRS))
    document: dict[str, object] = dict(data)
    keys = sorted(document)
    change = draw(st.sampled_from(["drop", "add", "set", "replace", "several"]))
    if change == "replace":
        return cls, draw(JSON)
    for _ in range(draw(st.integers(2, 4)) if change == "several" else 1):
        step = change if change != "several" else draw(st.sampled_from(["drop", "add", "set"]))
        if step == "drop" and keys:
            document.pop(draw(st.sampled_from(keys)), None)
        elif step == "set" and keys:
            document[draw(st.sampled_from(keys))] = draw(JSON)
        else:
            document[draw(st.sampled_from(["zz", "extra", "type"]))] = draw(JSON)
    return cls, document


@given(mutated())
def test_plain_and_generated_agree_on_mutated_documents(case):
    """Missing keys, unknown keys, values of the wrong shape, documents that are not
    objects: the plain hook reports the same first error as the generated code."""
    cls, data = case
    plain, generated = _both(cls, data)
    assert plain == generated


def test_plain_and_generated_unstructure_agree_on_every_result():
    """Every attrs object in every vector's input and result gives the same JSON data
    through the plain unstructure hook as through cattrs' generated one."""
    checked = set()
    for instance in vector_objects():
        cls = type(instance)
        if not _converter.get_unstructure_hook(cls).__qualname__.startswith("_tiered."):
            continue
        plain = _plain_attrs_unstructure(_converter, cls)
        assert plain is not None
        generated = _converter.gen_unstructure_attrs_fromdict(cls)
        assert plain(instance) == generated(instance), cls.__name__
        checked.add(cls)
    assert len(checked) >= 60, sorted(cls.__name__ for cls in checked)


def test_answers_do_not_depend_on_which_hook_ran(monkeypatch):
    """Every vector again, with every class on its generated code from the first call."""
    monkeypatch.setattr(serialization, "_GENERATE_AFTER", 0)
    for vector in VECTORS:
        answer = evaluate({"operation": vector["operation"], "input": vector["input"]})
        expected = vector["expected"]
        if "output" in expected:
            assert answer.get("output") == expected["output"], vector["id"]
        else:
            error = answer["error"]
            assert (error["type"], error["field"]) == (
                expected["error"]["type"],
                expected["error"]["field"],
            ), vector["id"]


def test_generated_code_takes_over_after_the_threshold():
    @attrs.frozen
    class Counted:
        n: int

    hook = _converter.get_structure_hook(Counted)
    results = [hook({"n": i}, Counted) for i in range(serialization._GENERATE_AFTER + 3)]
    assert results == [Counted(i) for i in range(serialization._GENERATE_AFTER + 3)]
    # The closure now holds the generated function, which cattrs compiled for Counted.
    cells = {cell.cell_contents for cell in hook.__closure__ if callable(cell.cell_contents)}
    assert any(getattr(fn, "__name__", "") == "structure_Counted" for fn in cells)
