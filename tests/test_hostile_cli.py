"""Hostile input to the command line (issue 14): never a traceback, always an answer.

Every example of the issue's "Found" list that reaches the command line is here:
bytes that are not UTF-8, a closed stdin, ``report -o`` into a directory, ``--as-of``
in another form, ``--help`` of every subcommand, and a bug inside the library answered
as an ``InternalError`` while the batch goes on.
"""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys

import attrs
import pytest

from creative_city import cli
from creative_city.cli import EXIT_ERROR, EXIT_INTERNAL, EXIT_OK, build_parser, main
from creative_city.oracle import evaluate, evaluate_json

GOOD = json.dumps(
    {
        "operation": "money.allocate",
        "input": {"amount": {"amount": "100.00", "currency": "KZT"}, "ratios": ["1", "1"]},
    }
)


def run(args, stdin):
    out, err = io.StringIO(), io.StringIO()
    code = main(args, stdout=out, stderr=err, stdin=stdin)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("args", [["eval", "-"], ["eval", "--batch", "-"]])
def test_bytes_that_are_not_utf8_on_stdin_are_an_error_answer(args):
    code, out, err = run(args, io.BytesIO(b'{"operation": "\xff\xfe"}'))
    assert code == EXIT_ERROR
    error = json.loads(out)["error"]
    assert (error["type"], error["field"]) == ("ValidationError", "$")
    assert "not UTF-8" in error["rule"]
    assert "b'" not in error["message"]  # no Python repr of bytes
    assert err == ""


def test_a_bad_line_in_a_batch_loses_no_other_answer():
    lines = [GOOD.encode(), b"\xc3\x28", b"{", b"\x00", GOOD.encode(), b"\xed\xa0\x80"]
    code, out, _ = run(["eval", "--batch", "-"], io.BytesIO(b"\n".join(lines)))
    answers = [json.loads(line) for line in out.splitlines()]
    assert len(answers) == len(lines)
    assert code == EXIT_ERROR
    assert [("output" in answer) for answer in answers] == [
        True,
        False,
        False,
        False,
        True,
        False,
    ]


def test_report_observations_not_utf8_is_a_library_error():
    code, out, err = run(["report", "--observations", "-"], io.BytesIO(b"\xff{}"))
    assert (code, out) == (EXIT_ERROR, "")
    assert "standard input is not UTF-8 text" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "args", [["eval", "-"], ["eval", "--batch", "-"], ["report", "--observations", "-"]]
)
def test_a_closed_stdin_is_a_library_error(args):
    closed = io.BytesIO(b"")
    closed.close()
    for stdin in (closed, None):
        code, _, err = run(args, stdin) if stdin is not None else _run_without_stdin(args)
        assert code == EXIT_ERROR
        assert "standard input is closed" in err


def _run_without_stdin(args):
    result = subprocess.run(
        [sys.executable, "-m", "creative_city", *args],
        stdin=None,
        capture_output=True,
        check=False,
        text=True,
        pass_fds=(),
        preexec_fn=_close_stdin if sys.platform != "win32" else None,
    )
    return result.returncode, result.stdout, result.stderr


def _close_stdin():
    import os  # noqa: PLC0415

    os.close(0)


@pytest.mark.parametrize("where", ["dir", "missing"])
def test_report_output_into_a_directory_or_a_missing_one_is_a_usage_error(tmp_path, where):
    target = tmp_path if where == "dir" else tmp_path / "no" / "such" / "report.txt"
    code, _, err = run(["report", "--as-of", "2026-01-01", "-o", str(target)], io.BytesIO())
    assert code == EXIT_ERROR
    assert err.startswith("creative-city: --output ")
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "as_of", ["20301231", "2030-1-31", "2030-12-31T00:00", "\uff12\uff10\uff13\uff10-12-31"]
)
def test_as_of_is_exactly_yyyy_mm_dd(as_of):
    code, _, err = run(["report", "--as-of", as_of], io.BytesIO())
    assert code == EXIT_ERROR
    assert "must be a date YYYY-MM-DD" in err


def test_as_of_in_the_right_form_is_accepted():
    code, out, _ = run(["report", "--as-of", "2030-12-31", "--format", "json"], io.BytesIO())
    assert code == EXIT_OK
    assert json.loads(out)


def _subcommands():
    parser = build_parser()
    actions = [a for a in parser._actions if a.dest == "command"]
    return sorted(actions[0].choices)


@pytest.mark.parametrize("command", [[], *[[name] for name in _subcommands()]])
def test_every_subcommand_prints_help_and_exits_0(command, capsys):
    with pytest.raises(SystemExit) as info:
        main([*command, "--help"])
    assert info.value.code == 0
    assert "usage: creative-city" in capsys.readouterr().out


def _broken(_request):
    message = "a planted bug"
    raise KeyError(message)


@pytest.fixture
def planted_bug(monkeypatch):
    """Make money.allocate fail the way a bug would (a non-library exception)."""
    from creative_city import oracle  # noqa: PLC0415

    table = oracle._part_operations("money")
    monkeypatch.setitem(table, "money.allocate", attrs.evolve(table["money.allocate"], run=_broken))


@pytest.mark.usefixtures("planted_bug")
def test_a_bug_is_an_internal_error_document():
    document = json.loads(GOOD)
    answer = evaluate(document)
    error = answer["error"]
    assert answer["operation"] == "money.allocate"
    assert (error["type"], error["field"]) == ("InternalError", "$")
    assert "please report it" in error["rule"]
    canonical = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert hashlib.sha256(canonical.encode()).hexdigest() in error["message"]
    text, ok = evaluate_json(GOOD)
    assert not ok
    assert json.loads(text) == answer


@pytest.mark.usefixtures("planted_bug")
def test_a_bug_in_a_batch_goes_on_and_exits_3():
    other = json.dumps({"operation": "money.convert", "input": {}})
    stdin = io.BytesIO(f"{GOOD}\n{other}\n{GOOD}\n".encode())
    code, out, err = run(["eval", "--batch", "-"], stdin)
    answers = [json.loads(line) for line in out.splitlines()]
    assert [a["error"]["type"] for a in answers] == [
        "InternalError",
        "ValidationError",
        "InternalError",
    ]
    assert code == EXIT_INTERNAL
    assert err == ""  # no traceback without --debug


@pytest.mark.usefixtures("planted_bug")
def test_debug_prints_the_traceback():
    code, out, err = run(["eval", "--debug", "-"], io.BytesIO(GOOD.encode()))
    assert code == EXIT_INTERNAL
    assert json.loads(out)["error"]["type"] == "InternalError"
    assert "Traceback" in err
    assert "a planted bug" in err


def test_a_bug_outside_the_oracle_is_a_message_and_exit_3(monkeypatch):
    def broken(*_args, **_kwargs):
        message = "a planted bug"
        raise RuntimeError(message)

    monkeypatch.setattr(cli, "_command_schema", broken)
    code, _, err = run(["schema"], io.BytesIO())
    assert code == EXIT_INTERNAL
    assert "internal error (RuntimeError)" in err
    assert "Traceback" not in err
    code, _, err = run(["--debug", "schema"], io.BytesIO())
    assert code == EXIT_INTERNAL
    assert "Traceback" in err
