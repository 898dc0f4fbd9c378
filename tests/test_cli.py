"""The command line: --version, --help, python -m."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from creative_city import __version__
from creative_city.cli import main


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip().startswith(f"creative-city {__version__} (tzdata ")


def test_help_without_arguments(capsys):
    assert main([]) == 0
    assert "creative-city" in capsys.readouterr().out


def test_python_dash_m():
    result = subprocess.run(
        [sys.executable, "-m", "creative_city", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "usage: creative-city" in result.stdout


def test_unknown_option_exits_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--no-such-option"])
    assert info.value.code == 2
    assert "unrecognized arguments" in capsys.readouterr().err


def run_cli(args, stdin_text=""):
    out, err = io.StringIO(), io.StringIO()
    code = main(args, stdout=out, stderr=err, stdin=io.StringIO(stdin_text))
    return code, out.getvalue(), err.getvalue()


REQUEST = {
    "operation": "money.allocate",
    "input": {"amount": {"amount": "100.00", "currency": "KZT"}, "ratios": ["1", "1", "1"]},
}


def test_eval_from_stdin_is_canonical():
    code, out, _ = run_cli(["eval", "-"], json.dumps(REQUEST, indent=4))
    assert code == 0
    assert out.endswith("\n")
    answer = json.loads(out)
    assert [s["amount"] for s in answer["output"]["shares"]] == ["33.34", "33.33", "33.33"]
    assert out == json.dumps(answer, sort_keys=True, separators=(",", ":")) + "\n"


def test_eval_from_file(tmp_path):
    path = tmp_path / "request.json"
    path.write_text(json.dumps(REQUEST))
    assert run_cli(["eval", str(path)])[0] == 0


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("{not json", "$"),
        ('{"operation": "no.such", "input": {}}', "$.operation"),
        ('{"operation": "money.allocate", "input": {"amount": 1}}', "$.input.amount"),
        ('{"operation": "money.allocate", "input": {}, "extra": 1}', "$.extra"),
        ("[]", "$"),
    ],
)
def test_bad_documents_give_an_error_document_and_exit_2(text, field):
    code, out, err = run_cli(["eval", "-"], text)
    assert code == 2
    assert err == ""
    assert json.loads(out)["error"]["field"] == field


def test_oversized_document_is_rejected():
    code, out, _ = run_cli(["eval", "-"], '{"a": "' + "x" * (17 * 1024 * 1024) + '"}')
    assert code == 2
    assert "bytes" in json.loads(out)["error"]["rule"]


def test_missing_file_is_a_usage_error():
    code, _, err = run_cli(["eval", "/no/such/file.json"])
    assert code == 2
    assert "cannot read" in err


def test_schema_lists_and_describes_operations():
    code, out, _ = run_cli(["schema"])
    assert code == 0
    assert "money.allocate" in json.loads(out)
    code, out, _ = run_cli(["schema", "money.allocate"])
    assert code == 0
    assert json.loads(out)["request"]["properties"]["operation"] == {"const": "money.allocate"}
    code, out, _ = run_cli(["schema", "no.such"])
    assert code == 2
