"""RFC 5545 recurrence (RRULE, EXDATE, RDATE) expanded in a hub's local wall-clock time.

The rule is expanded by ``dateutil.rrule`` from the *local* wall-clock start, so "every
Monday 10:00" stays at 10:00 across daylight-saving changes. Then each local time is
placed in the zone:

* a local time that does not exist (a DST gap) is skipped and not counted towards
  ``COUNT``, as RFC 5545 section 3.3.10 says ("Recurrence rules may generate
  recurrence instances with an invalid date ... or nonexistent local time ... Such
  recurrence instances MUST be ignored and MUST NOT be counted as part of the
  recurrence set"): ``COUNT=3`` gives three occurrences that exist, as it does for a
  rule that meets 30 February;
* an ambiguous local time (the fold) resolves to its first occurrence (``fold=0``), and
  is taken once.

``UNTIL`` must be a UTC date-time (``...Z``) because ``DTSTART`` is an aware local time
(RFC 5545 section 3.3.10); it is compared with each occurrence's instant. EXDATE matches
an occurrence when both denote the same instant. RDATE instants are added (duplicates
are ignored). The expansion is bounded: past ``max_occurrences`` it raises
:class:`~creative_city.errors.LimitExceededError`, so untrusted input cannot explode.
The calendar ends at 9999-12-31 (and starts at 0001-01-01): a rule whose ``COUNT`` or
open end needs occurrences past it is an error that says so, never a silently shorter
answer.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import re
from collections.abc import Callable, Iterable
from typing import Final, NoReturn

import attrs
from dateutil import rrule as _rrule

from creative_city.errors import InvalidTypeError, LimitExceededError, ValidationError
from creative_city.operation import SCHEMA_KEY
from creative_city.time import require_aware, zone

__all__ = ["DEFAULT_MAX_OCCURRENCES", "MAX_OCCURRENCES_CEILING", "Recurrence", "expand"]

DEFAULT_MAX_OCCURRENCES: Final = 5_000
"""The default bound on the number of occurrences one recurrence may produce."""

MAX_OCCURRENCES_CEILING: Final = 100_000
"""The largest bound a recurrence may ask for (so JSON input cannot lift the cap)."""

_MAX_TEXT: Final = 1_000
_PARTS: Final = frozenset(
    {
        "FREQ",
        "UNTIL",
        "COUNT",
        "INTERVAL",
        "BYSECOND",
        "BYMINUTE",
        "BYHOUR",
        "BYDAY",
        "BYMONTHDAY",
        "BYYEARDAY",
        "BYWEEKNO",
        "BYMONTH",
        "BYSETPOS",
        "WKST",
    }
)
_UNTIL_UTC: Final = re.compile(r"[0-9]{8}T[0-9]{6}Z")
_RANGES: Final = {
    # RFC 5545 3.3.10: the values each numeric part may take (and whether signed).
    "COUNT": (1, None, False),
    "INTERVAL": (1, None, False),
    "BYSECOND": (0, 60, False),
    "BYMINUTE": (0, 59, False),
    "BYHOUR": (0, 23, False),
    "BYDAY": (1, 53, True),
    "BYMONTHDAY": (1, 31, True),
    "BYYEARDAY": (1, 366, True),
    "BYWEEKNO": (1, 53, True),
    "BYMONTH": (1, 12, False),
    "BYSETPOS": (1, 366, True),
}
_NUMBER: Final = re.compile(r"([+-]?)([0-9]+)([A-Z]{2})?")
_PROBE: Final = _dt.datetime(2000, 1, 1, tzinfo=_dt.UTC).replace(tzinfo=None)
_MAX_SKIPPED: Final = 1_000_000
"""The most nonexistent local times one expansion skips before it gives up."""
_CALENDAR_ENDS: Final = "the calendar ends at 9999-12-31 (and starts at 0001-01-01)"


def _aware_tuple(value: object, field: str) -> tuple[_dt.datetime, ...]:
    if not isinstance(value, (tuple, list)):
        raise InvalidTypeError(field, value, "must be a sequence of aware datetimes")
    return tuple(require_aware(item, field) for item in value)


@attrs.frozen
class Recurrence:
    """A recurrence: an RRULE text plus exception and extra dates.

    Attributes:
        rule: RFC 5545 RRULE value, with or without the ``RRULE:`` prefix, e.g.
            ``"FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10"``. ``DTSTART`` is the booking's start.
        exdates: Instants to exclude (aware).
        rdates: Extra instants to add (aware).
        max_occurrences: The expansion bound (default :data:`DEFAULT_MAX_OCCURRENCES`).
    """

    rule: str = attrs.field(metadata={SCHEMA_KEY: {"maxLength": _MAX_TEXT}})
    exdates: tuple[_dt.datetime, ...] = ()
    rdates: tuple[_dt.datetime, ...] = ()
    max_occurrences: int = DEFAULT_MAX_OCCURRENCES

    def __attrs_post_init__(self) -> None:
        _parse(self.rule)
        _aware_tuple(self.exdates, "recurrence.exdates")
        _aware_tuple(self.rdates, "recurrence.rdates")
        if (
            type(self.max_occurrences) is not int
            or not 1 <= self.max_occurrences <= MAX_OCCURRENCES_CEILING
        ):
            raise ValidationError(
                "recurrence.max_occurrences",
                self.max_occurrences,
                f"must be an int from 1 to {MAX_OCCURRENCES_CEILING}",
            )


def _parse(rule: object) -> tuple[str, _dt.datetime | None, int | None]:
    """Check the RRULE text; return it without UNTIL and COUNT, UNTIL as an aware UTC
    datetime, and COUNT.
    """  # noqa: D205
    if not isinstance(rule, str):
        raise InvalidTypeError("recurrence.rule", rule, "must be an RRULE string")
    if not rule.isascii():  # int() would read "٣" as 3: refused as another reader would
        raise ValidationError(
            "recurrence.rule",
            rule[:40],
            "must be ASCII: its names and digits are (RFC 5545 3.3.10)",
        )
    text = rule.strip()
    if len(text) > _MAX_TEXT:
        raise ValidationError("recurrence.rule", text[:40], f"is longer than {_MAX_TEXT} chars")
    text = text.removeprefix("RRULE:")
    if not text:
        raise ValidationError("recurrence.rule", rule, "RRULE must not be empty (RFC 5545)")
    parts: dict[str, str] = {}
    for item in text.split(";"):
        name, sep, value = item.partition("=")
        name = name.upper()
        if not sep or not value or name not in _PARTS:
            raise ValidationError(
                "recurrence.rule", rule, f"malformed RRULE part {item!r} (RFC 5545 3.3.10)"
            )
        if name in parts:
            raise ValidationError(
                "recurrence.rule", rule, f"rule part {name} occurs twice (RFC 5545 3.3.10)"
            )
        parts[name] = value
    if "FREQ" not in parts:
        raise ValidationError("recurrence.rule", rule, "FREQ is required (RFC 5545 3.3.10)")
    if "COUNT" in parts and "UNTIL" in parts:
        raise ValidationError(
            "recurrence.rule", rule, "UNTIL and COUNT must not both occur (RFC 5545 3.3.10)"
        )
    until: _dt.datetime | None = None
    if "UNTIL" in parts:
        value = parts.pop("UNTIL").upper()
        if not _UNTIL_UTC.fullmatch(value):
            raise ValidationError(
                "recurrence.rule",
                rule,
                "UNTIL must be a UTC date-time like 19971224T000000Z when DTSTART is "
                "a local time with a time zone (RFC 5545 3.3.10)",
            )
        try:
            until = _dt.datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=_dt.UTC)
        except ValueError:
            raise ValidationError("recurrence.rule", rule, "UNTIL is not a valid date") from None
    _check_ranges(rule, parts)
    body = ";".join(f"{k}={v}" for k, v in parts.items())
    try:
        _rrule.rrulestr("RRULE:" + body, dtstart=_PROBE)
    except (ValueError, TypeError, KeyError, IndexError) as error:
        raise ValidationError(
            "recurrence.rule", rule, f"is not a valid RFC 5545 RRULE ({error})"
        ) from None
    count = parts.pop("COUNT", None)
    # COUNT is applied here, to the local times that exist (dateutil would count all).
    body = ";".join(f"{k}={v}" for k, v in parts.items())
    return body, until, None if count is None else int(count)  # dateutil parsed it so


def _check_ranges(rule: str, parts: dict[str, str]) -> None:
    monthly = parts["FREQ"].upper() == "MONTHLY"
    for name, value in parts.items():
        if name in _RANGES:
            # A weekday comes at most five times a month (and dateutil fails past seven).
            _check_range(rule, name, value, 5 if monthly and name == "BYDAY" else None)


def _check_range(rule: str, name: str, value: str, most: int | None = None) -> None:
    # Each number of a part within RFC 5545's range (BYDAY: the ordinal before the day);
    # dateutil indexes its tables with them (BYDAY=99999999991FR was an IndexError).
    low, high, signed = _RANGES[name]
    high = high if most is None else most
    for item in value.upper().split(","):
        match = _NUMBER.fullmatch(item)
        if match is None:
            continue  # not a number (MO, a typo): dateutil's parse says what is wrong
        sign, digits, _ = match.groups()
        number = int(digits)
        if (sign and not signed) or number < low or (high is not None and number > high):
            span = f"{low} to {high}" if high is not None else f"{low} or more"
            span += " in a MONTHLY rule" if most is not None else ""
            signs = " (or -)" if signed else ""
            raise ValidationError(
                "recurrence.rule", rule, f"{name} values must be {span}{signs} (RFC 5545 3.3.10)"
            )


def expand(
    recurrence: Recurrence,
    start: _dt.datetime,
    zone_name: str,
    *,
    window_end: _dt.datetime | None = None,
) -> tuple[_dt.datetime, ...]:
    """Return the occurrence starts of *recurrence* from *start*, in order, in the zone.

    Args:
        recurrence: The rule, EXDATEs, RDATEs and bound.
        start: DTSTART, an aware datetime; its wall-clock time in *zone_name* is the
            local time every occurrence keeps.
        zone_name: The hub's IANA zone.
        window_end: Optionally stop before this instant (for open-ended rules).

    Returns:
        Aware datetimes in the zone, sorted, without duplicates.

    Raises:
        ValidationError: On a malformed rule.
        LimitExceededError: If more than ``recurrence.max_occurrences`` occurrences
            would be produced (before ``window_end``).

    >>> [
    ...     d.isoformat()
    ...     for d in expand(
    ...         Recurrence("FREQ=DAILY;COUNT=3"),
    ...         _dt.datetime(2024, 3, 30, 2, 30, tzinfo=zone("Europe/Berlin")),
    ...         "Europe/Berlin",
    ...     )
    ... ]  # 2024-03-31 02:30 does not exist in Berlin: skipped, and not counted
    ['2024-03-30T02:30:00+01:00', '2024-04-01T02:30:00+02:00', '2024-04-02T02:30:00+02:00']
    """
    start = require_aware(start, "start")
    if window_end is not None:
        window_end = require_aware(window_end, "window_end")
    body, until, count = _parse(recurrence.rule)
    tzinfo = zone(zone_name)
    # DTSTART keeps the zone: dateutil then makes each local time aware (fold=0) as it
    # builds it, and with UNTIL and COUNT left out it compares only wall clocks.
    local_start = _in_zone(start, tzinfo, "start").replace(fold=0)
    rule = _rrule.rrulestr("RRULE:" + body, dtstart=local_start)
    excluded = {_key(_in_zone(d, _dt.UTC, "recurrence.exdates")) for d in recurrence.exdates}
    bound = recurrence.max_occurrences
    ruled = _ruled(rule, tzinfo, _Stops(until, window_end, count, bound))
    if excluded:
        epoch = _EPOCH.replace(tzinfo=tzinfo)
        ruled = [(instant, moment) for instant, moment in ruled if instant - epoch not in excluded]
    if not recurrence.rdates and _increasing(ruled):
        return tuple(moment for _, moment in ruled)  # already in order, without duplicates
    return _merged(recurrence, ruled, tzinfo, excluded, window_end)


def _merged(
    recurrence: Recurrence,
    ruled: list[tuple[_dt.datetime, _dt.datetime]],
    tzinfo: _dt.tzinfo,
    excluded: set[_dt.timedelta],
    window_end: _dt.datetime | None,
) -> tuple[_dt.datetime, ...]:
    """Return the rule's local starts and the RDATEs, by instant, without duplicates."""
    epoch = _EPOCH.replace(tzinfo=tzinfo)
    found: dict[_dt.timedelta, _dt.datetime] = {}  # instant -> local start, in rule order
    for instant, moment in ruled:
        found.setdefault(instant - epoch, moment)
    bound = recurrence.max_occurrences
    for extra in recurrence.rdates:
        utc = _in_zone(extra, _dt.UTC, "recurrence.rdates")
        key = _key(utc)
        if key in found or key in excluded:
            continue
        if window_end is not None and utc >= window_end:
            continue
        found[key] = _in_zone(extra, tzinfo, "recurrence.rdates")
        if len(found) > bound:
            _too_many(bound)
    return tuple(found[key] for key in sorted(found))


