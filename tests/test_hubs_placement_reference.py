"""Placement and decisions against references: the documented strategy, brute force.

* ``place_batch`` takes requests by priority (highest first, ties in input order) and
  tries the spaces of the kind that hold the headcount by best fit (smallest capacity,
  then id); the reference follows those words with one admission per try, and the
  placements must match, reasons included.
* ``best_schedule`` must reach the heaviest total of any set of candidates that keep
  ``buffer`` between them (every subset tried), choose only compatible ones, list them
  in time order, and prefer leaving a candidate out on a tie.
* A decision's ``repr`` and records say what it holds.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from creative_city.errors import ValidationError
from creative_city.hubs import (
    AdmitMode,
    BookingRequest,
    Decision,
    PlacementRequest,
    Reason,
    ReasonCode,
    Schedule,
    SkippedOccurrence,
    Space,
    SpaceMode,
    place_batch,
)
from creative_city.hubs.placement import Candidate, best_schedule
from creative_city.time import Interval
from test_hubs_reference import HUB, minute, when

PLACING_HUB = attrs.evolve(
    HUB,
    closures=(),
    spaces=(
        Space("small", "studio", Decimal(20), 2, SpaceMode.EXCLUSIVE),
        Space("large", "studio", Decimal(60), 6, SpaceMode.EXCLUSIVE),
        Space("alpha", "studio", Decimal(20), 2, SpaceMode.EXCLUSIVE),
        Space("desk", "coworking", Decimal(30), 3),
    ),
)


@st.composite
def placement_requests(draw):
    kind = draw(st.sampled_from(["studio", "coworking", "roof"]))
    s = minute(6, 0) + 15 * draw(st.integers(36, 80))
    e = s + 15 * draw(st.integers(1, 12))
    return PlacementRequest(
        f"R{draw(st.integers(0, 10**6))}",
        kind,
        Interval(when(s), when(e)),
        draw(st.integers(1, 7)),
        "t",
        draw(st.integers(0, 3)),
    )


def reference_batch(requests):
    schedule = Schedule.of(PLACING_HUB)
    spaces = sorted(PLACING_HUB.spaces, key=lambda s: (s.capacity, s.id))
    order = sorted(range(len(requests)), key=lambda i: (-requests[i].priority, i))
    placed = {}
    for i in order:
        request = requests[i]
        reasons = None
        for space in spaces:
            if space.kind != request.kind or space.capacity < request.headcount:
                continue
            decision = schedule.admit(
                BookingRequest(
                    space.id, request.interval, request.headcount, request.tenant, id=request.id
                )
            )
            if decision.accepted:
                placed[i] = (request.id, space.id, ())
                break
            if reasons is None:
                reasons = decision.reasons
        else:
            placed[i] = (request.id, None, reasons or ())
    return [placed[i] for i in range(len(requests))], schedule.state()


@example(
    [
        PlacementRequest(
            "low", "studio", Interval(when(minute(6, 10)), when(minute(6, 12))), 2, "a", 1
        ),
        PlacementRequest(
            "high", "studio", Interval(when(minute(6, 10)), when(minute(6, 12))), 2, "b", 5
        ),
        PlacementRequest(
            "tie", "studio", Interval(when(minute(6, 10)), when(minute(6, 12))), 2, "c", 5
        ),
        PlacementRequest(
            "big", "studio", Interval(when(minute(6, 11)), when(minute(6, 12))), 5, "d", 1
        ),
        PlacementRequest(
            "late", "studio", Interval(when(minute(6, 10)), when(minute(6, 12))), 2, "e", 0
        ),
    ]
)  # priorities, ties in input order, best fit by capacity then id, the first refusal's reasons
@given(st.lists(placement_requests(), max_size=8, unique_by=lambda r: r.id))
def test_place_batch_follows_its_strategy(requests):
    schedule = Schedule.of(PLACING_HUB)
    placements = place_batch(schedule, requests)
    expected, state = reference_batch(requests)
    assert [(p.request, p.space, p.reasons) for p in placements] == expected
    assert schedule.state() == state


def compatible(chosen, candidates, gap):
    spans = sorted((candidates[i].interval.start, candidates[i].interval.end) for i in chosen)
    return all(b + gap <= c for (_, b), (c, _) in itertools.pairwise(spans))


@example([(0, 2, 3), (2, 2, 3), (4, 2, 3)], 1)
@given(
    st.lists(st.tuples(st.integers(0, 12), st.integers(1, 5), st.integers(0, 6)), max_size=7),
    st.integers(0, 2),
)
def test_best_schedule_is_the_heaviest_compatible_set(raw, buffer_hours):
    base = dt.datetime(2025, 1, 6, tzinfo=dt.UTC)
    candidates = [
        Candidate(Interval(base + dt.timedelta(hours=s), base + dt.timedelta(hours=s + n)), w)
        for s, n, w in raw
    ]
    gap = dt.timedelta(hours=buffer_hours)
    selection = best_schedule(candidates, gap)
    best = max(
        (
            sum(candidates[i].weight for i in subset)
            for size in range(len(candidates) + 1)
            for subset in itertools.combinations(range(len(candidates)), size)
            if compatible(subset, candidates, gap)
        ),
        default=0,
    )
    assert selection.total == best
    assert compatible(selection.chosen, candidates, gap)
    assert sum(candidates[i].weight for i in selection.chosen) == best
    starts = [candidates[i].interval.start for i in selection.chosen]
    assert starts == sorted(starts)


def test_a_tie_leaves_the_later_candidate_out():
    # {A} and {B, C} both weigh 5: the DP takes a candidate only when strictly better.
    base = dt.datetime(2025, 1, 6, tzinfo=dt.UTC)
    hours = [(0, 4, 5), (0, 2, 3), (2, 2, 2)]
    candidates = [
        Candidate(Interval(base + dt.timedelta(hours=s), base + dt.timedelta(hours=s + n)), w)
        for s, n, w in hours
    ]
    assert best_schedule(candidates).chosen == (0,)
    assert best_schedule(candidates, dt.timedelta(hours=1)).chosen == (0,)


@pytest.mark.parametrize(
    "buffer", [dt.timedelta(microseconds=-1), dt.timedelta(hours=-5), 60, None]
)
def test_a_buffer_is_a_timedelta_of_at_least_zero(buffer):
    # The turnaround rule of a space (Space.buffer) holds here too: a negative buffer
    # would let candidates overlap.
    base = dt.datetime(2025, 1, 6, tzinfo=dt.UTC)
    candidates = [Candidate(Interval(base, base + dt.timedelta(hours=1)), 1)]
    with pytest.raises(ValidationError, match=r"^buffer = .*: must be a timedelta >= 0$") as caught:
        best_schedule(candidates, buffer)
    assert (caught.value.field, caught.value.value) == ("buffer", buffer)


def test_a_decision_says_what_it_holds():
    at = when(minute(6, 10))
    clash = Reason(ReasonCode.CONFLICT, "conflicts with booking B1", at=at, booking="B1")
    full = Reason(ReasonCode.OVER_CAPACITY, "over capacity", occurrence=at, at=at, excess=2)
    rejected = Decision(False, "B2", (clash, full))
    assert repr(rejected) == "<Decision B2 rejected: conflicts with booking B1; over capacity>"
    assert rejected.to_records() == [
        {
            "booking_id": "B2",
            "accepted": False,
            "code": "conflict",
            "message": "conflicts with booking B1",
            "occurrence": None,
            "at": at,
            "excess": None,
            "booking": "B1",
        },
        {
            "booking_id": "B2",
            "accepted": False,
            "code": "over-capacity",
            "message": "over capacity",
            "occurrence": at,
            "at": at,
            "excess": 2,
            "booking": None,
        },
    ]
    skipped = (SkippedOccurrence(at, (clash,)),)
    accepted = Decision(True, "B3", placed=2, skipped=skipped)
    assert repr(accepted) == "<Decision B3 accepted, skipped 1>"
    assert accepted.to_records() == [
        {"booking_id": "B3", "accepted": True, "placed": 2, "skipped": 1}
    ]
    assert repr(Decision(True, "B4", placed=1)) == "<Decision B4 accepted>"
    assert AdmitMode("skip-conflicts") is AdmitMode.SKIP_CONFLICTS
