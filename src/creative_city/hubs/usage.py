"""Utilisation: booked seat-hours over available seat-hours, per space, hub and period.

* **Available seat-hours** of a space = capacity x the hours inside the hub's opening
  windows during the period (local midnight to local midnight in the hub's zone), from
  the space's opening date, minus closures that concern it. A 24-hour hub has 23
  available hours on the spring-forward day and 25 on the fall-back day.
* **Booked seat-hours** = persons x hours of each occurrence, clipped to the period. An
  exclusive booking occupies the whole space, so it counts as the full capacity.
* **Utilisation** = booked / available (an exact fraction; ``None`` when nothing was
  available).
* **Peak occupancy**: the most persons present at one instant (sweep line).
* **Peak-to-average** = peak / average load, the average being booked person-hours over
  open hours (``None`` when nothing was booked).

A hub's row sums its spaces; its peak is that of the sum of their loads, its average is
taken over the longest open time among its spaces.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

import attrs

from creative_city.errors import ValidationError
from creative_city.hubs.load import sweep
from creative_city.hubs.model import Hub, Space, SpaceMode, to_us
from creative_city.hubs.schedule import Schedule
from creative_city.time import Period

__all__ = ["UtilisationReport", "UtilisationRow", "utilisation"]

_US_PER_HOUR = 3_600_000_000


@attrs.frozen
class UtilisationRow:
    """Utilisation of one space or one hub over a period.

    Attributes:
        scope: ``"space"`` or ``"hub"``.
        hub: The hub id.
        space: The space id (``None`` for a hub row).
        available_seat_hours: Capacity x open hours (exact).
        booked_seat_hours: Persons x booked hours (exact).
        utilisation: booked / available, or ``None`` when nothing was available.
        peak_occupancy: The most persons at one instant.
        peak_to_average: Peak over average load, or ``None`` when nothing was booked.
    """

    scope: str
    hub: str
    space: str | None
    available_seat_hours: Fraction
    booked_seat_hours: Fraction
    utilisation: Fraction | None
    peak_occupancy: int
    peak_to_average: Fraction | None


@attrs.frozen
class UtilisationReport:
    """A utilisation report: one row per space, then one per hub.

    Attributes:
        period: The calendar period.
        rows: Space rows, then hub rows, in hub order.
    """

    period: Period
    rows: tuple[UtilisationRow, ...]

    def __repr__(self) -> str:
        hubs = [r for r in self.rows if r.scope == "hub"]
        shown = ", ".join(f"{r.hub} {float(r.utilisation or 0):.1%}" for r in hubs[:4]) + (
            ", ..." if len(hubs) > 4 else ""
        )
        return f"<UtilisationReport {self.period} {len(self.rows)} rows: {shown}>"

    def row(self, space: str | None = None, hub: str | None = None) -> UtilisationRow:
        """Return the row of *space*, or of *hub* when no space is given."""
        for r in self.rows:
            if (space is not None and r.space == space) or (
                space is None and r.scope == "hub" and r.hub == hub
            ):
                return r
        raise ValidationError("space" if space else "hub", space or hub, "has no row")

    def to_records(self) -> list[dict[str, object]]:
        """Return one plain dict per row (fractions as floats for display)."""
        return [
            {
                "period": str(self.period),
                "scope": r.scope,
                "hub": r.hub,
                "space": r.space,
                "available_seat_hours": float(r.available_seat_hours),
                "booked_seat_hours": float(r.booked_seat_hours),
                "utilisation": None if r.utilisation is None else float(r.utilisation),
                "peak_occupancy": r.peak_occupancy,
                "peak_to_average": None if r.peak_to_average is None else float(r.peak_to_average),
            }
            for r in self.rows
        ]


def utilisation(
    schedule: Schedule, period: Period, hubs: Iterable[str] | None = None
) -> UtilisationReport:
    """Return the utilisation report of *schedule* over *period*.

    Args:
        schedule: The schedule.
        period: A calendar period, read in each hub's local time.
        hubs: Only these hub ids (default: every hub).

    Raises:
        ValidationError: If a hub id is unknown.
    """
    if not isinstance(period, Period):
        raise ValidationError("period", period, "must be a Period")
    wanted = None if hubs is None else list(hubs)
    known = {hub.id for hub in schedule.hubs}
    for name in wanted or ():
        if name not in known:
            raise ValidationError("hubs", name, "is not a hub of the schedule")
    space_rows: list[UtilisationRow] = []
    hub_rows: list[UtilisationRow] = []
    for hub in schedule.hubs:
        if wanted is None or hub.id in wanted:
            rows, hub_row = _hub_rows(schedule, hub, period)
            space_rows += rows
            hub_rows.append(hub_row)
    return UtilisationReport(period, tuple(space_rows + hub_rows))


def _hub_rows(
    schedule: Schedule, hub: Hub, period: Period
) -> tuple[list[UtilisationRow], UtilisationRow]:
    """Return the rows of the hub's spaces, and the hub's row, over *period*."""
    bounds = period.interval(hub.zone)
    p0, p1 = to_us(bounds.start), to_us(bounds.end)
    windows: list[tuple[int, int]] | None = None  # the hub's, computed once when needed
    rows: list[UtilisationRow] = []
    available = booked = longest_open = 0
    everyone = _Booked()
    for space in hub.spaces:
        calendar = schedule.calendar(space.id)
        first = max(p0, calendar.space_opening_us[space.id])
        open_us = 0
        if first < p1:
            if windows is None:
                windows = calendar.windows_between(p0, p1)
            open_us = _open_us(windows, first, calendar.closed_us(space.id, first, p1))
        mine = _Booked.clipped(schedule.spans(space.id), p0, p1)
        capacity = open_us * space.capacity
        rows.append(
            _row(
                "space",
                hub.id,
                space.id,
                available=capacity,
                booked=mine.total,
                peak=_peak(space, mine),
                open_us=open_us,
            )
        )
        available += capacity
        booked += mine.total
        longest_open = max(longest_open, open_us)
        everyone.add(mine)
    peak = sweep(everyone.starts, everyone.ends, everyone.persons)[0] if everyone.starts else 0
    hub_row = _row(
        "hub", hub.id, None, available=available, booked=booked, peak=peak, open_us=longest_open
    )
    return rows, hub_row


@attrs.define
class _Booked:
    """Booked spans (parallel lists) and their total person-microseconds."""

    starts: list[int] = attrs.Factory(list)
    ends: list[int] = attrs.Factory(list)
    persons: list[int] = attrs.Factory(list)
    total: int = 0

    @classmethod
    def clipped(cls, spans: Iterable[tuple[int, int, int]], p0: int, p1: int) -> _Booked:
        """Return *spans* clipped to ``[p0, p1)`` (those left empty are dropped)."""
        booked = cls()
        for s, e, n in spans:
            if s < p0 or e > p1:  # clip to the period
                s, e = max(s, p0), min(e, p1)  # noqa: PLW2901
                if s >= e:
                    continue
            booked.starts.append(s)
            booked.ends.append(e)
            booked.persons.append(n)
            booked.total += (e - s) * n
        return booked

    def add(self, other: _Booked) -> None:
        """Add the spans of *other* to these."""
        self.starts += other.starts
        self.ends += other.ends
        self.persons += other.persons
        self.total += other.total


def _peak(space: Space, booked: _Booked) -> int:
    if not booked.starts:
        return 0
    if space.mode is SpaceMode.EXCLUSIVE:  # one booking at a time, whole space
        return space.capacity
    return sweep(booked.starts, booked.ends, booked.persons)[0]


def _open_us(windows: list[tuple[int, int]], first: int, closed: list[tuple[int, int]]) -> int:
    """Return the open time of *windows* from *first* on, minus the *closed* spans.

    Windows are merged and so are closures: subtract their intersections.
    """
    if windows and first > windows[0][0]:
        windows = [(max(a, first), b) for a, b in windows if b > first]
    total = sum(b - a for a, b in windows)
    i = 0
    for a, b in closed:
        while i < len(windows) and windows[i][1] <= a:
            i += 1
        k = i
        while k < len(windows) and windows[k][0] < b:
            total -= max(0, min(b, windows[k][1]) - max(a, windows[k][0]))
            k += 1
    return total


def _row(
    scope: str,
    hub: str,
    space: str | None,
    *,
    available: int,
    booked: int,
    peak: int,
    open_us: int,
) -> UtilisationRow:
    """Return a row from seat-microseconds available and booked, the peak and open time."""
    return UtilisationRow(
        scope,
        hub,
        space,
        Fraction(available, _US_PER_HOUR),
        Fraction(booked, _US_PER_HOUR),
        Fraction(booked, available) if available else None,
        peak,
        Fraction(peak * open_us, booked) if booked else None,
    )
