"""The same answer on every host and in every process (issue 21).

Zone rules come from the ``tzdata`` package, never the host's files; the caller's
decimal context, the console's encoding, ``TZ``, the locale and ``PYTHONHASHSEED``
change no byte of any answer.
"""

from __future__ import annotations

import datetime as _dt
import decimal
import io
import json
import os
import pathlib
import re
import runpy
import shutil
import struct
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal

import pytest
import tzdata
from hypothesis import given
from hypothesis import strategies as st

from _vectors import VECTORS
from creative_city import __version__
from creative_city.cli import main
from creative_city.errors import CreativeCityError, ValidationError
from creative_city.funding import ProjectionParameters, project, xirr
from creative_city.money import ExchangeRates, Money, Rate
from creative_city.oracle import evaluate_json
from creative_city.programme.report import briefing_for, render_briefing
from creative_city.time import ZONE_DATABASE, zone
from creative_city.tourism import cagr, growth_multiple

ROOT = pathlib.Path(__file__).resolve().parent.parent
SRC = ROOT / "src"

REQUESTS = [
    json.dumps({"operation": vector["operation"], "input": vector["input"]}, ensure_ascii=False)
    for vector in VECTORS
]

# Prints the answer to every request on stdin (JSON Lines) as UTF-8 bytes, one a line.
# Arguments: a directory to stand for the host's zone files, or nothing.
_HOST_ZONES = """
import sys
if len(sys.argv) > 1:  # the host's zone files are in sys.argv[1]
    import zoneinfo
    from dateutil import tz
    zoneinfo.reset_tzpath([sys.argv[1]])  # dateutil 4 reads zoneinfo's path
    if hasattr(tz, "reset_tzpath"):
        tz.reset_tzpath([sys.argv[1]])
    else:  # dateutil 2
        import dateutil.tz.tz
        dateutil.tz.tz.TZPATHS[:] = [sys.argv[1]]
"""
_RUNNER = (
    _HOST_ZONES
    + """
from creative_city.oracle import evaluate_json
from creative_city.programme.report import briefing_for, render_briefing
for line in sys.stdin.buffer.read().decode("utf-8").splitlines():
    sys.stdout.buffer.write(evaluate_json(line)[0].encode("utf-8") + b"\\n")
"""
)


def _expected_bytes() -> bytes:
    return b"".join(evaluate_json(request)[0].encode("utf-8") + b"\n" for request in REQUESTS)


