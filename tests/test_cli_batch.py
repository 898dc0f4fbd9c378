"""``creative-city eval --batch``: JSON Lines in, one canonical answer per line out."""

from __future__ import annotations

import io
import json
import select
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from _vectors import VECTORS
from creative_city.cli import _commands, main
from creative_city.oracle import evaluate_json


def request_line(vector: dict[str, object]) -> str:
    return json.dumps({"operation": vector["operation"], "input": vector["input"]})


def run_batch(text: str) -> tuple[int, list[str], str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["eval", "--batch", "-"], stdout=out, stderr=err, stdin=io.StringIO(text))
    return code, out.getvalue().splitlines(), err.getvalue()


def agrees_with_vector(answer_text: str, vector: dict[str, object]) -> bool:
    # The comparison docs/oracle.md prescribes for other implementations.
    answer = json.loads(answer_text)
    expected = vector["expected"]
    assert isinstance(expected, dict)
    if "output" in expected:
        return "error" not in answer and answer["output"] == expected["output"]
    return "output" not in answer and all(
        answer["error"][key] == expected["error"][key] for key in ("type", "field")
    )


def test_every_conformance_vector_in_one_batch():
    lines = [request_line(vector) for vector in VECTORS]
    code, answers, err = run_batch("\n".join(lines) + "\n")
    assert err == ""
    assert len(answers) == len(VECTORS)
    for answer, vector in zip(answers, VECTORS, strict=True):
        assert agrees_with_vector(answer, vector), vector["id"]
    # Some vectors expect errors, so the batch as a whole exits 2.
    assert code == (2 if any("error" in v["expected"] for v in VECTORS) else 0)


JUNK = st.sampled_from(
    [
        "",
        "   ",
        "{not json",
        "[]",
        '{"operation": "no.such", "input": {}}',
        '{"operation": "money.allocate", "input": {"amount": 1}}',
        '{"operation": "money.allocate", "input": {}, "extra": 1}',
    ]
)


@given(
    st.lists(
        st.one_of(st.integers(0, len(VECTORS) - 1), JUNK),
        max_size=12,
    ),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
)
def test_answers_match_single_evaluation_in_order(items, newline, final_newline):
    """Line i of the output answers line i of the input, whatever came before, and
    whatever the line ends: a vector's answer agrees with its expected value, and
    every answer is evaluate_json's for the line without its end."""
    lines = [request_line(VECTORS[item]) if isinstance(item, int) else item for item in items]
    # An empty last line exists only if a line end follows it.
    final_newline = final_newline or (bool(lines) and lines[-1] == "")
    text = newline.join(lines) + (newline if final_newline and lines else "")
    code, answers, _ = run_batch(text)
    assert len(answers) == len(lines)
    oks = []
    for item, line, answer in zip(items, lines, answers, strict=True):
        expected_text, ok = evaluate_json(line)
        assert answer == expected_text
        if isinstance(item, int):
            assert agrees_with_vector(answer, VECTORS[item])
        oks.append(ok)
    assert code == (0 if all(oks) else 2)


def test_an_over_long_line_is_answered_without_being_held(monkeypatch):
    small = json.dumps(
        {
            "operation": "money.allocate",
            "input": {"amount": {"amount": "1", "currency": "KZT"}, "ratios": ["1"]},
        }
    )
    monkeypatch.setattr(_commands, "_MAX_INPUT_BYTES", len(small))
    long_line = '"' + "ж" * 200 + '"'  # 2 bytes per character in UTF-8
    code, answers, _ = run_batch(f"{long_line}\n{small}\n{long_line}")
    assert code == 2
    first, second, third = (json.loads(answer) for answer in answers)
    assert first["error"]["type"] == "ValidationError"
    assert first["error"]["field"] == "$"
    assert f"<{len(long_line.encode())} bytes>" in first["error"]["message"]
    assert f"at most {len(small)} bytes" in first["error"]["rule"]
    assert second["output"]["shares"] == [{"amount": "1.00", "currency": "KZT"}]
    assert third == first  # the last line, without a newline, counts the same


def test_a_line_at_the_limit_is_evaluated(monkeypatch):
    line = json.dumps({"operation": "nope", "input": {}})
    monkeypatch.setattr(_commands, "_MAX_INPUT_BYTES", len(line))
    code, answers, _ = run_batch(line + "\n")
    assert code == 2
    assert json.loads(answers[0])["error"]["field"] == "$.operation"


def test_empty_input_gives_no_answers_and_success():
    assert run_batch("") == (0, [], "")


def test_from_a_file_and_a_missing_file(tmp_path):
    path = tmp_path / "requests.jsonl"
    path.write_text(request_line(VECTORS[0]) + "\n", encoding="utf-8")
    out = io.StringIO()
    assert main(["eval", "--batch", str(path)], stdout=out) in (0, 2)
    assert agrees_with_vector(out.getvalue().splitlines()[0], VECTORS[0])
    err = io.StringIO()
    assert main(["eval", "--batch", str(tmp_path / "nope.jsonl")], stderr=err) == 2
    assert "cannot read" in err.getvalue()


def test_a_lone_carriage_return_is_whitespace_not_a_line_end(tmp_path):
    path = tmp_path / "requests.jsonl"
    line = request_line(VECTORS[0]).replace(", ", ",\r", 1)
    assert "\r" in line
    path.write_bytes((line + "\r\n" + line + "\n").encode())
    out = io.StringIO()
    main(["eval", "--batch", str(path)], stdout=out)
    answers = out.getvalue().splitlines()
    assert len(answers) == 2
    assert all(agrees_with_vector(answer, VECTORS[0]) for answer in answers)


def test_a_line_that_is_not_utf8_is_answered_alone(tmp_path):
    path = tmp_path / "requests.jsonl"
    path.write_bytes(b'{"operation": "\xff"}\n' + request_line(VECTORS[0]).encode() + b"\n")
    out, err = io.StringIO(), io.StringIO()
    assert main(["eval", "--batch", str(path)], stdout=out, stderr=err) == 2
    first, second = out.getvalue().splitlines()
    assert json.loads(first)["error"]["rule"] == "the request is not UTF-8 text"
    assert agrees_with_vector(second, VECTORS[0])
    assert err.getvalue() == ""


@pytest.mark.skipif(sys.platform == "win32", reason="select() on pipes is POSIX only")
def test_each_answer_is_flushed_before_the_next_request_is_read():
    """Another implementation can keep one process and talk to it line by line."""
    with subprocess.Popen(
        [sys.executable, "-m", "creative_city", "eval", "--batch", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdin is not None
        assert process.stdout is not None
        for vector in VECTORS[:3]:
            process.stdin.write(request_line(vector) + "\n")
            process.stdin.flush()
            ready, _, _ = select.select([process.stdout], [], [], 60)
            assert ready, "no answer while the process waits for the next request"
            assert agrees_with_vector(process.stdout.readline(), vector)
        process.stdin.close()
        process.wait(timeout=60)
    assert process.returncode in (0, 2)
