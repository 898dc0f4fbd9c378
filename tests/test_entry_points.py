"""The package's entry points: ``python -m creative_city`` and the hypothesis plugin."""

from __future__ import annotations

import runpy
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from creative_city import __version__
from creative_city.money import Money
from creative_city.testing._plugin import _hypothesis_setup_hook
from creative_city.time import Interval


def test_python_m_runs_in_process_and_ends_with_system_exit_only(monkeypatch, capsys):
    # runpy is how an embedder (or Pyodide) runs the module: the interpreter survives.
    monkeypatch.setattr(sys, "argv", ["creative_city", "--version"])
    with pytest.raises(SystemExit) as raised:
        runpy.run_module("creative_city", run_name="__main__")
    assert raised.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_python_m_twice_in_one_process_gives_the_same_answer(monkeypatch, capsys):
    answers = []
    for _ in range(2):
        monkeypatch.setattr(sys, "argv", ["creative_city", "schema"])
        with pytest.raises(SystemExit) as raised:
            runpy.run_module("creative_city", run_name="__main__")
        assert raised.value.code == 0
        answers.append(capsys.readouterr().out)
    assert answers[0] == answers[1]
    assert "money.allocate" in answers[0]


def test_the_plugin_registers_every_parts_strategies_again_without_error():
    _hypothesis_setup_hook()  # hypothesis ran it at start-up; a second run is harmless

    @given(st.from_type(Money), st.from_type(Interval))
    def check(money: Money, interval: Interval) -> None:
        assert money.currency.minor_units >= 0
        assert interval.start < interval.end

    check()
