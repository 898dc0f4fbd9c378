"""The sweep-line fast path against a brute-force count, on every key layout.

``sweep`` packs each span end and start into one sort key; which packing it uses
depends on the time unit (the greatest common divisor of the times) and on the
horizon. The spans here are drawn on a small grid of instants and mapped to real
times by ``offset + instant * scale``, with scales and offsets chosen to reach each
packing: microseconds at whole seconds and half hours (the packed doubles), huge
absolute times, a unit whose odd part is too large for exact doubles, and a horizon
too long for them (the exact integers). The expected values come from counting the
persons present at every instant of the grid, with half-open spans.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from creative_city.hubs import sweep

GRID = 40

spans_strategy = st.lists(
    st.tuples(
        st.integers(0, GRID - 1),
        st.integers(1, 12),
        st.one_of(st.integers(1, 9), st.integers(1, 2**24 - 1)),
    ),
    max_size=30,
)

# (offset, scale) pairs: times are offset + instant * scale.
layouts = st.sampled_from(
    [
        (0, 1),
        (1_735_671_600_000_000, 1_000_000),  # epoch microseconds, whole seconds
        (1_735_671_600_000_000, 1_800_000_000),  # half hours
        (-(10**12), 7),
        (10**19, 1),  # beyond the exact range of doubles
        (5, 3**40),  # odd part of the unit too large for exact doubles
        (1, 2**28),  # unit 1, horizon beyond 2**27 steps
        (2**27, 2**27),
    ]
)


def brute_force(spans: list[tuple[int, int, int]]) -> tuple[int, int | None, int | None]:
    """Peak, first instant at the peak, next instant after it where a span starts or ends."""
    loads = [sum(n for s, length, n in spans if s <= t < s + length) for t in range(GRID + 13)]
    peak = max(loads, default=0)
    if peak == 0:
        return 0, None, None
    first = loads.index(peak)
    events = {s for s, _, _ in spans} | {s + length for s, length, _ in spans}
    return peak, first, min(t for t in events if t > first)


@given(spans_strategy, layouts)
def test_sweep_matches_brute_force_on_every_layout(spans, layout):
    offset, scale = layout
    starts = [offset + s * scale for s, _, _ in spans]
    ends = [offset + (s + length) * scale for s, length, _ in spans]
    persons = [n for _, _, n in spans]
    peak, first, until = brute_force(spans)
    assert sweep(starts, ends, persons) == (
        peak,
        None if first is None else offset + first * scale,
        None if until is None else offset + until * scale,
    )


@given(spans_strategy)
def test_sweep_ignores_input_order(spans):
    starts = [s for s, _, _ in spans]
    ends = [s + length for s, length, _ in spans]
    persons = [n for _, _, n in spans]
    assert sweep(starts[::-1], ends[::-1], persons[::-1]) == sweep(starts, ends, persons)


def test_end_and_start_at_the_same_instant_do_not_overlap():
    # [0, 5) and [5, 10) with one person each: never two at once. The peak starts at 0
    # and its step ends at 5, the next instant where a span starts or ends.
    assert sweep([0, 5], [5, 10], [1, 1]) == (1, 0, 5)
    # Two and one: the larger load comes second, from 5 until 10.
    assert sweep([0, 5], [5, 10], [1, 2]) == (2, 5, 10)
    # Same spans in seconds since 2025-01-01T00:00Z (1735689600), as microseconds.
    base = 1_735_689_600 * 1_000_000
    hour = 3_600 * 1_000_000
    assert sweep([base, base + hour], [base + hour, base + 2 * hour], [3, 3]) == (
        3,
        base,
        base + hour,
    )


def test_the_largest_headcounts_keep_their_sign():
    most = 2**24 - 1
    # Two spans of the largest headcount ending together, then a single one: the ends
    # at 5 must subtract 2 * most, not add it.
    assert sweep([0, 0, 5], [5, 5, 6], [most, most, 1]) == (2 * most, 0, 5)


def test_the_packed_sort_keys_read_back_on_this_machine():
    # Checked once at import (which mutation testing cannot see): called here, the check
    # must find the layout of doubles and ints it relies on, as on every supported host.
    from creative_city.hubs import load  # noqa: PLC0415 - the module's private check

    assert load._packing_works() is True
    assert load._PACKED is True
