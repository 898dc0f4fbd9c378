"""Crowdfunding: replay a million-event log, settle a million pledges, a shared match pool.

Targets (issue 3): replay >= 200,000 events/s, settle <= 2 s, peak memory <= 500 MB, for
one campaign with 1,000,000 pledge/raise/cancel events and for 10,000 campaigns sharing
one match pool with 1,000,000 pledges in total.

The event logs are generated directly (a valid history: every change and cancel hits
a live pledge) and the setup is not timed; the platform rebuilt from them is then
settled through the ordinary command path (validation included).
"""

from __future__ import annotations

import datetime as dt
import gc
import pathlib
import random
import resource
import subprocess
import sys
import time
import tracemalloc

from creative_city.funding.crowdfunding import (
    CampaignClosed,
    CampaignCreated,
    CampaignDefinition,
    CampaignLaunched,
    CampaignStatus,
    Event,
    FeePolicy,
    MatchPool,
    Platform,
    PledgeCancelled,
    PledgeChanged,
    PledgeCollected,
    PledgeCreated,
    PoolCreated,
    Settle,
)
from creative_city.money import Money
from run import Row

T0 = dt.datetime(2022, 10, 1, tzinfo=dt.UTC)
DEADLINE = T0 + dt.timedelta(days=60)
N_EVENTS = 1_000_000
FEES = FeePolicy(platform_rate="0.05", payment_rate="0.029")


def _kzt(units: int) -> Money:
    return Money.from_minor(units, "KZT")


def _one_campaign_log(n: int) -> tuple[list[Event], int]:
    """A log of *n* pledge/raise/cancel events on one campaign; returns (log, live pledges)."""
    rng = random.Random(2022)
    d = CampaignDefinition(
        id="album", owner="studio", goal=_kzt(10**9), launch=T0, deadline=DEADLINE, fees=FEES
    )
    log: list[Event] = [CampaignCreated(d, T0), CampaignLaunched("album", T0)]
    live: list[str] = []
    amounts: dict[str, int] = {}
    zero = _kzt(0)
    at = T0 + dt.timedelta(hours=1)
    prices = [_kzt(u) for u in range(50_000, 5_000_001, 50_000)]
    for i in range(n):
        roll = rng.random()
        if roll < 0.6 or len(live) < 10:
            pid = f"p{i}"
            amount = rng.choice(prices)
            log.append(PledgeCreated("album", pid, f"b{i % 300_000}", amount, None, zero, at))
            live.append(pid)
            amounts[pid] = amount.minor
        elif roll < 0.85:
            pid = live[rng.randrange(len(live))]
            amount = rng.choice(prices)
            log.append(PledgeChanged("album", pid, amount, zero, at))
            amounts[pid] = amount.minor
        else:
            index = rng.randrange(len(live))
            pid = live[index]
            live[index] = live[-1]
            live.pop()
            log.append(PledgeCancelled("album", pid, at))
    return log, len(live)


def _pool_log(n_campaigns: int, n_pledges: int) -> list[Event]:
    """10,000 campaigns in one pool, *n_pledges* pledges, each with its 1:1 match."""
    rng = random.Random(2030)
    pool = MatchPool("city", _kzt(10**12), per_pledge_cap=_kzt(500_000))
    log: list[Event] = [PoolCreated(pool, T0)]
    for c in range(n_campaigns):
        d = CampaignDefinition(
            id=f"c{c}",
            owner=f"o{c}",
            goal=_kzt(10**8),
            launch=T0,
            deadline=DEADLINE,
            pool_id="city",
        )
        log.append(CampaignCreated(d, T0))
        log.append(CampaignLaunched(f"c{c}", T0))
    at = T0 + dt.timedelta(hours=1)
    prices = [(_kzt(u), _kzt(min(u, 500_000))) for u in range(50_000, 2_000_001, 50_000)]
    for i in range(n_pledges):
        amount, match = rng.choice(prices)
        log.append(PledgeCreated(f"c{i % n_campaigns}", f"p{i}", f"b{i}", amount, None, match, at))
    return log


def _replay(log: list[Event]) -> tuple[Platform, float, float]:
    """Replay *log*: the platform, the wall-clock seconds and the CPU seconds it took.

    On a machine shared with other work, the wall clock also counts the time spent
    waiting for a core (a replay of a million events outlasts many time slices): at a
    load of 20 on 2 cores it was 10 times the CPU time. The CPU time is the replay's
    own work, the same in a fresh process and in this suite; targets are judged on it.
    """
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    platform = Platform.replay(log)
    return platform, time.perf_counter() - start, time.process_time() - cpu


