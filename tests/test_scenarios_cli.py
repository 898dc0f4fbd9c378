"""`creative-city sweep`: the examples run, the bytes are stable, bad specs exit 2."""

from __future__ import annotations

import io
import json
import pathlib
import sys

import pytest

from creative_city.cli import main

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "sweeps"


def run(*args: str, stdin: str = "", tty: bool = False) -> tuple[int, str, str]:
    out = io.StringIO()
    err = _Terminal() if tty else io.StringIO()
    code = main(["sweep", *args], stdout=out, stderr=err, stdin=io.StringIO(stdin))
    return code, out.getvalue(), err.getvalue()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("name", "events"),
    [
        ("services-exports-2030", ["target met by 2030", "on track in 2027"]),
        ("venture-fund-dpi-by-year-10", ["dpi >= 1 by year 10", "tvpi >= 1.5 by year 12"]),
        ("hubs-open-by-2027", ["hubs-2030 met", "open_early = 5"]),
    ],
)
def test_each_example_answers_its_question(name, events):
    code, out, err = run(str(EXAMPLES / f"{name}.json"), "--samples", "30")
    assert (code, err) == (0, "")
    assert out.startswith(f"{name}: ")
    assert "30 samples per cell, seed 2022" in out
    for event in events:
        assert event in out
    assert "P5" in out


def test_json_output_is_the_same_bytes_on_one_process_or_two():
    spec = str(EXAMPLES / "hubs-open-by-2027.json")
    args = ("--samples", "20", "--seed", "7", "--format", "json")
    code, here, _ = run(spec, *args)
    assert code == 0
    assert run(spec, *args)[1] == here
    assert run(spec, *args, "--workers", "2", "--chunk-size", "9")[1] == here
    document = json.loads(here)
    assert (document["seed"], document["samples"]) == (7, 20)
    assert document["cells"][0]["grid"] == {"open_early": "2"}
    assert run(spec, "--samples", "20", "--seed", "8", "--format", "json")[1] != here


def test_the_spec_can_come_from_stdin():
    text = (EXAMPLES / "hubs-open-by-2027.json").read_text()
    code, out, _ = run("-", "--samples", "5", stdin=text)
    assert code == 0
    assert "hubs-2030 met" in out


def test_progress_shows_on_a_terminal_only():
    spec = str(EXAMPLES / "hubs-open-by-2027.json")
    assert run(spec, "--samples", "10")[2] == ""
    code, _, err = run(spec, "--samples", "10", tty=True)
    assert code == 0
    assert "70/70 samples" in err
    assert err.endswith("\n")


def test_a_bad_spec_exits_2_naming_the_path_and_the_rule():
    document = json.loads((EXAMPLES / "venture-fund-dpi-by-year-10.json").read_text())
    document["parameters"]["growth"]["low"] = "-1.000"
    code, out, err = run("-", stdin=json.dumps(document))
    assert (code, out) == (2, "")
    assert err == (
        "creative-city: $.parameters.growth = '-1.000': can be drawn, but the fund_projection "
        "model needs growth above -1 and at most 10 (the yearly growth of NAV)\n"
    )


def test_bad_json_and_missing_files_exit_2():
    code, _, err = run("-", stdin="{not json")
    assert code == 2
    assert "is not valid JSON" in err
    code, _, err = run(str(EXAMPLES / "nothing-here.json"))
    assert code == 2
    assert "cannot read" in err


def test_bad_run_options_exit_2():
    spec = str(EXAMPLES / "hubs-open-by-2027.json")
    code, _, err = run(spec, "--samples", "0")
    assert code == 2
    assert "samples = 0" in err
    code, _, err = run(spec, "--workers", "0")
    assert code == 2
    assert "workers = 0" in err
    with pytest.raises(SystemExit) as info:
        run(spec, "--workers", "2", "--scheduler", "tcp://127.0.0.1:1")
    assert info.value.code == 2


def test_a_scheduler_without_dask_installed_says_which_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    spec = str(EXAMPLES / "hubs-open-by-2027.json")
    code, _, err = run(spec, "--samples", "5", "--scheduler", "tcp://127.0.0.1:8786")
    assert code == 2
    assert "pip install 'creative-city[dask]'" in err
