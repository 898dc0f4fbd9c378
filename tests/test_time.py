"""Time: aware guard, half-open intervals, calendar periods, local times, day counts."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from creative_city.errors import InvalidTypeError, ValidationError
from creative_city.testing import strategies as ccst
from creative_city.time import (
    UTC,
    Interval,
    Period,
    PeriodKind,
    act_365f,
    at_local,
    require_aware,
    zone,
)


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


# -- aware guard -----------------------------------------------------------------


def test_naive_datetimes_are_rejected():
    with pytest.raises(InvalidTypeError, match="timezone-aware") as info:
        require_aware(dt.datetime(2022, 9, 12), "launch")
    assert info.value.field == "launch"
    with pytest.raises(InvalidTypeError, match=r"^datetime = .*: datetimes must be timezone-aware"):
        Interval(dt.datetime(2022, 9, 12), utc(2022, 9, 13))  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match=r"^datetime = .*: must be a timezone-aware date"):
        require_aware(dt.date(2022, 9, 12))


# -- intervals -------------------------------------------------------------------


def test_end_must_follow_start():
    with pytest.raises(ValidationError, match=r"\[start, end\)") as info:
        Interval(utc(2025, 1, 1), utc(2025, 1, 1))
    assert info.value.field == "end"
    with pytest.raises(ValidationError, match=r"^end = .*: must be after start 2025-01-02T00"):
        Interval(utc(2025, 1, 2), utc(2025, 1, 1))


def test_back_to_back_intervals_do_not_overlap():
    # Seatsurfing #298: inclusive ends blocked back-to-back bookings.
    morning = Interval(utc(2025, 1, 6, 9), utc(2025, 1, 6, 12))
    afternoon = Interval(utc(2025, 1, 6, 12), utc(2025, 1, 6, 15))
    assert not morning.overlaps(afternoon)
    assert morning.intersection(afternoon) is None
    assert not morning.contains(utc(2025, 1, 6, 12))
    assert morning.contains(utc(2025, 1, 6, 9))


def test_interval_is_exact_across_dst():
    # Europe/Berlin, 2024-10-27: clocks go back 03:00 -> 02:00, so the day has 25 hours.
    berlin = zone("Europe/Berlin")
    day = Interval(
        dt.datetime(2024, 10, 27, tzinfo=berlin), dt.datetime(2024, 10, 28, tzinfo=berlin)
    )
    assert day.duration == dt.timedelta(hours=25)
    spring = Interval(
        dt.datetime(2024, 3, 31, tzinfo=berlin), dt.datetime(2024, 4, 1, tzinfo=berlin)
    )
    assert spring.duration == dt.timedelta(hours=23)


def test_almaty_offset_changed_on_2024_03_01():
    # Asia/Almaty moved from UTC+6 to UTC+5 on 2024-03-01 (IANA tz database 2024a).
    almaty = zone("Asia/Almaty")
    assert dt.datetime(2024, 2, 29, 12, tzinfo=almaty).utcoffset() == dt.timedelta(hours=6)
    assert dt.datetime(2024, 3, 1, 12, tzinfo=almaty).utcoffset() == dt.timedelta(hours=5)


@given(ccst.intervals(), ccst.intervals())
def test_overlap_is_symmetric_and_matches_intersection(a, b):
    assert a.overlaps(b) == b.overlaps(a)
    shared = a.intersection(b)
    assert (shared is not None) == a.overlaps(b)
    if shared is not None:
        assert a.covers(shared)
        assert b.covers(shared)
        assert shared.duration <= min(a.duration, b.duration)


@given(ccst.intervals(), ccst.aware_datetimes())
def test_contains_is_half_open(interval, instant):
    assert interval.contains(instant) == (interval.start <= instant < interval.end)
    assert interval.contains(interval.start)
    assert not interval.contains(interval.end)


@given(ccst.intervals())
def test_split_intervals_do_not_overlap(interval):
    middle = interval.start + interval.duration / 2
    if interval.start < middle < interval.end:
        left, right = Interval(interval.start, middle), Interval(middle, interval.end)
        assert not left.overlaps(right)
        assert left.duration + right.duration == interval.duration


# -- periods ---------------------------------------------------------------------


def test_h1_lengths():
    # H1 2024 has 182 days (leap year), H1 2023 has 181.
    assert Period.half(2024, 1).days == 182
    assert Period.half(2023, 1).days == 181
    assert Period.half(2022, 1).year_earlier() == Period.half(2021, 1)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: Period.half(2022, 3), "half"),
        (lambda: Period.quarter(2022, 5), "quarter"),
        (lambda: Period.month(2022, 13), "month"),
        (lambda: Period.month(2022, 0), "month"),
        (lambda: Period.parse("2022-H3"), "half"),
        (lambda: Period.parse("2022-13"), "month"),
        (lambda: Period.parse("2022-02-30/2022-03-01"), "period"),
        (lambda: Period.parse("H1 2022"), "period"),
        (lambda: Period.custom(dt.date(2022, 2, 1), dt.date(2022, 2, 1)), "end"),
        (lambda: Period(PeriodKind.MONTH, dt.date(2022, 1, 2), dt.date(2022, 2, 2)), "start"),
        (lambda: Period(PeriodKind.MONTH, dt.date(2022, 1, 1), dt.date(2022, 3, 1)), "end"),
    ],
)
def test_periods_that_do_not_exist_are_rejected(call, field):
    with pytest.raises(ValidationError) as info:
        call()
    assert info.value.field == field


@pytest.mark.parametrize(
    ("label", "days"),
    [
        ("2022", 365),
        ("2024", 366),
        ("2022-H2", 184),
        ("2022-Q1", 90),
        ("2024-02", 29),
        ("YTD/2022-06-30", 181),
        ("2022-01-01/2022-01-08", 7),
    ],
)
def test_labels_round_trip(label, days):
    period = Period.parse(label)
    assert str(period) == label
    assert period.days == days


@given(ccst.periods())
def test_period_label_round_trips(period):
    assert Period.parse(period.label) == period


@given(ccst.periods())
def test_year_earlier_is_the_same_kind_of_period(period):
    earlier = period.year_earlier()
    assert earlier.kind is period.kind
    assert abs(earlier.days - period.days) <= 1 or period.kind is PeriodKind.CUSTOM
    assert earlier.shift_years(1).start.month == period.start.month
    if period.kind is not PeriodKind.CUSTOM:
        assert earlier.shift_years(1) == period


@given(ccst.periods(), st.dates(dt.date(1985, 1, 1), dt.date(2065, 1, 1)))
def test_contains_is_half_open_on_dates(period, day):
    assert period.contains(day) == (period.start <= day < period.end)


def test_ytd_through_leap_day_maps_to_feb_28():
    assert Period.year_to_date(dt.date(2024, 2, 29)).year_earlier() == Period.year_to_date(
        dt.date(2023, 2, 28)
    )


def test_period_as_local_interval():
    # 2024-03-31 in Berlin has 23 hours.
    assert Period.custom(dt.date(2024, 3, 31), dt.date(2024, 4, 1)).interval(
        "Europe/Berlin"
    ).duration == dt.timedelta(hours=23)


# -- local wall clock ------------------------------------------------------------


def test_ambiguous_local_time_takes_the_first_occurrence():
    first = at_local(dt.date(2024, 10, 27), dt.time(2, 30), "Europe/Berlin")
    assert first.utcoffset() == dt.timedelta(hours=2)  # CEST, before the clocks go back


def test_unknown_zone_is_rejected():
    with pytest.raises(ValidationError, match="IANA"):
        zone("Mars/Olympus_Mons")


# -- day counts ------------------------------------------------------------------


@given(st.dates(), st.dates())
def test_act_365f_is_antisymmetric(a, b):
    assert act_365f(a, b) == -act_365f(b, a)
    assert act_365f(a, b) == Fraction((b - a).days, 365)


# -- bad arguments and small queries ---------------------------------------------


@pytest.mark.parametrize("name", [42, "", "Asia/Almaty/x/y", "../etc/passwd", "Asia Almaty"])
def test_zone_names_must_look_like_iana_keys(name):
    with pytest.raises(ValidationError, match="IANA time zone key") as info:
        zone(name)
    assert info.value.field == "zone"


def test_local_times_are_naive_times():
    with pytest.raises(InvalidTypeError, match=r"naive datetime\.time"):
        at_local(dt.date(2025, 1, 6), dt.time(10, tzinfo=UTC), "Asia/Almaty")
    with pytest.raises(InvalidTypeError, match=r"naive datetime\.time"):
        at_local(dt.date(2025, 1, 6), "10:00", "Asia/Almaty")  # type: ignore[arg-type]


def test_interval_membership_and_order():
    morning = Interval.starting(utc(2025, 1, 6, 9), dt.timedelta(hours=3))
    later = Interval(utc(2025, 1, 6, 9), utc(2025, 1, 6, 13))
    assert utc(2025, 1, 6, 11) in morning
    assert utc(2025, 1, 6, 12) not in morning
    assert sorted([later, morning]) == [morning, later]
    with pytest.raises(TypeError, match="'<' not supported between instances of 'Interval'"):
        _ = morning < utc(2025, 1, 6)  # type: ignore[operator]
    with pytest.raises(InvalidTypeError, match="timedelta"):
        Interval.starting(utc(2025, 1, 6, 9), 3)  # type: ignore[arg-type]


def test_period_membership_and_comparisons():
    h1 = Period.half(2024, 1)
    assert dt.date(2024, 6, 30) in h1
    assert dt.date(2024, 7, 1) not in h1
    assert h1.overlaps(Period.quarter(2024, 2))
    assert not h1.overlaps(Period.half(2024, 2))
    assert not h1.same_length_as(Period.half(2024, 2))  # 182 days, 184 days
    assert Period.half(2023, 2).same_length_as(Period.half(2024, 2))


@pytest.mark.parametrize(
    ("build", "error", "field"),
    [
        (lambda: Period.year("2022"), InvalidTypeError, "year"),  # type: ignore[arg-type]
        (lambda: Period.year(True), InvalidTypeError, "year"),
        (lambda: Period.year(0), ValidationError, "year"),
        (lambda: Period.year(9999), ValidationError, "year"),
        (
            lambda: Period("year", dt.date(2022, 1, 1), dt.date(2023, 1, 2)),
            InvalidTypeError,
            "kind",
        ),
        (lambda: Period.parse(2022), InvalidTypeError, "period"),  # type: ignore[arg-type]
        (lambda: Period.parse("YTD/2022-02-30"), ValidationError, "period"),
        (lambda: Period.year(2022).shift_years("1"), InvalidTypeError, "years"),  # type: ignore[arg-type]
        (lambda: Period.year(2022).shift_years(True), InvalidTypeError, "years"),
    ],
)
def test_bad_periods_are_rejected(build, error, field):
    with pytest.raises(error) as info:
        build()
    assert type(info.value) is error
    assert info.value.field == field
