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
from creative_city.hubs.admission import Schedule
from creative_city.hubs.model import SpaceMode, to_us
from creative_city.hubs.occupancy import sweep
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


def _open_us(windows: list[tuple[int, int]], closed: list[tuple[int, int]]) -> int:
    total = sum(b - a for a, b in windows)
    # Closures are merged and windows are merged: subtract their intersections.
    i = 0
    for a, b in closed:
        while i < len(windows) and windows[i][1] <= a:
            i += 1
        k = i
        while k < len(windows) and windows[k][0] < b:
            total -= max(0, min(b, windows[k][1]) - max(a, windows[k][0]))
            k += 1
    return total


def _ratio(booked: int, available: int) -> Fraction | None:
    return Fraction(booked, available) if available else None


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
        if wanted is not None and hub.id not in wanted:
            continue
        bounds = period.interval(hub.zone)
        p0, p1 = to_us(bounds.start), to_us(bounds.end)
        calendar = schedule.calendar(hub.spaces[0].id) if hub.spaces else None
        hub_available = hub_booked = hub_open = 0
        hub_windows: list[tuple[int, int]] | None = None
        all_starts: list[int] = []
        all_ends: list[int] = []
        all_persons: list[int] = []
        for space in hub.spaces:
            assert calendar is not None  # noqa: S101 - the hub has spaces
            first = max(p0, calendar.space_opening_us[space.id])
            open_us = 0
            if first < p1:
                if hub_windows is None:
                    hub_windows = calendar.windows_between(p0, p1)
                windows = hub_windows
                if first > p0:
                    windows = [(max(a, first), b) for a, b in windows if b > first]
                open_us = _open_us(windows, calendar.closed_us(space.id, first, p1))
            starts: list[int] = []
            ends: list[int] = []
            persons: list[int] = []
            booked = 0
            for s, e, n in schedule.spans(space.id):
                if s < p0 or e > p1:  # clip to the period
                    s, e = max(s, p0), min(e, p1)  # noqa: PLW2901
                    if s >= e:
                        continue
                starts.append(s)
                ends.append(e)
                persons.append(n)
                booked += (e - s) * n
            if not starts:
                peak = 0
            elif space.mode is SpaceMode.EXCLUSIVE:  # one booking at a time, whole space
                peak = space.capacity
            else:
                peak = sweep(starts, ends, persons)[0]
            available = open_us * space.capacity
            space_rows.append(
                UtilisationRow(
                    "space",
                    hub.id,
                    space.id,
                    Fraction(available, _US_PER_HOUR),
                    Fraction(booked, _US_PER_HOUR),
                    _ratio(booked, available),
                    peak,
                    Fraction(peak * open_us, booked) if booked else None,
                )
            )
            hub_available += available
            hub_booked += booked
            hub_open = max(hub_open, open_us)
            all_starts += starts
            all_ends += ends
            all_persons += persons
        hub_peak = sweep(all_starts, all_ends, all_persons)[0] if all_starts else 0
        hub_rows.append(
            UtilisationRow(
                "hub",
                hub.id,
                None,
                Fraction(hub_available, _US_PER_HOUR),
                Fraction(hub_booked, _US_PER_HOUR),
                _ratio(hub_booked, hub_available),
                hub_peak,
                Fraction(hub_peak * hub_open, hub_booked) if hub_booked else None,
            )
        )
    return UtilisationReport(period, tuple(space_rows + hub_rows))