def _one_campaign() -> list[Row]:
    log, _ = _one_campaign_log(N_EVENTS)
    pledge_events = len(log) - 2
    best = best_cpu = float("inf")
    platform = Platform()
    for _ in range(3):
        del platform  # the previous replay's state is not kept alive during the next
        platform, seconds, cpu = _replay(log)
        best, best_cpu = min(best, seconds), min(best_cpu, cpu)
    rate = len(log) / best_cpu
    # Close, collect every live pledge (as events), then settle through the command path.
    summary = platform.summary("album")
    tail: list[Event] = [
        CampaignClosed("album", CampaignStatus.FUNDED, summary.pledged, summary.matched, DEADLINE)
    ]
    state = platform.campaign_state("album")
    tail.extend(
        PledgeCollected("album", p.id, p.amount, DEADLINE)
        for p in state.pledges
        if p.status.value == "active"
    )
    del state
    full = [*log, *tail]
    del log, tail
    settle_cmd = Settle("album", DEADLINE + dt.timedelta(days=1))
    settle = float("inf")
    for _ in range(3):
        platform = Platform.replay(full)
        gc.collect()
        start = time.perf_counter()
        platform.execute(settle_cmd)
        settle = min(settle, time.perf_counter() - start)
    after = platform.summary("album")
    platform = Platform.replay(full)
    gc.collect()
    tracemalloc.start()
    platform.execute(settle_cmd)
    _, settle_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    exact = after.collected == after.payout + after.fees + after.refunded + after.held
    live = len(full) - pledge_events - 3
    del platform
    gc.collect()
    tracemalloc.start()
    Platform.replay(full)
    _, replay_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return [
        Row(
            f"one campaign: replay {pledge_events:,} pledge/raise/cancel events",
            f"{rate:,.0f} events/s ({best_cpu:.2f} s CPU, {best:.2f} s wall clock)",
            ">= 200,000 events/s",
            rate >= 200_000,
        ),
        Row(
            f"one campaign: settle {live:,} collected pledges (fees 5 % + 2.9 %)",
            f"{settle:.2f} s, exact={exact}",
            "<= 2 s, collected = payout + fees + refunds + held",
            settle <= 2 and exact,
        ),
        Row(
            "one campaign: peak memory",
            f"replay {replay_peak / 2**20:.0f} MB, settle {settle_peak / 2**20:.0f} MB "
            "(tracemalloc, state only)",
            "<= 500 MB",
            replay_peak <= 500 * 2**20 and settle_peak <= 500 * 2**20,
        ),
    ]


def _shared_pool() -> list[Row]:
    log = _pool_log(10_000, N_EVENTS)
    best = best_cpu = float("inf")
    platform = Platform()
    for _ in range(3):
        del platform
        platform, seconds, cpu = _replay(log)
        best, best_cpu = min(best, seconds), min(best_cpu, cpu)
    pool = platform.pool_state("city")
    balanced = pool.available + pool.reserved + pool.paid == pool.pool.budget
    rate = len(log) / best_cpu
    del platform
    gc.collect()
    tracemalloc.start()
    Platform.replay(log)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return [
        Row(
            "10,000 campaigns, one match pool: replay 1,000,000 matched pledges",
            f"{rate:,.0f} events/s ({best_cpu:.2f} s CPU, {best:.2f} s wall clock), "
            f"budget balanced={balanced}",
            ">= 200,000 events/s, budget = spent + available",
            rate >= 200_000 and balanced,
        ),
        Row(
            "10,000 campaigns, one match pool: peak memory",
            f"{peak / 2**20:.0f} MB (tracemalloc, replay)",
            "<= 500 MB",
            peak <= 500 * 2**20,
        ),
    ]


def _probe(kind: str) -> None:
    """Build one log, replay it and settle (one campaign): print the process's max RSS."""
    if kind == "one":
        log, _ = _one_campaign_log(N_EVENTS)
    else:
        log = _pool_log(10_000, N_EVENTS)
    Platform.replay(log)
    print(f"{_peak_mb():.0f}")


def _fresh_process_rss(kind: str) -> float:
    here = pathlib.Path(__file__).parent
    code = (
        f"import sys; sys.path.insert(0, {str(here)!r}); "
        f"import bench_crowdfunding as b; b._probe({kind!r})"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return float(out.strip().splitlines()[-1])


def _process_rows() -> list[Row]:
    one = _fresh_process_rss("one")
    pool = _fresh_process_rss("pool")
    return [
        Row(
            "one campaign: whole process (interpreter + 1,000,000-event log + state)",
            f"{one:.0f} MB peak RSS",
            "<= 250 MB (issue 16; issue 3: <= 500 MB)",
            one <= 250,
        ),
        Row(
            "10,000 campaigns + pool: whole process (log of 1,000,000 matched pledges + state)",
            f"{pool:.0f} MB peak RSS",
            "(no target in the issue)",
            None,
        ),
    ]


def _peak_mb() -> float:
    """This process's peak resident memory: VmHWM (reset by exec), else ru_maxrss."""
    status = pathlib.Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return _max_rss_mb()


def _max_rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 2**20 if sys.platform == "darwin" else rss / 1024


def run() -> list[Row]:
    """Run the crowdfunding benchmarks."""
    process = _process_rows()  # first, in fresh child processes
    return [*_one_campaign(), *_shared_pool(), *process]
