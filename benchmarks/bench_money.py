"""Money: arithmetic side by side with py-moneyed, allocation, import cost."""

from __future__ import annotations

import random
import subprocess
import sys
import timeit
from decimal import Decimal

from creative_city.money import Money
from run import Row, best_of

N = 200_000


def _throughput() -> list[Row]:
    from moneyed import Money as PyMoney  # noqa: PLC0415 - dev-only comparison

    ours_a, ours_b = Money.of("1234.56", "KZT"), Money.of("789.01", "KZT")
    theirs_a, theirs_b = PyMoney(Decimal("1234.56"), "KZT"), PyMoney(Decimal("789.01"), "KZT")
    rows = []
    for label, ours, theirs in [
        ("add", lambda: ours_a + ours_b, lambda: theirs_a + theirs_b),
        ("compare", lambda: ours_a < ours_b, lambda: theirs_a < theirs_b),
        ("multiply by int", lambda: ours_a * 3, lambda: theirs_a * 3),
    ]:
        t_ours = min(timeit.repeat(ours, number=N, repeat=5)) / N
        t_theirs = min(timeit.repeat(theirs, number=N, repeat=5)) / N
        ratio = t_ours / t_theirs
        rows.append(
            Row(
                f"{label}: ours vs py-moneyed",
                f"{t_ours * 1e9:.0f} ns vs {t_theirs * 1e9:.0f} ns (ratio {ratio:.2f})",
                "ratio <= 1.0",
                ratio <= 1.0,
            )
        )
    # Building money from text: ours checks the text (plain decimal, bounded digits,
    # exact minor units); py-moneyed takes any Decimal literal, so no target here.
    t_ours = min(timeit.repeat(lambda: Money.of("1234.56", "KZT"), number=N, repeat=5)) / N
    t_theirs = min(timeit.repeat(lambda: PyMoney("1234.56", "KZT"), number=N, repeat=5)) / N
    rows.append(
        Row(
            "Money.of from a string: ours vs py-moneyed",
            f"{t_ours * 1e9:.0f} ns vs {t_theirs * 1e9:.0f} ns (ratio {t_ours / t_theirs:.2f})",
            "-",
            None,
        )
    )
    return rows


def _allocation() -> list[Row]:
    rng = random.Random(2022)
    ratios = [rng.randint(0, 10**6) for _ in range(1_000_000)]
    whole = Money.of("20000000000.00", "KZT")
    shares: tuple[Money, ...] = ()

    def run() -> None:
        nonlocal shares
        shares = whole.allocate(ratios)

    seconds = best_of(run, repeat=3)
    exact = sum(shares) == whole
    equal = best_of(lambda: whole.allocate([1] * 1_000_000), repeat=3)
    return [
        Row(
            "allocate 20,000,000,000.00 KZT over 1,000,000 random ratios",
            f"{seconds:.2f} s, exact={exact}",
            "<= 2 s, exact",
            seconds <= 2 and exact,
        ),
        Row("allocate the same over 1,000,000 equal ratios", f"{equal:.2f} s", "-", None),
    ]


def _import_seconds(statement: str) -> float:
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    runs = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(7)
    ]
    return sorted(runs)[len(runs) // 2]


def _import_cost() -> list[Row]:
    deps = _import_seconds(
        "import attrs, cattrs, dateutil.tz, dateutil.relativedelta, dateutil.rrule"
    )
    package = _import_seconds("import creative_city")
    full = _import_seconds(
        "import creative_city.money, creative_city.serialization, creative_city.time"
    )
    full_with_deps = _import_seconds(
        "import attrs, cattrs, dateutil.tz, dateutil.relativedelta, dateutil.rrule; "
        "import creative_city.money, creative_city.serialization, creative_city.time"
    )
    return [
        Row(
            "import creative_city vs its dependencies",
            f"{package * 1e3:.1f} ms vs {deps * 1e3:.1f} ms (ratio {package / deps:.2f})",
            "ratio <= 1.3",
            package / deps <= 1.3,
        ),
        Row(
            "import the core (money, time, serialization) vs dependencies",
            f"{full * 1e3:.1f} ms vs {deps * 1e3:.1f} ms (ratio {full / deps:.2f})",
            "ratio <= 1.3",
            full / deps <= 1.3,
        ),
        Row(
            "the core with its dependencies already imported (median)",
            f"{(full_with_deps - deps) * 1e3:.1f} ms",
            "-",
            None,
        ),
    ]


def run() -> list[Row]:
    return [*_throughput(), *_allocation(), *_import_cost()]
