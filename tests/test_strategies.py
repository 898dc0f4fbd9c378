"""The public strategies: registered through the hypothesis entry point, and every
public type they draw round-trips through JSON."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import creative_city
from creative_city.funding import (
    CampaignDefinition,
    FeePolicy,
    FundTerms,
    InvestmentPolicy,
    MatchPool,
    ProjectionParameters,
    ProposedInvestment,
    RewardTier,
    StretchGoal,
)
from creative_city.hubs import BookingRequest, Hub, NetworkPlan, PlannedHub, Recurrence, Space
from creative_city.money import Currency, ExchangeRates, Money, Rate
from creative_city.programme import Measurement, MilestoneReport, Observations
from creative_city.serialization import from_json, to_json
from creative_city.time import Interval, Period
from creative_city.tourism import Kpi, KpiObservation, Observation, Segment, Tolerances

PUBLIC_VALUE_TYPES = [
    Currency, Money, Rate, ExchangeRates, Interval, Period,
    FeePolicy, RewardTier, StretchGoal, MatchPool, CampaignDefinition,
    FundTerms, InvestmentPolicy, ProposedInvestment, ProjectionParameters,
    Space, Hub, Recurrence, BookingRequest, PlannedHub, NetworkPlan,
    Segment, Observation, Tolerances, Kpi, KpiObservation,
    Observations, Measurement, MilestoneReport,
]  # fmt: skip


@pytest.mark.parametrize("cls", PUBLIC_VALUE_TYPES, ids=lambda c: c.__name__)
def test_from_type_works_and_round_trips_through_json(cls):
    @settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
    @given(st.from_type(cls))
    def check(value):
        assert isinstance(value, cls)
        text = to_json(value)
        assert from_json(text, cls) == value
        assert to_json(from_json(text, cls)) == text

    check()


def test_top_level_exports():
    assert creative_city.Money is Money
    assert sorted(creative_city.__all__) == creative_city.__all__
    with pytest.raises(AttributeError, match="has no attribute 'NoSuchThing'"):
        _ = creative_city.NoSuchThing