def _env(**changes: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env["PYTHONPATH"] = os.pathsep.join(
        [str(SRC), str(ROOT / "tests"), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    env.update(changes)
    return env


def _run_vectors(*args: str, env: dict[str, str]) -> bytes:
    done = subprocess.run(
        [sys.executable, "-c", _RUNNER, *args],
        input="\n".join(REQUESTS).encode("utf-8"),
        capture_output=True,
        env=env,
        check=True,
        timeout=300,
    )
    return done.stdout


def _old_almaty() -> bytes:
    """A TZif file of Asia/Almaty before IANA 2024a: UTC+6 all year (built by hand)."""
    header = b"TZif" + b"\0" * 16 + struct.pack(">6l", 0, 0, 0, 0, 1, 4)
    return header + struct.pack(">lBB", 6 * 3600, 0, 0) + b"+06\0"


def _zone_dependent_ids() -> list[str]:
    text = (SRC / "creative_city" / "conformance" / "vectors" / "README.md").read_text(
        encoding="utf-8"
    )
    listing = text.split("<!-- zone-dependent vectors: one id per line -->", 1)[1]
    return re.findall(r"^- `([^`]+)`$", listing, flags=re.MULTILINE)


# -- 1. one zone database, named --------------------------------------------------------


def test_version_names_the_zone_database(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out == (
        f"creative-city {__version__} (tzdata {tzdata.__version__}, IANA {tzdata.IANA_VERSION})\n"
    )
    assert tzdata.IANA_VERSION == ZONE_DATABASE
    assert ZONE_DATABASE >= "2024a"  # Asia/Almaty at UTC+5 from 2024-03-01


@pytest.mark.parametrize("name", ["Mars/Olympus", "Asia", "Asia/Almaty/Old", "Factory2"])
def test_unknown_zone_is_a_library_error(name):
    with pytest.raises(ValidationError, match="is not a known IANA time zone key"):
        zone(name)


@pytest.mark.parametrize("name", ["../etc/passwd", "zone.tab", "", "Asia/../UTC", "__init__"])
def test_malformed_zone_is_a_library_error(name):
    with pytest.raises(ValidationError, match="must be an IANA time zone key"):
        zone(name)


def test_zones_are_loaded_once_per_name():
    assert zone("Asia/Almaty") is zone("Asia/Almaty")


def test_host_zone_files_hidden_or_replaced_change_no_answer(tmp_path):
    expected = _expected_bytes()
    empty = tmp_path / "empty"
    empty.mkdir()
    old = tmp_path / "old"
    (old / "Asia").mkdir(parents=True)
    (old / "Asia" / "Almaty").write_bytes(_old_almaty())
    # The replacement would matter to a library that read the host's files:
    probe = _HOST_ZONES + (
        "import datetime as d\nprint(d.datetime(2024, 6, 1, tzinfo=tz.gettz('Asia/Almaty')))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", probe, str(old)],
        capture_output=True,
        text=True,
        env=_env(),
        check=True,
        timeout=60,
    ).stdout
    assert shown.strip() == "2024-06-01 00:00:00+06:00"
    assert (
        _run_vectors(
            str(empty), env=_env(TZDIR=str(empty), PYTHONTZPATH=str(empty), TZ="Asia/Almaty")
        )
        == expected
    )
    assert (
        _run_vectors(str(old), env=_env(TZDIR=str(old), PYTHONTZPATH=str(old), TZ=":Asia/Almaty"))
        == expected
    )


def test_zone_dependent_vectors_are_listed(tmp_path):
    # A copy of the tzdata package whose Asia/Almaty keeps the pre-2024a rule (UTC+6):
    # exactly the vectors listed in conformance/README.md answer differently with it.
    package = pathlib.Path(tzdata.__file__).parent
    shutil.copytree(package, tmp_path / "tzdata", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "tzdata" / "zoneinfo" / "Asia" / "Almaty").write_bytes(_old_almaty())
    env = _env()
    env["PYTHONPATH"] = os.pathsep.join([str(tmp_path), env["PYTHONPATH"]])
    answers = _run_vectors(env=env).decode("utf-8").splitlines()
    normal = _expected_bytes().decode("utf-8").splitlines()
    changed = [
        vector["id"]
        for vector, old, new in zip(VECTORS, answers, normal, strict=True)
        if old != new
    ]
    assert changed == _zone_dependent_ids()


# -- 2. the caller's decimal context changes nothing ------------------------------------

_ALL_SIGNALS = [
    decimal.Clamped,
    decimal.DivisionByZero,
    decimal.FloatOperation,
    decimal.Inexact,
    decimal.InvalidOperation,
    decimal.Overflow,
    decimal.Rounded,
    decimal.Subnormal,
    decimal.Underflow,
]

HOSTILE = {
    "prec 6, round floor": decimal.Context(prec=6, rounding=decimal.ROUND_FLOOR),
    "Inexact trapped": decimal.Context(
        traps=[decimal.Inexact, decimal.InvalidOperation, decimal.DivisionByZero]
    ),
    "Emax 10": decimal.Context(Emax=10, Emin=-10),
    "every trap, prec 3": decimal.Context(prec=3, rounding=decimal.ROUND_UP, traps=_ALL_SIGNALS),
}


def _state(context: decimal.Context) -> tuple[object, ...]:
    return (
        context.prec,
        context.rounding,
        context.Emax,
        context.Emin,
        context.capitals,
        context.clamp,
        dict(context.traps),
        dict(context.flags),
    )


@pytest.mark.parametrize("name", list(HOSTILE))
def test_vectors_answer_the_same_in_a_hostile_decimal_context(name):
    expected = [evaluate_json(request) for request in REQUESTS]
    with decimal.localcontext(HOSTILE[name]) as caller:
        before = _state(caller)
        answers = [evaluate_json(request) for request in REQUESTS]
        assert _state(caller) == before
    assert answers == expected


def _same_in_hostile_contexts(compute: Callable[[], object]) -> None:
    """*compute* gives the same result (or the same library error) in every context."""

    def outcome() -> object:
        try:
            return ("value", repr(compute()))
        except CreativeCityError as error:
            return ("error", type(error).__name__, str(error))

    expected = outcome()
    for context in HOSTILE.values():
        with decimal.localcontext(context) as caller:
            before = _state(caller)
            assert outcome() == expected
            assert _state(caller) == before


_AMOUNTS = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2, allow_nan=False
)
_POSITIVE = st.decimals(
    min_value=Decimal("0.01"), max_value=Decimal("1e9"), places=4, allow_nan=False
)


@given(_AMOUNTS, st.lists(st.integers(0, 10**6), min_size=1, max_size=6))
def test_money_is_the_same_in_a_hostile_context(amount, ratios):
    _same_in_hostile_contexts(lambda: Money.of(amount, "KZT").allocate(ratios))
    _same_in_hostile_contexts(lambda: Money.of(amount, "KZT") * Decimal("1.12"))


@given(_AMOUNTS, _POSITIVE)
def test_conversion_is_the_same_in_a_hostile_context(amount, rate):
    rates = ExchangeRates([Rate(_dt.date(2024, 1, 1), "USD", "KZT", rate)])
    for rounding in (decimal.ROUND_HALF_EVEN, decimal.ROUND_FLOOR):
        _same_in_hostile_contexts(
            lambda rounding=rounding: rates.convert(
                Money.of(amount, "KZT"), "USD", on=_dt.date(2024, 6, 1), rounding=rounding
            )
        )


@given(_POSITIVE, _POSITIVE, st.integers(1, 30))
def test_growth_is_the_same_in_a_hostile_context(start, end, years):
    _same_in_hostile_contexts(lambda: cagr(start, end, years))
    _same_in_hostile_contexts(lambda: growth_multiple(end, start))


@given(st.lists(st.integers(-(10**9), 10**9).filter(bool), min_size=2, max_size=6))
def test_xirr_is_the_same_in_a_hostile_context(amounts):
    day = _dt.date(2020, 1, 1)
    flows = [(day + _dt.timedelta(days=200 * i), Decimal(a)) for i, a in enumerate(amounts)]
    _same_in_hostile_contexts(lambda: xirr(flows))


@given(
    st.integers(1, 10**9),
    st.lists(st.fractions(0, 1, max_denominator=100), min_size=1, max_size=4),
    st.fractions(0, 1, max_denominator=100),
    st.fractions(0, 5, max_denominator=10),
    st.fractions(-1, 1, max_denominator=100),
    st.integers(1, 12),
)
def test_projection_is_the_same_in_a_hostile_context(  # noqa: PLR0917 - one per strategy
    commitment, rates, yield_, bow, growth, life
):
    def compute() -> object:
        return project(
            ProjectionParameters(
                Money.of(commitment, "KZT"),
                rates,
                distribution_yield=yield_,
                bow=bow,
                growth=growth,
                life=life,
            )
        )

    _same_in_hostile_contexts(compute)


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "html"])
def test_report_is_the_same_in_a_hostile_context(fmt):
    _same_in_hostile_contexts(
        lambda: render_briefing(briefing_for(as_of=_dt.date(2026, 1, 1)), fmt)
    )


