"""The parts of the conformance runner: comparison, answers, vectors, pipes, progress."""

from __future__ import annotations

import copy
import io
import json
import pathlib
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from creative_city.cli import main
from creative_city.conformance import process
from creative_city.conformance.compare import (
    MISSING,
    Verdict,
    _step,
    expectation,
    first_difference,
    judge,
)
from creative_city.conformance.protocol import parse_answer
from creative_city.conformance.runner import check
from creative_city.conformance.vectors import directory_of, load_vectors, matches, save_vector

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 5)
    | st.text(max_size=3)
    | st.sampled_from(["0.01", "KZT"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=12,
)


def at(document, path_steps):
    for step in path_steps:
        document = document[step]
    return document


def places(document, prefix=()):
    # Every (path, value) below *document*, the document itself first.
    yield prefix, document
    if isinstance(document, dict):
        for key, value in document.items():
            yield from places(value, (*prefix, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            yield from places(value, (*prefix, index))


@given(JSON)
def test_a_value_never_differs_from_itself_or_its_json_copy(value):
    assert first_difference(value, value) is None
    assert first_difference(value, json.loads(json.dumps(value))) is None


@given(JSON, st.data())
def test_a_changed_value_is_found_where_it_was_changed(value, data):
    where, old = data.draw(st.sampled_from(list(places(value))))
    new = data.draw(JSON.filter(lambda candidate: first_difference(old, candidate) is not None))
    changed = copy.deepcopy(value)
    if where:
        at(changed, where[:-1])[where[-1]] = new
    else:
        changed = new
    found = first_difference(value, changed)
    assert found is not None
    # Everything else is equal: the difference lies at the change or below it.
    place = "$" + "".join(_step(step) for step in where)
    assert found.path == place or found.path.startswith((place + ".", place + "[")), (place, found)


def test_numbers_compare_by_value_but_booleans_are_not_numbers():
    assert first_difference({"n": 1}, {"n": 1.0}) is None
    assert first_difference([True], [1]).path == "$[0]"
    assert first_difference({"a": None}, {}).actual is MISSING


def test_judge_outputs_errors_and_not_implemented():
    output = {"output": {"rate": "0.1"}}
    assert judge(output, {"output": {"rate": "0.1"}}) == (Verdict.PASS, None)
    verdict, difference = judge(output, {"error": {"type": "ValidationError", "field": "$"}})
    assert verdict is Verdict.FAIL
    assert difference.path == "$.output"
    error = {"error": {"type": "ValidationError", "field": "$.input.on"}}
    answer = {"error": {"type": "ValidationError", "field": "$.input.on", "message": "other"}}
    assert judge(error, answer) == (Verdict.PASS, None)
    verdict, difference = judge(
        error, {"error": {"type": "InvalidTypeError", "field": "$.input.on"}}
    )
    assert (verdict, difference.path) == (Verdict.FAIL, "$.error.type")
    assert judge(error, {"output": {}})[1].path == "$.error"
    assert judge(error, {"error": {"type": "NotImplemented"}}) == (Verdict.SKIP, None)
    reference = {
        "operation": "x.y",
        "error": {"type": "T", "field": "f", "rule": "r", "message": "m"},
    }
    assert expectation(reference) == {"error": {"type": "T", "field": "f"}}


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b"\xff\xfe", "not UTF-8"),
        (b"{", "not JSON"),
        (b'{"output": NaN}', "not JSON"),
        (b"[1]", "not a JSON object"),
        (b'{"operation": "a.b"}', "an answer holds exactly one of output and error"),
        (b'{"output": {}, "error": {}}', "an answer holds exactly one of output and error"),
        (b'{"error": "oops"}', "an error is an object with a string type"),
        (b'{"operation": "c.d", "output": {}}', "answers another request"),
    ],
)
def test_garbage_answers_say_why(line, reason):
    answer, why = parse_answer(line, "a.b")
    assert answer is None
    assert why.startswith(reason)


def test_an_answer_without_operation_is_taken_as_this_requests():
    assert parse_answer(b'{"output": {"x": 1}}', "a.b") == ({"output": {"x": 1}}, "")


def test_operation_globs():
    assert matches("fund.xirr", "money.*, fund.*")
    assert not matches("fund.xirr", "fund.x")
    assert load_vectors(operations="fund.xirr") == [
        vector for vector in load_vectors() if vector.operation == "fund.xirr"
    ]


def test_saved_vectors_land_where_the_shipped_ones_of_their_operation_live(tmp_path):
    assert directory_of("fund.xirr") == "venture"
    assert directory_of("tourism.growth") == "tourism"
    path = save_vector(
        tmp_path,
        operation="fund.xirr",
        input_document={"flows": []},
        expected={"error": {"type": "ValidationError", "field": "$.input.flows"}},
        description="d",
    )
    (vector,) = load_vectors(tmp_path)
    assert path == tmp_path / f"{vector.id}.json"
    assert vector.id.startswith("venture/fuzz-")
    assert vector.source is None
    assert set(json.loads(path.read_text())) == {
        "id",
        "description",
        "operation",
        "input",
        "expected",
        "source",
    }


def test_the_threaded_pipes_work_as_the_selected_ones(monkeypatch):
    # Windows pipes cannot be selected: there, threads wait. Same verdicts.
    monkeypatch.setattr(process, "_POSIX", False)
    library = [sys.executable, "-m", "creative_city", "eval", "--batch", "-"]
    assert check(library, operations="tourism.*").ok
    script = pathlib.Path(__file__).parent / "implementations" / "misbehaving.py"
    hang = [sys.executable, str(script), "hang", "tourism.growth"]
    report = check(hang, operations="tourism.growth", timeout=0.5)
    assert report.results[0].verdict is Verdict.TIMEOUT


class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize(("stream", "shown"), [(Terminal, True), (io.StringIO, False)])
def test_a_progress_line_only_on_a_terminal(stream, shown):
    out, err = io.StringIO(), stream()
    library = f"{sys.executable} -m creative_city eval --batch -"
    code = main(
        ["conformance", "--against", library, "--operations", "tourism.growth"],
        stdout=out,
        stderr=err,
    )
    assert code == 0
    assert ("[11/11] tourism/" in err.getvalue()) is shown
    assert "\r" not in out.getvalue()
