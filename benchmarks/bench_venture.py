"""Venture fund: policy evaluation on a large portfolio, xirr vs pyxirr and numpy-financial."""

from __future__ import annotations

import datetime as dt
import math
import random
import time
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

from creative_city.funding import (
    FollowOnReserve,
    Fund,
    FundTerms,
    InvestmentMade,
    InvestmentPeriodOpen,
    InvestmentPolicy,
    InvestmentStage,
    LPKind,
    MaxOwnership,
    MaxPublicShareOfRound,
    MaxTicket,
    MinTicket,
    PerCompanyCap,
    ProposedInvestment,
    RoundKind,
    SectorConcentrationCap,
    StageConcentrationCap,
    evaluate,
    xirr,
)
from creative_city.money import Money
from run import Row, best_of

SECTORS = ("music", "games", "design", "film", "IT", "fashion", "media", "architecture")


def kzt(units: int) -> Money:
    return Money.from_minor(units, "KZT")


def _portfolio(size: int) -> tuple[Fund, float]:
    rng = random.Random(2022)
    terms = FundTerms(
        "Almaty City Venture Fund",
        "KZT",
        Money.of(20_000_000_000, "KZT"),
        Money.of(25_000_000_000, "KZT"),
        2023,
        dt.date(2023, 1, 1),
        5,
        10,
    )
    policy = InvestmentPolicy(
        [
            PerCompanyCap(Fraction(1, 10)),
            MinTicket(Money.of(100_000, "KZT")),
            MaxTicket(Money.of(1_500_000_000, "KZT")),
            MaxOwnership(Fraction(49, 100)),
            SectorConcentrationCap(Fraction(3, 10)),
            StageConcentrationCap(Fraction(1, 2)),
            MaxPublicShareOfRound(Fraction(1, 2)),
            FollowOnReserve(Fraction(1, 2)),
            InvestmentPeriodOpen(),
        ]
    )
    fund = Fund.open(terms, policy)
    day = dt.date(2023, 1, 1)
    fund = fund.commit("city", "Almaty city budget", LPKind.CITY_BUDGET, terms.target, day)
    events = list(fund.events)
    for i in range(size):
        ticket = rng.randint(100_000_00, 900_000_00)  # 100,000 to 900,000 KZT in tiyn
        proposal = ProposedInvestment(
            f"company-{i}",
            SECTORS[i % len(SECTORS)],
            list(InvestmentStage)[i % len(InvestmentStage)],
            RoundKind.INITIAL,
            day + dt.timedelta(days=i // 10),
            kzt(ticket * 3),
            kzt(ticket),
            Fraction(rng.randint(1, 49), 100),
        )
        events.append(InvestmentMade(f"i{i}", proposal))
    start = time.perf_counter()
    fund = Fund.replay(terms, policy, events)
    return fund, time.perf_counter() - start


def _evaluate_rows() -> list[Row]:
    fund, replay_seconds = _portfolio(10_000)
    proposal = ProposedInvestment(
        "company-42",
        SECTORS[42 % len(SECTORS)],
        InvestmentStage.SERIES_A,
        RoundKind.FOLLOW_ON,
        dt.date(2026, 1, 1),
        kzt(3_000_000_00),
        kzt(1_000_000_00),
        Fraction(30, 100),
    )
    rounds = 200
    seconds = best_of(lambda: [evaluate(fund, proposal) for _ in range(rounds)], 5) / rounds
    invest = best_of(lambda: fund.invest("new", evaluate(fund, proposal)), 5)
    return [
        Row(
            "evaluate one proposal vs 10,000 investments (9 rules)",
            f"{seconds * 1e3:.3f} ms",
            "<= 5 ms",
            seconds <= 0.005,
        ),
        Row(
            "evaluate + record it (copies the folded state)",
            f"{invest * 1e3:.2f} ms",
            "-",
            None,
        ),
        Row(
            "replay 10,001 events (10,000 investments, each re-checked)",
            f"{replay_seconds:.2f} s",
            "-",
            None,
        ),
    ]


def _fund_flows(size: int) -> list[tuple[dt.date, Decimal]]:
    """Calls for the first 30% of the days, distributions after: one sign change."""
    rng = random.Random(7)
    start = dt.date(2000, 1, 1)
    flows = []
    for i in range(size):
        day = start + dt.timedelta(days=i)
        units = rng.randint(1_000_00, 1_000_000_00)
        amount = -units if i < size * 3 // 10 else units // 2
        flows.append((day, Decimal(amount).scaleb(-2)))
    return flows


def _mixed_flows(size: int) -> list[tuple[dt.date, Decimal]]:
    """Random signs: thousands of sign changes (the hard case for any solver)."""
    rng = random.Random(11)
    start = dt.date(2000, 1, 1)
    flows = [(start, Decimal(-(10**8)))]
    for _ in range(size - 1):
        day = start + dt.timedelta(days=rng.randint(1, 7000))
        flows.append((day, Decimal(rng.randint(-(10**6), 10**6)).scaleb(-2)))
    return flows


def _npv_scaled(rate: float, flows: list[tuple[dt.date, Decimal]]) -> float:
    start = min(d for d, _ in flows)
    terms = [float(a) * (1 + rate) ** -((d - start).days / 365) for d, a in flows]
    return abs(math.fsum(terms)) / math.fsum(abs(t) for t in terms)


def _best_cpu(function: Callable[[], object], repeat: int) -> float:
    """The best CPU time of *repeat* calls, in seconds (the process's own time: on a
    machine loaded by other work, a call that outlasts a time slice is not charged the
    time it waits)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        function()
        best = min(best, time.process_time() - start)
    return best


def _interleaved(ours: Callable[[], object], theirs: Callable[[], object]) -> tuple[float, float]:
    """Best CPU times of two functions, measured in alternating rounds."""
    best, their_best = float("inf"), float("inf")
    for _ in range(6):
        best = min(best, _best_cpu(ours, 5))
        their_best = min(their_best, _best_cpu(theirs, 5))
    return best, their_best


def _xirr_rows() -> list[Row]:
    import numpy_financial as npf  # noqa: PLC0415 - dev-only comparison
    import pyxirr  # noqa: PLC0415 - dev-only comparison

    rows = []
    # Targets (issue 16): 2.5 ms and 8 ms on the reference machine, where pyxirr took
    # 0.78 ms and 1.31 ms: on a loaded machine, the time ratio is the figure to read.
    # Before the second pass on issue 16 the same rows read 4.57 ms (ratio 5.9) and
    # 13.5 ms (ratio 10.3) on the reference machine.
    for label, flows, target, reference, before in (
        ("xirr, 10,000 daily flows, one sign change", _fund_flows(10_000), 0.0025, 0.00078,
         (4.57, 5.9)),
        ("xirr, 10,000 flows with random signs", _mixed_flows(10_000), 0.008, 0.00131,
         (13.5, 10.3)),
    ):  # fmt: skip
        ours = xirr(flows)
        dates = [d for d, _ in flows]
        amounts = [float(a) for _, a in flows]
        theirs = pyxirr.xirr(dates, amounts)
        seconds, their_seconds = _interleaved(
            lambda flows=flows: xirr(flows),
            lambda dates=dates, amounts=amounts: pyxirr.xirr(dates, amounts),
        )
        ratio, target_ratio = seconds / their_seconds, target / reference
        rows.append(
            Row(
                label,
                f"{seconds * 1e3:.2f} ms CPU (|NPV|/scale {_npv_scaled(ours, flows):.1e})",
                f"<= {target * 1e3:g} ms (was {before[0]:g} ms)",
                seconds <= target,
            )
        )
        rows.append(
            Row(
                f"  same flows, pyxirr {pyxirr.__version__}",
                f"{their_seconds * 1e3:.2f} ms CPU (time ratio ours/pyxirr {ratio:.1f}); "
                f"|ours - pyxirr| = {abs(ours - theirs):.1e}",
                f"ratio <= {target_ratio:.1f} ({target * 1e3:g} / {reference * 1e3:g} ms; "
                f"was {before[1]:g})",
                ratio <= target_ratio,
            )
        )
    # numpy-financial's irr solves a polynomial of degree n (eigenvalues of an n x n
    # matrix): compare on 200 flows 365 days apart, where XIRR equals IRR.
    rng = random.Random(3)
    amounts_int = [-(10**6)] + [rng.randint(0, 200_000) for _ in range(199)]
    yearly = [
        (dt.date(1800, 1, 1) + dt.timedelta(days=365 * i), Decimal(a))
        for i, a in enumerate(amounts_int)
    ]
    ours = xirr(yearly)
    seconds = best_of(lambda: xirr(yearly), 5)
    theirs = float(npf.irr(amounts_int))
    their_seconds = best_of(lambda: npf.irr(amounts_int), 3)
    rows.append(
        Row(
            "xirr vs numpy-financial irr, 200 flows 365 days apart",
            f"{seconds * 1e3:.2f} ms vs {their_seconds * 1e3:.1f} ms "
            f"(ratio {seconds / their_seconds:.2f}); |ours - npf| = {abs(ours - theirs):.1e}",
            "-",
            None,
        )
    )
    return rows


def run() -> list[Row]:
    return [*_evaluate_rows(), *_xirr_rows()]
