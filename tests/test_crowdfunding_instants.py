"""A campaign's window is a span of instants, also inside a repeated local hour.

Python orders two datetimes that share a zone by their wall-clock readings and ignores
``fold`` (the Python documentation, datetime, "Comparisons"). In Europe/Berlin the hour
from 02:00 to 03:00 on 2022-10-30 happens twice (CEST, then CET, EU Directive
2000/84/EC, Article 2): 02:15 of the second pass comes 45 minutes *after* 02:30 of the
first. The rules below are read on the UTC time line: ``launch <= at < deadline``.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from creative_city.errors import InvalidStateError, ValidationError
from creative_city.funding.crowdfunding import CampaignDefinition, Platform
from creative_city.money import Money

BERLIN = ZoneInfo("Europe/Berlin")
# The first pass of the repeated hour starts at 00:00 UTC (02:00 CEST), the second at
# 01:00 UTC (02:00 CET).
REPEAT = dt.datetime(2022, 10, 30, 0, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)
DAY = dt.timedelta(days=1)


def berlin(utc: dt.datetime) -> dt.datetime:
    """The same instant in Berlin time (with the fold that tells the two passes apart)."""
    return utc.astimezone(BERLIN)


def live_campaign(launch: dt.datetime, deadline: dt.datetime) -> Platform:
    platform = Platform()
    definition = CampaignDefinition(
        id="c", owner="o", goal=Money.of(100, "EUR"), launch=launch, deadline=deadline
    )
    platform.create_campaign(definition, at=launch - DAY)
    platform.launch("c", at=launch - DAY)
    return platform


def test_the_example_instants_are_what_the_wall_clock_hides():
    first = berlin(REPEAT + 30 * MINUTE)  # 02:30 CEST, 00:30 UTC
    second = berlin(REPEAT + 75 * MINUTE)  # 02:15 CET, 01:15 UTC
    assert (first.hour, first.minute, first.fold) == (2, 30, 0)
    assert (second.hour, second.minute, second.fold) == (2, 15, 1)
    assert second < first  # Python's same-zone order: the wall clock
    assert second.astimezone(dt.UTC) > first.astimezone(dt.UTC)


@given(minutes=st.integers(min_value=-60, max_value=180))
@example(minutes=75)  # 02:15 of the second pass, 45 minutes after a deadline at 02:30
@example(minutes=30)  # the deadline itself
@example(minutes=29)
def test_a_pledge_counts_when_launch_le_at_lt_deadline_on_the_time_line(minutes):
    launch = berlin(REPEAT - 3 * DAY)
    deadline = berlin(REPEAT + 30 * MINUTE)  # 02:30, first pass
    at_utc = REPEAT + minutes * MINUTE
    platform = live_campaign(launch, deadline)
    if at_utc < REPEAT + 30 * MINUTE:
        platform.pledge("c", "p", "b", Money.of(10, "EUR"), at=berlin(at_utc))
        assert platform.summary("c").pledged == Money.of(10, "EUR")
    else:
        with pytest.raises(
            ValidationError, match=r"^at = '.*': cannot pledge outside launch <= at < deadline"
        ) as caught:
            platform.pledge("c", "p", "b", Money.of(10, "EUR"), at=berlin(at_utc))
        assert caught.value.field == "at"
        assert platform.summary("c").pledged == Money.of(0, "EUR")


@given(minutes=st.integers(min_value=0, max_value=119))
def test_launch_at_a_repeated_hour_opens_the_window_at_that_instant(minutes):
    launch = berlin(REPEAT + 60 * MINUTE + 15 * MINUTE)  # 02:15 CET, second pass
    at_utc = REPEAT + minutes * MINUTE
    platform = live_campaign(launch, berlin(REPEAT + 10 * DAY))
    if at_utc >= launch.astimezone(dt.UTC):
        platform.pledge("c", "p", "b", Money.of(10, "EUR"), at=berlin(at_utc))
        assert platform.summary("c").backers == 1
    else:
        with pytest.raises(ValidationError, match=r"^at = '.*': cannot pledge outside"):
            platform.pledge("c", "p", "b", Money.of(10, "EUR"), at=berlin(at_utc))
        assert platform.summary("c").backers == 0


def test_a_deadline_before_launch_on_the_time_line_is_refused():
    launch = berlin(REPEAT + 75 * MINUTE)  # 02:15 CET, 01:15 UTC
    deadline = berlin(REPEAT + 45 * MINUTE)  # 02:45 CEST, 00:45 UTC: 30 minutes earlier
    with pytest.raises(ValidationError, match=r"^deadline = '.*': must be after launch"):
        CampaignDefinition(
            id="c", owner="o", goal=Money.of(100, "EUR"), launch=launch, deadline=deadline
        )


def test_closing_extending_and_cancelling_read_the_deadline_as_an_instant():
    deadline = berlin(REPEAT + 30 * MINUTE)  # 02:30 CEST
    after = berlin(REPEAT + 75 * MINUTE)  # 02:15 CET: 45 minutes after the deadline
    platform = live_campaign(berlin(REPEAT - 3 * DAY), deadline)
    with pytest.raises(ValidationError, match=r"^deadline = '.*': must be after the current"):
        platform.extend_deadline("c", berlin(REPEAT + 15 * MINUTE), at=berlin(REPEAT - DAY))
    with pytest.raises(InvalidStateError, match=r"^at = '.*': the deadline .* has passed"):
        platform.extend_deadline("c", berlin(REPEAT + 2 * DAY), at=after)
    with pytest.raises(InvalidStateError, match=r"^at = '.*': cannot cancel after the deadline"):
        platform.cancel_campaign("c", at=after)
    platform.close("c", at=after)  # the campaign ran until its deadline, 45 minutes before
    assert platform.summary("c").status.value == "failed"
