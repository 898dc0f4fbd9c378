"""Hubs: admission throughput vs an intervaltree checker, sweep, utilisation, expansion."""

from __future__ import annotations

import datetime as dt
import gc
import random
from decimal import Decimal

from creative_city.hubs import (
    BookingRequest,
    DayHours,
    Hub,
    HubKind,
    Recurrence,
    Schedule,
    Space,
    SpaceMode,
    expand,
    sweep,
    utilisation,
)
from creative_city.hubs.calendar import HubCalendar
from creative_city.hubs.model import to_microseconds, to_us
from creative_city.time import Interval, Period, zone
from run import Row, best_of

ALMATY = zone("Asia/Almaty")
N_BOOKINGS = 200_000
N_SPACES = 500


def _hub(hub_id: str, spaces: int, prefix: str) -> Hub:
    return Hub(
        hub_id,
        hub_id,
        HubKind.IT_HUB,
        "Asia/Almaty",
        Decimal(1_000_000),
        dt.date(2024, 1, 1),
        hours=DayHours.every_day(dt.time(8), dt.time(22)),
        spaces=tuple(
            Space(
                f"{prefix}{i}",
                "studio" if i % 2 else "coworking",
                Decimal(50),
                4 if i % 2 else 30,
                SpaceMode.EXCLUSIVE if i % 2 else SpaceMode.SHARED,
            )
            for i in range(spaces)
        ),
    )


def _requests(hub: Hub, n: int, seed: int) -> list[BookingRequest]:
    rng = random.Random(seed)
    base = dt.datetime(2025, 1, 1, tzinfo=ALMATY)
    out = []
    for _ in range(n):
        space = hub.spaces[rng.randrange(len(hub.spaces))]
        day = rng.randrange(365)
        hour = rng.randrange(8, 21)
        start = base + dt.timedelta(days=day, hours=hour, minutes=rng.choice((0, 30)))
        length = dt.timedelta(minutes=rng.choice((30, 60, 90, 120)))
        out.append(
            BookingRequest(
                space.id,
                Interval(start, start + length),
                rng.randint(1, 4 if space.mode is SpaceMode.EXCLUSIVE else 10),
                "t",
            )
        )
    return out


class IntervalTreeChecker:
    """The same validation (hours, duration, capacity/conflicts) on intervaltree."""

    def __init__(self, hub: Hub) -> None:
        from intervaltree import IntervalTree  # noqa: PLC0415 - dev-only comparison

        self.calendar = HubCalendar(hub)
        self.spaces = {s.id: s for s in hub.spaces}
        self.trees = {s.id: IntervalTree() for s in hub.spaces}

    def admit(self, request: BookingRequest) -> bool:
        space = self.spaces[request.space]
        s, e = to_us(request.interval.start), to_us(request.interval.end)
        ok = self.calendar.covered(s, e) and e - s >= to_microseconds(space.min_duration)
        tree = self.trees[space.id]
        overlapping = tree.overlap(s, e)
        if space.mode is SpaceMode.EXCLUSIVE:
            ok = ok and not overlapping
        else:
            changes: dict[int, int] = {}
            for iv in overlapping:
                changes[max(iv.begin, s)] = changes.get(max(iv.begin, s), 0) + iv.data
                changes[iv.end] = changes.get(iv.end, 0) - iv.data
            load = peak = 0
            for t in sorted(changes):
                load += changes[t]
                peak = max(peak, load)
            ok = ok and peak + request.headcount <= space.capacity
        if ok:
            tree.addi(s, e, request.headcount)
        return ok


def _admission() -> list[Row]:
    hub = _hub("h", N_SPACES, "s")
    requests = _requests(hub, N_BOOKINGS, 2022)
    accepted = [0, 0]

    def ours() -> None:
        schedule = Schedule.of(hub)
        schedule.calendar("s0").year(2025)
        admit = schedule.admit
        accepted[0] = sum(1 for r in requests if admit(r).accepted)

    def theirs() -> None:
        checker = IntervalTreeChecker(hub)
        checker.calendar.year(2025)
        accepted[1] = sum(1 for r in requests if checker.admit(r))

    t_ours = best_of(ours, repeat=3)
    t_theirs = best_of(theirs, repeat=1)
    rate = N_BOOKINGS / t_ours
    return [
        Row(
            "admit 200,000 bookings, 500 spaces (half exclusive, half shared)",
            f"{rate:,.0f} /s ({t_ours:.2f} s, {accepted[0]:,} accepted)",
            ">= 50,000 /s",
            rate >= 50_000,
        ),
        Row(
            "same validation on intervaltree",
            f"{N_BOOKINGS / t_theirs:,.0f} /s ({t_theirs:.2f} s, {accepted[1]:,} accepted, "
            f"ratio {t_ours / t_theirs:.2f})",
            "ours at least as fast",
            t_ours <= t_theirs and accepted[0] == accepted[1],
        ),
    ]


def _sweep() -> list[Row]:
    rng = random.Random(7)
    n = 1_000_000
    base = to_us(dt.datetime(2025, 1, 1, tzinfo=ALMATY))
    starts = [base + rng.randrange(365 * 86_400) * 1_000_000 for _ in range(n)]
    ends = [s + rng.randrange(1, 8 * 3600) * 1_000_000 for s in starts]
    persons = [rng.randint(1, 10) for _ in range(n)]
    seconds = best_of(lambda: sweep(starts, ends, persons), repeat=3)
    return [
        Row(
            "peak occupancy over 1,000,000 occurrences (sweep line)",
            f"{seconds:.2f} s",
            "<= 3 s",
            seconds <= 3,
        )
    ]


def _utilisation() -> list[Row]:
    hubs = [_hub(f"hub{h}", 100, f"h{h}s") for h in range(8)]
    schedule = Schedule(hubs)
    admitted = 0
    for h, hub in enumerate(hubs):
        for r in _requests(hub, 25_000, h):
            admitted += schedule.admit(r).accepted
    period = Period.year(2025)
    seconds = best_of(lambda: utilisation(schedule, period), repeat=2)
    return [
        Row(
            f"utilisation report, a year, 8 hubs x 100 spaces ({admitted:,} bookings)",
            f"{seconds:.2f} s",
            "<= 2 s",
            seconds <= 2,
        )
    ]


def _expand() -> list[Row]:
    rule = Recurrence("FREQ=WEEKLY;BYDAY=MO;UNTIL=20291231T000000Z")
    start = dt.datetime(2025, 1, 6, 10, tzinfo=ALMATY)
    count = len(expand(rule, start, "Asia/Almaty"))
    seconds = best_of(lambda: expand(rule, start, "Asia/Almaty"), repeat=10)
    return [
        Row(
            f"expand a weekly booking over 5 years ({count} occurrences)",
            f"{seconds * 1e3:.1f} ms",
            "<= 10 ms",
            seconds <= 0.010,
        )
    ]


def run() -> list[Row]:
    rows: list[Row] = []
    for section in (_admission, _sweep, _utilisation, _expand):
        gc.collect()  # start each measurement from a clean heap
        rows.extend(section())
    return rows
