"""A hub's opening windows and closures as sorted integer arrays, for the schedule.

The :class:`~creative_city.hubs.model.Hub` says what its hours *mean* (local wall-clock
ranges, dated exceptions, closures); a :class:`HubCalendar` answers the schedule's
questions about them fast, on the integer time line of epoch microseconds: is
``[start, end)`` inside one opening window (one bisection), which closures overlap it,
which windows lie between two instants. Windows are computed per local date once, and
merged per year on demand.
"""

from __future__ import annotations

import datetime as _dt
from bisect import bisect_right

from creative_city.hubs.model import (
    Closure,
    Hub,
    day_windows,
    from_us,
    local_us,
    merge_windows,
    to_us,
)
from creative_city.time import zone

__all__ = ["HubCalendar"]

_ONE_DAY = _dt.timedelta(days=1)
_DAY_US = 86_400_000_000
_CHUNK_DAYS = 16
_CHUNK_US = _CHUNK_DAYS * _DAY_US
_NEARBY_BLOCKS = 4  # blocks of a year computed before the whole year is (see covers)
_EPOCH_DATE = _dt.date(1970, 1, 1)


class HubCalendar:
    """Opening windows and closures of one hub as sorted integer arrays.

    Windows are merged per year (the local dates from 30 December before to 2 January
    after) on demand and cached, so checking that a booking lies inside opening hours
    (:meth:`covers`) is one dictionary look-up and one bisection. A year's first few
    checks use the windows of blocks of 16 UTC days around them instead, with the same
    answers: a request for one week does not compute a whole year of windows. Each
    local date's windows are computed once.
    """

    def __init__(self, hub: Hub) -> None:
        self.hub = hub
        self.tzinfo = zone(hub.zone)
        self._years: dict[int, tuple[list[int], list[int]]] = {}
        self._days: dict[_dt.date, list[tuple[int, int]]] = {}
        self._chunks: dict[int, dict[int, tuple[list[int], list[int], int | None]]] = {}
        # [first, after) of the UTC year the last instant asked about fell in, and the year.
        self._utc_year = (0, 0, 0)
        self.opening_us = local_us(hub.opening_date, _dt.time(0), self.tzinfo)
        self.space_opening_us: dict[str, int] = {}
        for space in hub.spaces:
            first = max(hub.opening_date, space.opens_on or hub.opening_date)
            self.space_opening_us[space.id] = local_us(first, _dt.time(0), self.tzinfo)
        self.closures: dict[str, tuple[list[int], list[int], list[int], list[Closure]]] = {}
        for space in hub.spaces:
            mine = sorted(
                (c for c in hub.closures if not c.spaces or space.id in c.spaces),
                key=lambda c: (c.interval.start, c.interval.end),
            )
            starts = [to_us(c.interval.start) for c in mine]
            ends = [to_us(c.interval.end) for c in mine]
            running: list[int] = []
            best = -(2**63)
            for end in ends:
                best = max(best, end)
                running.append(best)
            self.closures[space.id] = (starts, ends, running, mine)

    def _merged(self, first: _dt.date, last: _dt.date) -> tuple[list[int], list[int]]:
        """Return the merged windows of the local dates ``first <= d <= last``."""
        raw: list[tuple[int, int]] = []
        days = self._days
        day = first
        while day <= last:
            found = days.get(day)
            if found is None:
                found = days[day] = day_windows(self.hub, day, self.tzinfo)
            raw.extend(found)
            day += _ONE_DAY
        return merge_windows(raw)

    def year(self, year: int) -> tuple[list[int], list[int]]:
        """Return the merged windows of the local dates 30 Dec *year* - 1 to 2 Jan *year* + 1.

        They include every window that intersects UTC year *year* (cached).
        """
        found = self._years.get(year)
        if found is None:
            found = self._merged(_dt.date(year - 1, 12, 30), _dt.date(year + 1, 1, 2))
            self._years[year] = found
        return found

    def covers(self, year: int, start_us: int, end_us: int) -> bool:
        """Return whether ``[start_us, end_us)`` lies inside one window of :meth:`year`.

        The answer of a bisection into ``year(year)``; until the year's windows are
        needed, it comes from the windows of the local dates around *start_us*.
        """
        found = self._years.get(year)
        if found is None:
            nearby = self._covers_nearby(year, start_us, end_us)
            if nearby is not None:
                return nearby
            found = self.year(year)
        starts, ends = found
        i = bisect_right(starts, start_us) - 1
        return i >= 0 and ends[i] >= end_us

    def _covers_nearby(self, year: int, start_us: int, end_us: int) -> bool | None:
        # None when the dates near start_us cannot tell (the window that holds it may go
        # on past them: a hub open around the clock), or when this year has had
        # _NEARBY_BLOCKS blocks already: then the whole year is the cheaper way.
        if end_us <= start_us:
            return None
        blocks = self._chunks.get(year)
        if blocks is None:
            blocks = self._chunks[year] = {}
        index = start_us // _CHUNK_US
        chunk = blocks.get(index)
        if chunk is None:
            if len(blocks) >= _NEARBY_BLOCKS:
                return None
            chunk = blocks[index] = self._chunk(year, index)
        starts, ends, complete_before = chunk
        i = bisect_right(starts, start_us) - 1
        if i >= 0 and ends[i] >= end_us:
            return True
        if i < 0 or ends[i] < start_us:
            return False  # no window holds the start
        if complete_before is None or ends[i] < complete_before:
            return False  # the window that holds the start is complete: it ends too soon
        return None

    def _chunk(self, year: int, index: int) -> tuple[list[int], list[int], int | None]:
        # The merged windows of the local dates (within the year's range) that can hold
        # an instant of the UTC days [16 * index, 16 * index + 16). A local date's windows
        # lie between a day before its UTC midnight and three days after (UTC offsets are
        # under a day; a window closes at the latest the next day), so the dates from
        # four before the chunk's first to two after its last hold every window that can
        # hold such an instant (one date of margin each way). Windows of earlier dates
        # end before the chunk's first instant, so they cannot lengthen a merged window
        # that holds one; windows of later dates start after the UTC midnight of the last
        # date computed, so a merged window ending before it is complete
        # (complete_before; None when the year's last date was computed).
        chunk_first = _EPOCH_DATE + _dt.timedelta(days=index * _CHUNK_DAYS)
        year_first, year_last = _dt.date(year - 1, 12, 30), _dt.date(year + 1, 1, 2)
        first = max(chunk_first - _dt.timedelta(days=4), year_first)
        last = min(chunk_first + _dt.timedelta(days=_CHUNK_DAYS + 1), year_last)
        if first > last:
            return [], [], None
        starts, ends = self._merged(first, last)
        complete_before = None if last == year_last else (last - _EPOCH_DATE).days * _DAY_US
        return starts, ends, complete_before

    def windows_between(self, start_us: int, end_us: int) -> list[tuple[int, int]]:
        """Return the merged windows clipped to ``[start_us, end_us)``."""
        first = from_us(start_us).year
        last = from_us(end_us - 1).year
        result: list[tuple[int, int]] = []
        # Only the dates whose windows can meet [start_us, end_us) (see _chunk): the
        # merged windows of the others lie outside it, so the clipped ones are the same.
        near_first = from_us(start_us).date() - _dt.timedelta(days=4)
        near_last = from_us(end_us - 1).date() + _dt.timedelta(days=3)
        for year in range(first, last + 1):
            days_first = max(near_first, _dt.date(year - 1, 12, 30))
            days_last = min(near_last, _dt.date(year + 1, 1, 2))
            for a, b in zip(*self._merged(days_first, days_last), strict=True):
                a2, b2 = max(a, start_us), min(b, end_us)
                if a2 < b2:
                    if result and a2 <= result[-1][1]:
                        result[-1] = (result[-1][0], max(result[-1][1], b2))
                    else:
                        result.append((a2, b2))
        return result

    def covered(self, start_us: int, end_us: int) -> bool:
        """Return whether ``[start_us, end_us)`` lies inside one opening window.

        The answer of :meth:`covers` for the UTC year of *start_us*.
        """
        first, after, year = self._utc_year
        if not first <= start_us < after:
            year = from_us(start_us).year
            first = to_us(_dt.datetime(year, 1, 1, tzinfo=_dt.UTC))
            after = to_us(_dt.datetime(year, 12, 31, tzinfo=_dt.UTC)) + _DAY_US
            self._utc_year = (first, after, year)
        return self.covers(year, start_us, end_us)

    def closures_over(self, space_id: str, start_us: int, end_us: int) -> list[Closure]:
        """Return the closures of *space_id* that overlap ``[start_us, end_us)``."""
        starts, ends, running, closures = self.closures[space_id]
        i = bisect_right(starts, end_us - 1) - 1
        found: list[Closure] = []
        while i >= 0 and running[i] > start_us:
            if ends[i] > start_us:
                found.append(closures[i])
            i -= 1
        found.reverse()
        return found

    def closed_us(self, space_id: str, start_us: int, end_us: int) -> list[tuple[int, int]]:
        """Return the merged closure spans of *space_id* clipped to ``[start_us, end_us)``."""
        spans: list[tuple[int, int]] = []
        for closure in self.closures_over(space_id, start_us, end_us):
            a = max(to_us(closure.interval.start), start_us)
            b = min(to_us(closure.interval.end), end_us)
            if spans and a <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(spans[-1][1], b))
            else:
                spans.append((a, b))
        return spans
