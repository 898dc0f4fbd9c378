"""The hubs' fast paths against the straightforward ones (issue 16).

* ``expand`` tries each local time at the previous one's UTC offset and keeps the
  rule's order; here it is checked against a plain reference that asks dateutil about
  every local time (``datetime_exists``, then a conversion to UTC), collects instants
  in a dict and sorts them, in zones with DST gaps and folds (Europe/Berlin,
  America/New_York) and with offset changes (Asia/Almaty: DST until 2004, +06:00 to
  +05:00 on 2024-03-01), in the years whose rules come from the zone's transitions
  and in those that come from its TZ string.
* A refused single booking words its reasons when they are read: read at once or
  after later admissions, the words are the same.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import pickle
from decimal import Decimal

import pytest
from dateutil import tz as dtz
from dateutil.rrule import rrulestr
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from creative_city.errors import LimitExceededError
from creative_city.hubs import (
    BookingRequest,
    Closure,
    DayHours,
    Decision,
    Hub,
    HubKind,
    Reason,
    Recurrence,
    Schedule,
    Space,
    SpaceMode,
    expand,
)
from creative_city.hubs import recurrence as recurrence_module
from creative_city.time import UTC, Interval, zone

ZONES = ("Europe/Berlin", "America/New_York", "Asia/Almaty")

# -- expand against a plain rrule-and-localize reference ------------------------------


def reference_expand(
    recurrence: Recurrence,
    start: dt.datetime,
    zone_name: str,
    window_end: dt.datetime | None = None,
) -> tuple[dt.datetime, ...]:
    """RFC 5545 expansion the plain way: every local time asked about, sorted at the end.

    A local time that does not exist is skipped and not counted (RFC 5545 3.3.10); an
    ambiguous one is its first instant (fold=0); UNTIL is inclusive, the window's end
    exclusive; EXDATEs and RDATEs are matched by instant. More occurrences than the
    bound raise, as the library does (the bound counts the rule's occurrences before
    EXDATEs, then the set with RDATEs).
    """
    tzinfo = zone(zone_name)
    parts = dict(part.split("=", 1) for part in recurrence.rule.removeprefix("RRULE:").split(";"))
    until_text = parts.pop("UNTIL", None)
    count_text = parts.pop("COUNT", None)
    until = (
        None
        if until_text is None
        else dt.datetime.strptime(until_text, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    )
    count = None if count_text is None else int(count_text)
    body = ";".join(f"{key}={value}" for key, value in parts.items())
    local_start = start.astimezone(tzinfo).replace(tzinfo=None, fold=0)
    excluded = {d.astimezone(UTC) for d in recurrence.exdates}
    bound = recurrence.max_occurrences
    found: dict[dt.datetime, dt.datetime] = {}
    made = 0
    for naive in rrulestr("RRULE:" + body, dtstart=local_start):
        if not dtz.datetime_exists(naive, tzinfo):
            continue
        moment = naive.replace(tzinfo=tzinfo)
        instant = moment.astimezone(UTC)
        if (until is not None and instant > until) or (
            window_end is not None and instant >= window_end
        ):
            break
        made += 1
        if made > bound:
            raise LimitExceededError("recurrence.max_occurrences", bound, "reference")
        if instant not in excluded:
            found.setdefault(instant, moment)
        if made == count:
            break
    for extra in recurrence.rdates:
        instant = extra.astimezone(UTC)
        if instant in found or instant in excluded:
            continue
        if window_end is not None and instant >= window_end:
            continue
        found[instant] = extra.astimezone(tzinfo)
        if len(found) > bound:
            raise LimitExceededError("recurrence.max_occurrences", bound, "reference")
    return tuple(found[instant] for instant in sorted(found))


def shown(moments: tuple[dt.datetime, ...]) -> list[tuple[str, int, str | None]]:
    """What a user can see of each start: its text, its fold and its zone."""
    return [(m.isoformat(), m.fold, getattr(m.tzinfo, "key", None)) for m in moments]


def outcome(function, *args, **kwargs):
    """The expansion as shown, or the bound being exceeded."""
    try:
        return shown(function(*args, **kwargs))
    except LimitExceededError:
        return "more occurrences than the bound"


# A rule's frequency, its interval and how long it may run (so every example ends).
FREQUENCIES = [
    ("MINUTELY", (15, 30, 45, 90), dt.timedelta(days=2)),
    ("HOURLY", (1, 2, 3, 5), dt.timedelta(days=12)),
    ("DAILY", (1, 2, 3), dt.timedelta(days=800)),
    ("WEEKLY", (1, 2), dt.timedelta(days=3000)),
    ("MONTHLY", (1, 5), dt.timedelta(days=20000)),
    ("YEARLY", (1,), dt.timedelta(days=40000)),
]


@st.composite
def local_starts(draw) -> tuple[str, dt.datetime]:
    """A zone and a start near the hours and months where clocks change."""
    zone_name = draw(st.sampled_from(ZONES))
    year = draw(
        st.one_of(
            st.integers(1980, 2045),  # tables, TZ strings, and Almaty's changes
            st.sampled_from([1991, 1992, 2004, 2005, 2023, 2024, 2037, 2038]),
        )
    )
    month = draw(st.one_of(st.sampled_from([2, 3, 4, 9, 10, 11]), st.integers(1, 12)))
    day = draw(st.integers(1, 28))
    hour = draw(st.one_of(st.integers(0, 3), st.sampled_from([22, 23]), st.integers(0, 23)))
    minute = draw(st.sampled_from([0, 0, 15, 30, 45, 59]))
    naive = dt.datetime(year, month, day, hour, minute)
    # DTSTART given in the zone (either fold) or as the same instant in UTC.
    moment = naive.replace(tzinfo=zone(zone_name), fold=draw(st.integers(0, 1)))
    if draw(st.booleans()):
        moment = moment.astimezone(UTC)
    return zone_name, moment


@st.composite
def expansions(draw) -> tuple[Recurrence, dt.datetime, str, dt.datetime | None]:
    zone_name, start = draw(local_starts())
    freq, intervals, longest = draw(st.sampled_from(FREQUENCIES))
    parts = [f"FREQ={freq}", f"INTERVAL={draw(st.sampled_from(intervals))}"]
    if freq in ("DAILY", "WEEKLY") and draw(st.booleans()):
        hours = draw(st.lists(st.integers(0, 23), min_size=1, max_size=4, unique=True))
        parts.append("BYHOUR=" + ",".join(map(str, sorted(hours))))
    if freq == "MONTHLY" and draw(st.booleans()):
        parts.append("BYDAY=-1SU")  # the last Sunday: the days clocks change in Europe
    if freq == "YEARLY" and draw(st.booleans()):
        # The days clocks change, after an occurrence in winter: the offset carried
        # over from it puts an ambiguous local time on its second instant.
        months = draw(st.sampled_from(["1,10", "2,11", "1,3", "3,10", "1,2,3,9,10,11"]))
        days = draw(st.sampled_from(["-1SU", "1SU", "2SU", "-1SU,1SU,2SU"]))
        parts.append(f"BYMONTH={months};BYDAY={days}")
    span = draw(st.timedeltas(dt.timedelta(0), longest))
    if draw(st.booleans()):
        parts.append(f"COUNT={draw(st.integers(1, 60))}")
    else:
        until = (start + span).astimezone(UTC)
        parts.append(f"UNTIL={until:%Y%m%dT%H%M%S}Z")
    window_end = None
    if draw(st.booleans()):
        window_end = (start + draw(st.timedeltas(dt.timedelta(0), longest))).astimezone(
            zone(draw(st.sampled_from(ZONES)))
        )
    rule = ";".join(parts)
    plain = reference_expand(Recurrence(rule, max_occurrences=100_000), start, zone_name)
    # EXDATEs: some occurrences (as the same instant in any zone) and an instant off
    # the rule; RDATEs: some occurrences again, and new instants.
    picked = st.sampled_from(plain) if plain else st.just(start)
    anywhere = st.sampled_from(ZONES).map(zone)
    exdates = draw(st.lists(st.tuples(picked, anywhere), max_size=4))
    rdates = draw(
        st.lists(
            st.tuples(
                st.one_of(picked, st.just(start + span / 2), st.just(start - span / 3)),
                anywhere,
            ),
            max_size=4,
        )
    )
    recurrence = Recurrence(
        rule,
        exdates=tuple(d.astimezone(z) for d, z in exdates),
        rdates=tuple(d.astimezone(z) for d, z in rdates),
        max_occurrences=draw(st.sampled_from([1, 3, 10, 100, 100_000])),
    )
    return recurrence, start, zone_name, window_end


@given(expansions())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_expand_is_the_plain_expansion(case):
    recurrence, start, zone_name, window_end = case
    got = outcome(expand, recurrence, start, zone_name, window_end=window_end)
    assert got == outcome(reference_expand, recurrence, start, zone_name, window_end)


@pytest.mark.parametrize(
    ("zone_name", "start", "rule", "skipped", "twice"),
    [
        # Spring forward: 02:00-02:59 does not exist; fall back: 02:00-02:59 twice.
        ("Europe/Berlin", dt.datetime(2024, 3, 30, 0, 30), "FREQ=HOURLY;COUNT=60", 1, 0),
        ("Europe/Berlin", dt.datetime(2024, 10, 26, 0, 30), "FREQ=HOURLY;COUNT=60", 0, 1),
        # 2040: the rules come from the zone's TZ string (last Sunday of March).
        ("Europe/Berlin", dt.datetime(2040, 3, 20, 2, 30), "FREQ=DAILY;COUNT=14", 1, 0),
        # In January at +01:00, then in the October fold: tried at +01:00 first, which
        # is the second instant of 02:30; the first (+02:00) is the one kept.
        (
            "Europe/Berlin",
            dt.datetime(2024, 1, 28, 2, 30),
            "FREQ=YEARLY;BYMONTH=1,10;BYDAY=-1SU;COUNT=6",
            0,
            3,
        ),
        (
            "America/New_York",
            dt.datetime(2023, 2, 5, 1, 30),
            "FREQ=YEARLY;BYMONTH=2,11;BYDAY=1SU;COUNT=6",
            0,
            3,
        ),
        ("America/New_York", dt.datetime(2024, 3, 9), "FREQ=MINUTELY;INTERVAL=30;COUNT=99", 2, 0),
        ("America/New_York", dt.datetime(2024, 11, 2), "FREQ=MINUTELY;INTERVAL=30;COUNT=99", 0, 2),
        # 1991-09-29 03:00 +06:00 became 02:00 +05:00: 02:00-02:59 twice; 1992-01-19
        # 02:00 +05:00 became 03:00 +06:00; 2024-03-01 00:00 +06:00 became 2024-02-29
        # 23:00 +05:00: 23:00-23:59 twice.
        ("Asia/Almaty", dt.datetime(1991, 9, 28, 12), "FREQ=HOURLY;COUNT=24", 0, 1),
        ("Asia/Almaty", dt.datetime(1992, 1, 18, 12), "FREQ=HOURLY;COUNT=24", 1, 0),
        ("Asia/Almaty", dt.datetime(2024, 2, 28, 12), "FREQ=HOURLY;COUNT=48", 0, 1),
    ],
)
def test_expand_through_gaps_and_folds(zone_name, start, rule, skipped, twice):
    tzinfo = zone(zone_name)
    begin = start.replace(tzinfo=tzinfo)
    recurrence = Recurrence(rule)
    got = expand(recurrence, begin, zone_name)
    assert shown(got) == shown(reference_expand(recurrence, begin, zone_name))
    count = int(rule.rsplit("COUNT=", 1)[1])
    assert len(got) == count  # nonexistent local times are not counted
    # The rule's first count + skipped local times: the skipped ones do not exist,
    # the others are the starts, each at its first instant, in order.
    endless = rrulestr("RRULE:" + rule.split(";COUNT=")[0], dtstart=start)
    walls = list(itertools.islice(endless, count + skipped))
    assert [w for w in walls if not dtz.datetime_exists(w, tzinfo)] == [
        w for w in walls if w not in [m.replace(tzinfo=None) for m in got]
    ]
    assert sum(not dtz.datetime_exists(w, tzinfo) for w in walls) == skipped
    assert [m.replace(tzinfo=None) for m in got] == [
        w for w in walls if dtz.datetime_exists(w, tzinfo)
    ]
    assert sum(dtz.datetime_ambiguous(m) for m in got) == twice
    assert all(m.fold == 0 and m.tzinfo is tzinfo for m in got)
    instants = [m.astimezone(UTC) for m in got]
    assert instants == sorted(set(instants))


def test_expand_checks_the_order_it_relies_on():
    # Local times that grow give instants that grow in every zone of the database;
    # were they not to, the starts would be sorted by instant as with RDATEs.
    tzinfo = zone("Europe/Berlin")
    at = [dt.datetime(2024, 1, 1, h, tzinfo=tzinfo) for h in range(4)]
    assert recurrence_module._increasing([(at[0], at[0]), (at[1], at[1]), (at[3], at[3])])
    assert recurrence_module._increasing([])
    assert not recurrence_module._increasing([(at[1], at[1]), (at[1], at[2])])
    assert not recurrence_module._increasing([(at[0], at[0]), (at[2], at[2]), (at[1], at[3])])
    merged = recurrence_module._merged(
        Recurrence("FREQ=DAILY"),
        [(at[2], at[0]), (at[1], at[1]), (at[2], at[2])],
        tzinfo,
        set(),
        None,
    )
    assert merged == (at[1], at[0])  # by instant; a repeated instant keeps its first start


@pytest.mark.parametrize(
    ("zone_name", "rule", "start", "fold_start"),
    [
        (
            "Europe/Berlin",
            "FREQ=YEARLY;BYMONTH=1,10;BYDAY=-1SU",
            dt.datetime(2024, 1, 28, 2, 30),
            dt.datetime(2024, 10, 27, 2, 30),
        ),
        (
            "America/New_York",
            "FREQ=YEARLY;BYMONTH=2,11;BYDAY=1SU",
            dt.datetime(2023, 2, 5, 1, 30),
            dt.datetime(2023, 11, 5, 1, 30),
        ),
    ],
)
def test_an_ambiguous_start_is_its_first_instant(zone_name, rule, start, fold_start):
    # After a winter occurrence the carried offset gives the fold's second instant;
    # UNTIL between the two instants, and an EXDATE at the first, tell them apart.
    tzinfo = zone(zone_name)
    begin, ambiguous = start.replace(tzinfo=tzinfo), fold_start.replace(tzinfo=tzinfo)
    first = ambiguous.astimezone(UTC)
    assert ambiguous.replace(fold=1).astimezone(UTC) - first == dt.timedelta(hours=1)
    until = first + dt.timedelta(minutes=30)
    kept = Recurrence(f"{rule};UNTIL={until:%Y%m%dT%H%M%S}Z")
    assert expand(kept, begin, zone_name) == (begin, ambiguous)
    assert shown(expand(kept, begin, zone_name)) == shown(reference_expand(kept, begin, zone_name))
    dropped = Recurrence(f"{rule};COUNT=3", exdates=(first,))
    got = expand(dropped, begin, zone_name)
    assert len(got) == 2  # COUNT counts the excluded start too (RFC 5545 3.8.5.1)
    assert begin in got
    assert ambiguous not in got
    assert shown(got) == shown(reference_expand(dropped, begin, zone_name))


# -- refused bookings word their reasons when read ------------------------------------

ALMATY = zone("Asia/Almaty")
DAY = dt.datetime(2025, 3, 10, tzinfo=ALMATY)


def _hub() -> Hub:
    return Hub(
        "hub",
        "Hub",
        HubKind.CREATIVE_HUB,
        "Asia/Almaty",
        Decimal(1000),
        dt.date(2025, 3, 1),
        DayHours.every_day(dt.time(9), dt.time(18)),
        closures=(
            Closure(Interval(DAY + dt.timedelta(hours=12), DAY + dt.timedelta(hours=13)), "lunch"),
        ),
        spaces=(
            Space(
                "studio",
                "studio",
                Decimal(40),
                6,
                SpaceMode.EXCLUSIVE,
                buffer=dt.timedelta(minutes=30),
                min_notice=dt.timedelta(hours=2),
            ),
            Space("floor", "coworking", Decimal(200), 8, SpaceMode.SHARED),
        ),
    )


requests = st.lists(
    st.builds(
        lambda space, day, start, length, headcount, early: BookingRequest(
            space,
            Interval(
                DAY + dt.timedelta(days=day, minutes=30 * start),
                DAY + dt.timedelta(days=day, minutes=30 * (start + length)),
            ),
            headcount,
            "tenant",
            requested_at=DAY - dt.timedelta(days=1 if early else 0, hours=-8),
        ),
        st.sampled_from(["studio", "floor"]),
        st.integers(-10, 2),  # before the hub opens, too
        st.integers(14, 40),  # 07:00 to 20:00
        st.integers(1, 8),
        st.integers(1, 6),
        st.booleans(),
    ),
    max_size=25,
)


@given(requests)
@settings(max_examples=60, deadline=None)
def test_reasons_read_later_are_the_reasons_read_at_once(batch):
    at_once, later = Schedule.of(_hub()), Schedule.of(_hub())
    read_at_once = []
    kept: list[Decision] = []
    for request in batch:
        read_at_once.append(tuple(at_once.admit(request).reasons))
        kept.append(later.admit(request))
    for decision, reasons in zip(kept, read_at_once, strict=True):
        assert len(decision.reasons) == len(reasons)  # counted without being worded
        assert decision.reasons == reasons
        assert reasons == decision.reasons
        assert [r.message for r in decision.reasons] == [r.message for r in reasons]
        assert decision.accepted is not bool(reasons)
    assert at_once.state() == later.state()


def test_refused_reasons_behave_as_their_tuple():
    schedule = Schedule.of(_hub())
    asked = DAY - dt.timedelta(days=1)
    first = BookingRequest(
        "studio", Interval(DAY.replace(hour=10), DAY.replace(hour=11)), 2, "a", requested_at=asked
    )
    assert schedule.admit(first).accepted
    second = BookingRequest(
        "studio", Interval(DAY.replace(hour=11), DAY.replace(hour=19)), 2, "b", requested_at=asked
    )
    refused = schedule.admit(second)
    # The same request judged by another schedule in the same state, and another request:
    # reasons worded when read compare with each other as their tuples do.
    again = Schedule.of(_hub())
    again.admit(first)
    twin = again.admit(second)
    other = schedule.admit(
        BookingRequest(
            "studio",
            Interval(DAY.replace(hour=9), DAY.replace(hour=10)),
            2,
            "c",
            requested_at=asked,
        )
    )
    assert twin.reasons == refused.reasons
    assert not twin.reasons != refused.reasons  # noqa: SIM202 - the operator under test
    assert twin == refused
    assert not other.accepted
    assert other.reasons != refused.reasons
    reasons = tuple(refused.reasons)
    assert [r.code.value for r in reasons] == ["outside-hours", "closure", "conflict"]
    assert reasons[2].message == (
        "conflicts with booking B1 at 2025-03-10T10:00:00+05:00 (with 0:30:00 turnaround)"
    )
    assert isinstance(reasons[0], Reason)
    assert refused.reasons[1:] == reasons[1:]
    assert list(refused.reasons) == list(reasons)
    assert hash(refused.reasons) == hash(reasons)
    assert repr(refused.reasons) == repr(reasons)
    assert refused.reasons != reasons[:2]
    assert refused.reasons != list(reasons)  # a sequence equal to the tuple, as a tuple is
    assert refused == Decision(accepted=False, booking_id="B2", reasons=reasons)
    assert hash(refused) == hash(Decision(accepted=False, booking_id="B2", reasons=reasons))
    assert pickle.loads(pickle.dumps(refused)) == refused  # noqa: S301 - our own bytes
    assert copy.deepcopy(refused).reasons == reasons
    assert type(copy.copy(refused.reasons)) is tuple
    assert repr(refused).startswith("<Decision B2 rejected: 2025-03-10T11:00:00+05:00 to")
