"""Money: arithmetic side by side with py-moneyed, allocation, import cost."""

from __future__ import annotations

import random
import subprocess
import sys
import timeit
from collections.abc import Callable
from decimal import Decimal

from creative_city.money import Money
from run import Row, best_of


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
        t_ours, t_theirs = _per_call([ours, theirs])
        ratio = t_ours / t_theirs
        rows.append(
            Row(
                f"{label}: ours vs py-moneyed",
                f"{t_ours * 1e9:.0f} ns vs {t_theirs * 1e9:.0f} ns (ratio {ratio:.2f})",
                "ratio <= 1.0",
                ratio <= 1.0,
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


def _per_call(
    functions: list[Callable[[], object]], number: int = 100, rounds: int = 2000
) -> list[float]:
    """The fastest of *rounds* runs of *number* calls of each function, in seconds per call.

    Short runs, interleaved: on a loaded machine a long run is always interrupted, while
    the fastest of many short ones is not, and each function sees the same load.
    """
    best = [float("inf")] * len(functions)
    for _ in range(rounds):
        for index, function in enumerate(functions):
            best[index] = min(best[index], timeit.timeit(function, number=number) / number)
    return best


def _construction() -> list[Row]:
    """Money.of against py-moneyed's constructor, from a string, an int and a Decimal."""
    from moneyed import Money as PyMoney  # noqa: PLC0415 - dev-only comparison

    exact = Decimal("1234.56")
    rows = []
    for label, ours, theirs, target in [
        ("a string", lambda: Money.of("1234.56", "KZT"), lambda: PyMoney("1234.56", "KZT"), 1.0),
        (
            "a negative string",
            lambda: Money.of("-1234.56", "KZT"),
            lambda: PyMoney("-1234.56", "KZT"),
            None,
        ),
        ("an int", lambda: Money.of(1234, "KZT"), lambda: PyMoney(1234, "KZT"), 1.0),
        ("a Decimal", lambda: Money.of(exact, "KZT"), lambda: PyMoney(exact, "KZT"), None),
    ]:
        t_ours, t_theirs = _per_call([ours, theirs])
        ratio = t_ours / t_theirs
        rows.append(
            Row(
                f"Money.of from {label}: ours vs py-moneyed",
                f"{t_ours * 1e9:.0f} ns vs {t_theirs * 1e9:.0f} ns (ratio {ratio:.2f})",
                "-" if target is None else f"ratio <= {target:.1f}",
                None if target is None else ratio <= target,
            )
        )
    return rows


def _plain_largest_remainder(units: int, weights: list[int]) -> list[int]:
    """The reference: largest remainder with ints and one sort, no checks."""
    total = sum(weights)
    shares = [units * w // total for w in weights]
    order = sorted(range(len(weights)), key=lambda i: (-(units * weights[i] % total), i))
    for i in order[: units - sum(shares)]:
        shares[i] += 1
    return shares


def _ratio_kinds() -> list[Row]:
    """allocate with Decimal ratios against int ratios and a plain int largest remainder."""
    rng = random.Random(16)
    whole = Money.of("1000000.00", "KZT")
    rows = []
    for size, number, rounds in [(3, 20, 1000), (10_000, 1, 60)]:
        ints = [rng.randint(1, 10**6) for _ in range(size)]
        decimals = [Decimal(i).scaleb(-4) for i in ints]  # e.g. 55.7450: four places
        t_plain, t_int, t_decimal = _per_call(
            [
                lambda ints=ints: _plain_largest_remainder(whole.minor, ints),
                lambda ints=ints: whole.allocate(ints),
                lambda decimals=decimals: whole.allocate(decimals),
            ],
            number=number,
            rounds=rounds,
        )
        unit, scale = ("us", 1e6) if size < 100 else ("ms", 1e3)
        rows += [
            Row(
                f"allocate over {size:,} int ratios vs a plain int largest remainder",
                f"{t_int * scale:.2f} {unit} vs {t_plain * scale:.2f} {unit} "
                f"(ratio {t_int / t_plain:.2f})",
                "-",
                None,
            ),
            Row(
                f"allocate over {size:,} Decimal ratios vs the same as ints",
                f"{t_decimal * scale:.2f} {unit} vs {t_int * scale:.2f} {unit} "
                f"(ratio {t_decimal / t_int:.2f})",
                "ratio <= 2.0",
                t_decimal / t_int <= 2.0,
            ),
        ]
    return rows


def run() -> list[Row]:
    return [*_throughput(), *_construction(), *_ratio_kinds(), *_allocation(), *_import_cost()]