_EPOCH: Final = _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC)


def _key(utc: _dt.datetime) -> _dt.timedelta:
    # An instant in UTC as its distance from the epoch (exact, hashable, ordered).
    return utc - _EPOCH


def _increasing(ruled: list[tuple[_dt.datetime, _dt.datetime]]) -> bool:
    # Existing local times that only grow, each at its first instant (fold=0), give
    # instants that only grow; a zone whose offset went back and forth within hours
    # could break that, so it is checked, not assumed.
    return all(a[0] < b[0] for a, b in itertools.pairwise(ruled))


def _in_zone(moment: _dt.datetime, tzinfo: _dt.tzinfo, field: str) -> _dt.datetime:
    try:
        return moment.astimezone(tzinfo)
    except (OverflowError, ValueError):  # past year 9999 or before year 1 in that zone
        raise ValidationError(field, moment.isoformat(), _CALENDAR_ENDS) from None


def _local(moment: _dt.datetime | None, tzinfo: _dt.tzinfo, days: int) -> _dt.datetime | None:
    # The wall clock of *moment* plus *days* days; None (no stop) past the calendar's end.
    if moment is None:
        return None
    try:
        return moment.astimezone(tzinfo) + _dt.timedelta(days=days)
    except (OverflowError, ValueError):
        return None


