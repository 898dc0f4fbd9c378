"""Cases for the hubs operations.

Recurrences across DST gaps and folds, bookings that touch end to start, capacity
at the boundary, rollout dates at the planned opening.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Final

from creative_city.conformance.cases.base import case, dst_changes, stamp
from creative_city.conformance.cases.choices import Choices
from creative_city.hubs import AdmitMode, HubKind

__all__ = ["admit", "availability", "expand", "planned_hubs", "rollout_status", "utilisation"]

_FREQUENCIES: Final = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
_MODES: Final = tuple(mode.value for mode in AdmitMode)


def _start_near_change(source: Choices) -> tuple[str, _dt.datetime]:
    # A wall-clock start a few days before a clock change, at a time of day that the
    # change skips (a gap, three times in four) or repeats (a fold) on its day.
    gap = source.integer(0, 3) < 3
    changes = tuple(change for change in dst_changes() if change[3] is gap)
    zone, local, minutes, _ = source.pick(changes)
    inside = _dt.timedelta(minutes=15 * source.integer(0, minutes // 15 - 1))
    days = source.pick((1, 7, 2, 3, 14, 28))
    return zone, local + inside - _dt.timedelta(days=days)


@case("hubs.expand")
def expand(source: Choices) -> dict[str, Any]:
    """Bounded rules across a DST gap or fold; some add, remove or cut off dates."""
    zone, local = _start_near_change(source)
    frequency = source.pick(_FREQUENCIES)
    parts = [f"FREQ={frequency}", f"COUNT={source.pick((3, 2, 5, 10, 1))}"]
    interval = source.pick((1, 1, 2, 7))
    if interval > 1:
        parts.append(f"INTERVAL={interval}")
    document: dict[str, Any] = {"rule": ";".join(parts), "start": stamp(local, zone), "zone": zone}
    extra = source.integer(0, 9)
    if extra == 9:
        document["max_occurrences"] = source.integer(1, 5)
    elif extra >= 6:
        step = _dt.timedelta(days=source.pick((1, 7)))
        if extra == 6:
            document["exdates"] = [stamp(local + step, zone)]
        elif extra == 7:
            document["rdates"] = [stamp(local + step + _dt.timedelta(hours=1), zone)]
        else:
            document["window_end"] = stamp(local + 2 * step, zone)
    return document


def _hours_of(hub: dict[str, Any], day: _dt.date) -> tuple[int, int] | None:
    # The opening hours of *hub* on *day* as minutes since midnight, if it opens.
    for hours in hub["hours"]:
        if hours["weekday"] == day.weekday():
            opens, closes = (_dt.time.fromisoformat(hours[key]) for key in ("opens", "closes"))
            end = 24 * 60 if closes == _dt.time(0) else closes.hour * 60 + closes.minute
            return opens.hour * 60 + opens.minute, end
    return None


_SPEC: Final = (
    ("space", 0, 3),
    # 0: placed on its own; 1, 2: starts when an earlier request ends.
    ("touch", 0, 2),
    ("day", 0, 13),
    ("slot", 0, 95),
    ("quarters", 1, 16),
    # 9: one over the space's capacity (one time in ten).
    ("over", 0, 9),
    ("headcount", 0, 9),
    # 3: a daily recurrence of 2-4 occurrences.
    ("recurring", 0, 3),
    ("count", 2, 4),
)


def _requests(source: Choices, hub: dict[str, Any], *, recurring: bool) -> list[dict[str, Any]]:
    # One to four requests inside opening hours on the hub's first days, the later
    # ones often starting exactly when an earlier one ends (end to start) in the same
    # space.
    specs = [
        {name: source.integer(low, high) for name, low, high in _SPEC} for _ in source.repeat(1, 4)
    ]
    return _placed(hub, specs, recurring=recurring)


def _placed(
    hub: dict[str, Any], specs: list[dict[str, int]], *, recurring: bool
) -> list[dict[str, Any]]:
    opening = _dt.date.fromisoformat(hub["opening_date"])
    found: list[dict[str, Any]] = []
    for spec in specs:
        space = hub["spaces"][spec["space"] % len(hub["spaces"])]
        if found and spec["touch"]:
            previous = found[(spec["touch"] - 1) % len(found)]
            space = next(s for s in hub["spaces"] if s["id"] == previous["space"])
            start = _dt.datetime.fromisoformat(previous["interval"]["end"])
        else:
            day = opening + _dt.timedelta(days=spec["day"])
            opens, closes = _hours_of(hub, day) or (9 * 60, 18 * 60)
            minute = opens + 15 * (spec["slot"] % max(1, (closes - opens) // 15))
            start = _local(
                _dt.datetime.combine(day, _dt.time(minute // 60, minute % 60)), hub["zone"]
            )
        end = start + _dt.timedelta(minutes=15 * spec["quarters"])
        request: dict[str, Any] = {
            "space": space["id"],
            "interval": {"start": start.isoformat(), "end": end.isoformat()},
            "headcount": space["capacity"] + 1
            if spec["over"] == 9
            else 1 + spec["headcount"] % space["capacity"],
            "tenant": f"t{spec['day'] % 2 + 1}",
        }
        if recurring and spec["recurring"] == 3:
            request["recurrence"] = {"rule": f"FREQ=DAILY;COUNT={spec['count']}"}
        found.append(request)
    return found


def _local(local: _dt.datetime, zone: str) -> _dt.datetime:
    return _dt.datetime.fromisoformat(stamp(local, zone))


_HUB_ZONES: Final = ("Asia/Almaty", "Europe/Berlin", "America/New_York", "UTC")
_KINDS: Final = tuple(kind.value for kind in HubKind)
_SPACES: Final[tuple[dict[str, Any], ...]] = (
    {"id": "floor", "kind": "coworking", "area": "300", "capacity": 10},
    {
        "id": "studio",
        "kind": "studio",
        "area": "40",
        "capacity": 4,
        "mode": "exclusive",
        "buffer": "PT30M",
        "max_duration": "PT4H",
    },
    {"id": "desk", "kind": "coworking", "area": "10", "capacity": 2},
    {
        "id": "room",
        "kind": "meeting",
        "area": "25",
        "capacity": 8,
        "mode": "exclusive",
        "min_duration": "PT30M",
    },
)


def _spaces(source: Choices) -> list[dict[str, Any]]:
    # One to three of the spaces, each at most once, in the order drawn.
    chosen = dict.fromkeys(source.integer(0, len(_SPACES) - 1) for _ in source.repeat(1, 3))
    return [_SPACES[index] for index in chosen]


def _hub(source: Choices) -> dict[str, Any]:
    # A hub open every day or on weekdays, from morning or midnight to evening or
    # midnight, opening near a clock change or on an ordinary Monday.
    zone = source.pick(_HUB_ZONES)
    opens = source.pick(("09:00", "00:00", "08:00"))
    closes = source.pick(("21:00", "00:00", "18:00"))
    days = range(7) if source.boolean() else range(5)
    changes = tuple(local.date() for name, local, _, _ in dst_changes() if name == zone)
    opening = source.pick((_dt.date(2025, 1, 6), *changes[:4])) - _dt.timedelta(
        days=source.pick((0, 3))
    )
    spaces = _spaces(source)
    hub: dict[str, Any] = {
        "id": "hub",
        "name": "Hub",
        "kind": source.pick(_KINDS),
        "zone": zone,
        "floor_area": str(sum(int(space["area"]) for space in spaces) + source.pick((0, 100))),
        "opening_date": opening.isoformat(),
        "hours": [{"weekday": day, "opens": opens, "closes": closes} for day in days],
        "spaces": spaces,
    }
    if source.integer(0, 3) == 3:  # closed for a day, one hub in four
        start = stamp(_dt.datetime.combine(opening + _dt.timedelta(days=1), _dt.time(12)), zone)
        end = stamp(_dt.datetime.combine(opening + _dt.timedelta(days=2), _dt.time(12)), zone)
        hub["closures"] = [{"interval": {"start": start, "end": end}, "reason": "maintenance"}]
    return hub


@case("hubs.admit")
def admit(source: Choices) -> dict[str, Any]:
    """Admissions that touch end to start, fill a space to capacity and beyond, and cancels."""
    hub = _hub(source)
    commands: list[dict[str, Any]] = [
        {"type": "admit", "request": request, "mode": source.pick(_MODES)}
        for request in _requests(source, hub, recurring=True)
    ]
    if source.boolean():
        position = source.integer(0, len(commands))
        booking = f"B{source.integer(1, 3)}"
        commands.insert(position, {"type": "cancel", "booking_id": booking, "occurrence": None})
    return {"hubs": [hub], "commands": commands}


@case("hubs.availability")
def availability(source: Choices) -> dict[str, Any]:
    """Free slots in a window that starts or ends where a booking does."""
    hub = _hub(source)
    requests = _requests(source, hub, recurring=False)
    anchor = source.pick(requests)
    start = _dt.datetime.fromisoformat(anchor["interval"][source.pick(("start", "end"))])
    window_start = start - _dt.timedelta(hours=source.integer(0, 3))
    space = source.pick(hub["spaces"])
    headcount = source.integer(1, space["capacity"])
    duration = f"PT{15 * source.integer(1, 8)}M"
    window_end = window_start + _dt.timedelta(hours=source.integer(1, 12))
    return {
        "hubs": [hub],
        "requests": requests,
        "kind": space["kind"],
        "headcount": headcount,
        "duration": duration,
        "window": {"start": window_start.isoformat(), "end": window_end.isoformat()},
    }


@case("hubs.utilisation")
def utilisation(source: Choices) -> dict[str, Any]:
    """Utilisation over the opening fortnight, a month, or days that may change the clock."""
    hub = _hub(source)
    requests = _requests(source, hub, recurring=False)
    opening = _dt.date.fromisoformat(hub["opening_date"])
    kind = source.integer(0, 2)
    if kind == 0:
        period = f"{opening.isoformat()}/{(opening + _dt.timedelta(days=14)).isoformat()}"
    elif kind == 1:
        period = f"{opening.year:04d}-{opening.month:02d}"
    else:
        _, local, _, _ = source.pick(dst_changes())
        period = f"{local.date().isoformat()}/{(local.date() + _dt.timedelta(days=1)).isoformat()}"
    return {"hubs": [hub], "requests": requests, "period": period}


def _planned(source: Choices, index: int) -> dict[str, Any]:
    planned = _dt.date(2025, 12, 31) - _dt.timedelta(days=source.pick((0, 1, 365, 1000)))
    actual = source.pick((None, planned, planned + _dt.timedelta(days=30)))
    return {
        "id": f"h{index}",
        "name": "Hub",
        "kind": source.pick(_KINDS),
        "planned_opening": planned.isoformat(),
        "floor_area": source.pick((None, "15000", "15001", "500")),
        "actual_opening": None if actual is None else actual.isoformat(),
    }


def planned_hubs(source: Choices) -> list[dict[str, Any]]:
    """Return up to nine planned hubs of any kind, due at the end of 2025 or before, some open."""
    return [_planned(source, index) for index in source.repeat(0, 9)]


@case("hubs.rollout_status")
def rollout_status(source: Choices) -> dict[str, Any]:
    """A network plan, as of a planned or actual opening date, the day before, or later."""
    items = planned_hubs(source)
    dates = [item["planned_opening"] for item in items] + [
        item["actual_opening"] for item in items if item["actual_opening"]
    ]
    anchor = _dt.date.fromisoformat(source.pick(dates)) if dates else _dt.date(2025, 12, 31)
    as_of = anchor + _dt.timedelta(days=source.pick((0, -1, 1, 365)))
    return {"plan": {"hubs": items}, "as_of": as_of.isoformat()}
