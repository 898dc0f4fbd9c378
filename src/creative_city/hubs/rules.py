"""The admission rules, written once: what a booking of a space must not break.

:func:`breaches` is the only place that decides whether ``[s, e)`` (epoch microseconds)
may be booked in a space for some persons. It checks, in this order:

1. the space is open by then (its own opening date, else its hub's);
2. the duration lies within the space's minimum and maximum;
3. notice: the start is at least ``min_notice`` after the request, and the *end* at
   most ``max_advance`` after it (so long bookings cannot overrun the horizon);
4. the interval lies inside one opening window of the hub;
5. no closure of the space overlaps it;
6. an exclusive space has no booking whose span (plus the turnaround buffer) it
   overlaps; a shared space stays within its capacity at every instant, buffer
   included.

It returns every rule broken, each as a function that words its :class:`Reason` for
an occurrence; an empty list means the booking may be made. Admitting, the common case,
thus builds no message at all; rejecting builds one per broken rule. A recurring
request adds one rule of its own, :func:`self_overlap`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from functools import partial

from creative_city.hubs.booking import Reason, ReasonCode
from creative_city.hubs.ledger import ExclusiveSpans, SpaceLedger
from creative_city.hubs.model import Closure, from_us

__all__ = ["Breach", "breaches", "self_overlap"]

Breach = Callable[[_dt.datetime | None], Reason]
"""A broken rule: called with the occurrence's start (or ``None``), it words the reason."""


def breaches(ledger: SpaceLedger, s: int, e: int, asked: int | None, persons: int) -> list[Breach]:
    """Return every rule that booking ``[s, e)`` for *persons* in the space would break.

    Args:
        ledger: The space's ledger (limits, calendar, what is booked).
        s: The start, in epoch microseconds.
        e: The end, in epoch microseconds.
        asked: When the booking was requested (epoch microseconds), or ``None``.
        persons: The headcount.

    Returns:
        The broken rules in the order of the module's list; empty if none is broken.
    """
    found: list[Breach] = []
    if s < ledger.opening:
        found.append(partial(_not_open_yet, ledger, s))
    length = e - s
    if length < ledger.min_us or (ledger.max_us is not None and length > ledger.max_us):
        found.append(partial(_duration, ledger, length))
    if asked is not None:
        if s - asked < ledger.notice:
            found.append(partial(_notice, ledger, s, asked))
        if ledger.advance is not None and e - asked > ledger.advance:
            found.append(partial(_advance, ledger, e, asked))
    calendar = ledger.calendar
    if not calendar.covered(s, e):
        found.append(partial(_outside_hours, ledger, s, e))
    if ledger.closures:
        found += [
            partial(_closure, ledger, c) for c in calendar.closures_over(ledger.space.id, s, e)
        ]
    booked = ledger.booked
    if isinstance(booked, ExclusiveSpans):
        clashes = booked.clashes(s, e)
        if clashes:
            found += [partial(_conflict, ledger, key, start, s) for key, start in clashes]
    else:
        peak, where = booked.peak(s, e + booked.buffer)
        if peak + persons > ledger.capacity:
            found.append(partial(_over_capacity, ledger, peak, where, persons))
    return found


def self_overlap(ledger: SpaceLedger, occurrence: _dt.datetime, earlier_end: int) -> Reason:
    """Return the reason an occurrence overlaps an earlier one of the same booking.

    Args:
        ledger: The space's ledger.
        occurrence: The occurrence's start.
        earlier_end: Where the earlier occurrences end (without the buffer).
    """
    return Reason(
        ReasonCode.SELF_OVERLAP,
        f"occurrence at {occurrence.isoformat()} overlaps an earlier occurrence "
        f"of the same booking (which ends {_fmt(earlier_end, ledger)})",
        occurrence=occurrence,
    )


# -- the reasons' wording ---------------------------------------------------------------


def _local(us: int, ledger: SpaceLedger) -> _dt.datetime:
    return from_us(us).astimezone(ledger.calendar.tzinfo)


def _fmt(us: int, ledger: SpaceLedger) -> str:
    return _local(us, ledger).isoformat()


def _not_open_yet(ledger: SpaceLedger, s: int, occurrence: _dt.datetime | None) -> Reason:
    return Reason(
        ReasonCode.NOT_OPEN_YET,
        f"space {ledger.space.id!r} opens {_fmt(ledger.opening, ledger)}; the booking starts "
        f"{_fmt(s, ledger)}",
        occurrence,
        _local(s, ledger),
    )


def _duration(ledger: SpaceLedger, length: int, occurrence: _dt.datetime | None) -> Reason:
    space = ledger.space
    return Reason(
        ReasonCode.DURATION,
        f"duration {_dt.timedelta(microseconds=length)} is outside "
        f"[{space.min_duration}, {space.max_duration or 'no limit'}] "
        f"for space {space.id!r}",
        occurrence,
    )


def _notice(ledger: SpaceLedger, s: int, asked: int, occurrence: _dt.datetime | None) -> Reason:
    space = ledger.space
    return Reason(
        ReasonCode.NOTICE,
        f"starts {_dt.timedelta(microseconds=s - asked)} after the request; "
        f"space {space.id!r} needs at least {space.min_notice} notice",
        occurrence,
        _local(s, ledger),
    )


def _advance(ledger: SpaceLedger, e: int, asked: int, occurrence: _dt.datetime | None) -> Reason:
    space = ledger.space
    return Reason(
        ReasonCode.NOTICE,
        f"ends {_dt.timedelta(microseconds=e - asked)} after the request; "
        f"space {space.id!r} books at most {space.max_advance} ahead "
        "(measured to the booking's end)",
        occurrence,
        _local(e, ledger),
    )


def _outside_hours(ledger: SpaceLedger, s: int, e: int, occurrence: _dt.datetime | None) -> Reason:
    return Reason(
        ReasonCode.OUTSIDE_HOURS,
        f"{_fmt(s, ledger)} to {_fmt(e, ledger)} is not inside the opening hours "
        f"of hub {ledger.calendar.hub.id!r}",
        occurrence,
        _local(s, ledger),
    )


def _closure(ledger: SpaceLedger, closure: Closure, occurrence: _dt.datetime | None) -> Reason:
    tzinfo = ledger.calendar.tzinfo
    start = closure.interval.start.astimezone(tzinfo)
    return Reason(
        ReasonCode.CLOSURE,
        f"hub {ledger.calendar.hub.id!r} is closed {start.isoformat()} to "
        f"{closure.interval.end.astimezone(tzinfo).isoformat()} "
        f"({closure.reason or 'closure'})",
        occurrence,
        start,
    )


def _conflict(
    ledger: SpaceLedger, key: str, start: int, s: int, occurrence: _dt.datetime | None
) -> Reason:
    buffer = ledger.space.buffer
    return Reason(
        ReasonCode.CONFLICT,
        f"conflicts with booking {key} at {_fmt(start, ledger)}"
        + (f" (with {buffer} turnaround)" if buffer else ""),
        occurrence,
        _local(max(start, s), ledger),
        booking=key,
    )


def _over_capacity(
    ledger: SpaceLedger, peak: int, where: int, persons: int, occurrence: _dt.datetime | None
) -> Reason:
    capacity = ledger.capacity
    excess = peak + persons - capacity
    return Reason(
        ReasonCode.OVER_CAPACITY,
        f"over capacity at {_fmt(where, ledger)} by {excess} persons "
        f"({peak} booked + {persons} > {capacity})",
        occurrence,
        _local(where, ledger),
        excess,
    )