def _tagged(moment: _dt.datetime | None, tzinfo: _dt.tzinfo) -> _dt.datetime | None:
    # *moment*'s UTC wall clock tagged with the zone (see _ruled); None (never reached)
    # past the calendar's end, the calendar's first instant (always reached) before it.
    if moment is None:
        return None
    try:
        return moment.astimezone(_dt.UTC).replace(tzinfo=tzinfo)
    except (OverflowError, ValueError):
        return None if moment.year > 1 else _dt.datetime.min.replace(tzinfo=tzinfo)


@attrs.frozen
class _Stops:
    """Where an expansion stops: UNTIL, the window's end, COUNT, the bound."""

    until: _dt.datetime | None
    window_end: _dt.datetime | None
    count: int | None
    bound: int


def _placed(moment: _dt.datetime, tzinfo: _dt.tzinfo) -> _dt.datetime | None:
    """Return the instant of local time *moment* (tagged, see :func:`_ruled`), or None.

    None when the local time does not exist; an ambiguous one gives its first instant
    (``fold=0``).
    """
    instant = _in_zone(moment, _dt.UTC, "recurrence.rule")
    # A local time exists iff it survives the round trip through UTC (dateutil's
    # datetime_exists, without converting twice).
    if _in_zone(instant, tzinfo, "recurrence.rule") != moment:  # same zone: wall clocks
        return None
    return instant.replace(tzinfo=tzinfo)


