"""``console_main``: the command ends with a fast exit, and one-shot commands run
without the cyclic garbage collector; nothing is lost by either (issue 7).

``creative-city`` and ``python -m creative_city`` run :func:`creative_city.cli.console_main`,
which turns the collector off for one-shot commands (not ``eval --batch``), then flushes the
standard streams and ends the process with ``os._exit``, skipping the interpreter's
teardown. These tests run the command in fresh interpreters and check that every
byte and the exit code still arrive, that teardown is really skipped, that a failed
flush falls back to the normal exit, and which commands run with the collector.
"""

from __future__ import annotations

import importlib.metadata
import io
import json
import os
import subprocess
import sys
import textwrap

from _vectors import VECTORS
from creative_city.cli import main

# Runs console_main with the given arguments; an exit handler shows whether the
# interpreter's normal teardown ran.
PROBE = textwrap.dedent(
    """
    import atexit, sys
    atexit.register(lambda: sys.__stderr__.write("[teardown]"))
    from creative_city.cli import console_main
    sys.argv = ["creative-city", *sys.argv[1:]]
    raise SystemExit(console_main())
    """
)


# Standard streams buffered as on a user's machine (PYTHONUNBUFFERED would hide a
# missing flush).
BUFFERED = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}


def run_probe(*arguments: str, stdin: str = "") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-c", PROBE, *arguments],
        input=stdin.encode(),
        capture_output=True,
        check=False,
        env=BUFFERED,
    )


def test_the_installed_command_runs_console_main():
    (script,) = [
        entry
        for entry in importlib.metadata.entry_points(group="console_scripts")
        if entry.name == "creative-city"
    ]
    assert script.value == "creative_city.cli:console_main"


def in_process(arguments: list[str], stdin: str = "") -> tuple[int, bytes]:
    out = io.StringIO()
    code = main(arguments, stdout=out, stdin=io.StringIO(stdin))
    return code, out.getvalue().encode()


def test_a_large_answer_arrives_whole_and_teardown_is_skipped():
    # An answer larger than a pipe's buffer: its tail sits in the process's buffer
    # until the flush before the exit.
    request = json.dumps(
        {
            "operation": "money.allocate",
            "input": {
                "amount": {"amount": "1000000.00", "currency": "KZT"},
                "ratios": [str(n % 7) for n in range(5000)],
            },
        }
    )
    code, expected = in_process(["eval", "-"], request)
    assert code == 0
    assert len(expected) > 65536
    result = run_probe("eval", "-", stdin=request)
    assert result.returncode == 0
    assert result.stdout == expected
    assert result.stderr == b""


def test_an_error_answer_keeps_its_exit_code_and_bytes():
    vector = next(v for v in VECTORS if "error" in v["expected"])
    request = json.dumps({"operation": vector["operation"], "input": vector["input"]})
    code, expected = in_process(["eval", "-"], request)
    assert code == 2
    result = run_probe("eval", "-", stdin=request)
    assert result.returncode == 2
    assert result.stdout == expected
    assert result.stderr == b""


def test_a_usage_error_message_reaches_stderr_before_the_exit(tmp_path):
    missing = tmp_path / "missing.json"
    result = run_probe("eval", str(missing))
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.decode().startswith(f"creative-city: cannot read {missing}")
    assert b"[teardown]" not in result.stderr


def test_argparse_exits_normally():
    result = run_probe("--version")
    assert result.returncode == 0
    assert result.stdout.startswith(b"creative-city ")
    assert result.stderr == b"[teardown]"


def test_a_failed_flush_falls_back_to_the_normal_exit():
    # stdout whose flush fails: console_main must return the code rather than end the
    # process, so the interpreter's own exit runs (and reports the failure).
    code = textwrap.dedent(
        """
        import atexit, io, sys
        atexit.register(lambda: sys.__stderr__.write("[teardown]"))

        class Closed(io.StringIO):
            def flush(self):
                raise BrokenPipeError(32, "Broken pipe")

        sys.stdout = Closed()
        from creative_city.cli import console_main
        sys.argv = ["creative-city", "schema"]
        code = console_main()
        sys.__stderr__.write(f"[returned {code}]")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, env=BUFFERED
    )
    assert result.stderr.startswith("[returned 0][teardown]")
    assert "BrokenPipeError" in result.stderr


# Runs console_main with main wrapped to report whether the collector is on.
GC_PROBE = textwrap.dedent(
    """
    import gc, sys
    from creative_city import cli
    real_main = cli.main

    def reporting_main(arguments):
        sys.stderr.write(f"[collector on: {gc.isenabled()}]")
        return real_main(arguments)

    cli.main = reporting_main
    sys.argv = ["creative-city", *sys.argv[1:]]
    raise SystemExit(cli.console_main())
    """
)


def test_only_one_shot_commands_run_without_the_collector(tmp_path):
    request = tmp_path / "request.json"
    request.write_text(
        json.dumps({"operation": "money.allocate", "input": {"amount": "1", "ratios": ["1"]}})
    )
    one_shot = [
        ["eval", str(request)],
        ["report", "--as-of", "2026-11-27"],
        ["schema", "money.allocate"],
    ]
    # argparse takes "--bat" for "--batch": a batch however spelled keeps the collector.
    batches = [["eval", "--batch", str(request)], ["eval", "--bat", str(request)]]
    for arguments, collector in [*((a, False) for a in one_shot), *((a, True) for a in batches)]:
        result = subprocess.run(
            [sys.executable, "-c", GC_PROBE, *arguments],
            capture_output=True,
            text=True,
            check=False,
            env=BUFFERED,
        )
        assert result.returncode in (0, 2), result.stderr
        assert result.stderr.startswith(f"[collector on: {collector}]"), arguments
