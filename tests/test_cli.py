"""The command line: --version, --help, python -m."""

from __future__ import annotations

import subprocess
import sys

import pytest

from creative_city import __version__
from creative_city.cli import main


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"creative-city {__version__}"


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