# -- 3. the console, the clock's zone, the locale and the hash seed change no byte ----

_CONSOLES = {
    "ascii": {"PYTHONIOENCODING": "ascii"},
    "cp1252": {"PYTHONIOENCODING": "cp1252"},
    "odd zone, C locale, hash seed 1": {
        "TZ": "Pacific/Kiritimati",
        "LC_ALL": "C",
        "PYTHONHASHSEED": "1",
    },
    "half-hour zone, UTF-8 locale, hash seed 12345": {
        "TZ": "America/St_Johns",
        "LC_ALL": "C.UTF-8",
        "PYTHONHASHSEED": "12345",
    },
}


def _command(args: list[str], env: dict[str, str], stdin: bytes = b"") -> bytes:
    done = subprocess.run(
        [sys.executable, "-m", "creative_city", *args],
        input=stdin,
        capture_output=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode in (0, 2), done.stderr
    assert b"Traceback" not in done.stderr, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def reference() -> dict[str, bytes]:
    env = _env(PYTHONIOENCODING="utf-8")
    batch = "\n".join(REQUESTS).encode("utf-8")
    return {
        "batch": _command(["eval", "--batch", "-"], env, batch),
        "json": _command(["report", "--as-of", "2026-01-01", "--format", "json"], env),
        "html": _command(["report", "--as-of", "2026-01-01", "--format", "html"], env),
        "text": _command(["report", "--as-of", "2026-01-01"], env),
    }


def test_batch_answers_are_the_library_s_answers(reference):
    assert reference["batch"] == _expected_bytes()
    assert any(byte > 127 for byte in reference["batch"])  # Cyrillic text is in there


@pytest.mark.parametrize("name", list(_CONSOLES))
def test_console_changes_no_byte_of_a_document(name, reference):
    env = _env(**_CONSOLES[name])
    batch = "\n".join(REQUESTS).encode("utf-8")
    assert _command(["eval", "--batch", "-"], env, batch) == reference["batch"]
    for fmt in ("json", "html"):
        report = _command(["report", "--as-of", "2026-01-01", "--format", fmt], env)
        assert report == reference[fmt]


@pytest.mark.parametrize("name", list(_CONSOLES))
def test_text_report_is_written_in_any_console(name, reference):
    env = _env(**_CONSOLES[name])
    text = _command(["report", "--as-of", "2026-01-01"], env)
    encoding = _CONSOLES[name].get("PYTHONIOENCODING", "utf-8")
    expected = reference["text"].decode("utf-8").encode(encoding, "backslashreplace")
    assert text == expected


def test_main_writes_text_to_a_text_stream():
    out = io.StringIO()
    assert main(["eval", "-"], stdout=out, stdin=io.StringIO(REQUESTS[0])) in (0, 2)
    assert out.getvalue() == evaluate_json(REQUESTS[0])[0] + "\n"


# -- 5. the library never ends or reconfigures the interpreter -------------------------


def test_main_runs_many_times_in_one_process():
    for _ in range(3):
        out = io.StringIO()
        assert main(["schema"], stdout=out) == 0
        assert json.loads(out.getvalue())


def test_module_run_in_process_ends_with_system_exit(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["creative_city", "schema"])
    with pytest.raises(SystemExit) as info:
        runpy.run_module("creative_city", run_name="__main__")
    assert info.value.code == 0
    assert json.loads(capsys.readouterr().out)


def test_no_interpreter_switches_in_the_library():
    for path in (SRC / "creative_city").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for switch in ("os._exit", "gc.disable", "gc.freeze", "signal.signal", "sys.exit"):
            assert switch not in text, (path.name, switch)