def _ruled(
    rule: Iterable[_dt.datetime], tzinfo: _dt.tzinfo, stops: _Stops
) -> list[tuple[_dt.datetime, _dt.datetime]]:
    """Return (instant, local start) of each local time the rule makes that exists.

    Stops at UNTIL, before the window's end and after COUNT local times that exist;
    raises past the bound, and when the calendar ends before the rule does.

    An instant is kept as its UTC wall clock tagged with the zone, the form
    ``tzinfo.fromutc`` takes: two datetimes with the same ``tzinfo`` compare and
    subtract by wall clock, so these compare as instants without a conversion. Each
    local time is first tried at the UTC offset of the one before (offsets change a
    few times a year): one conversion from UTC says whether that gives its first
    instant. Only when it does not (the offset changed, a gap, a fold) is the local
    time placed from scratch by :func:`_placed`.
    """
    # Local times only grow; an instant can be at most a day before its wall clock.
    local_stops = (_local(stops.until, tzinfo, 1), _local(stops.window_end, tzinfo, 1))
    instant_stops = (_tagged(stops.until, tzinfo), _tagged(stops.window_end, tzinfo))
    fromutc = tzinfo.fromutc
    offset: _dt.timedelta | None = None  # the UTC offset of the last local time placed
    found: list[tuple[_dt.datetime, _dt.datetime]] = []
    skipped = 0
    for moment in rule:
        if _past(moment, local_stops):
            return found
        instant = None if offset is None else _at_offset(moment, offset, fromutc)
        if instant is None:
            instant = _placed(moment, tzinfo)
            if instant is None:
                skipped += 1
                if skipped > _MAX_SKIPPED:
                    _too_many(stops.bound)
                continue
            offset = moment - instant
        if _past(instant, instant_stops):
            return found
        found.append((instant, moment))
        if len(found) > stops.bound:
            _too_many(stops.bound)
        if len(found) == stops.count:
            return found
    if stops.count is not None or (stops.until is None and stops.window_end is None):
        # dateutil stops at the end of year 9999: the rule wanted more.
        raise ValidationError(
            "recurrence.rule",
            f"<{len(found)} occurrences by 9999-12-31>",
            f"{_CALENDAR_ENDS}: the rule goes on past it",
        )
    return found


def _past(moment: _dt.datetime, stops: tuple[_dt.datetime | None, _dt.datetime | None]) -> bool:
    # Past UNTIL (inclusive) or at or past the window's end (exclusive); the values are
    # all in the same zone, so they compare by wall clock.
    until, end = stops
    return (until is not None and moment > until) or (end is not None and moment >= end)


def _at_offset(
    moment: _dt.datetime,
    offset: _dt.timedelta,
    fromutc: Callable[[_dt.datetime], _dt.datetime],
) -> _dt.datetime | None:
    # The instant (tagged) of *moment* at *offset* from UTC if that is its first
    # instant, else None: the same wall clock back from UTC, and not its second pass.
    try:
        guess = moment - offset
        back = fromutc(guess)
    except (OverflowError, ValueError):  # near the calendar's ends: placed from scratch
        return None
    return guess if back == moment and not back.fold else None


def _too_many(bound: int) -> NoReturn:
    raise LimitExceededError(
        "recurrence.max_occurrences",
        bound,
        "the recurrence produces more occurrences than the bound allows",
    )
