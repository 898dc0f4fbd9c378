"""The venture fund: commitments, calls, distributions, policy, analytics, replay."""

from __future__ import annotations

import datetime as dt
import random
import typing
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from creative_city.errors import (
    CurrencyMismatchError,
    InvalidStateError,
    LimitExceededError,
    UndefinedResultError,
    ValidationError,
)
from creative_city.funding import (
    CallPurpose,
    CapitalCalled,
    CapitalDistributed,
    FollowOnReserve,
    Fund,
    FundTerms,
    HoldingStatus,
    InvestmentMade,
    InvestmentPeriodOpen,
    InvestmentPolicy,
    InvestmentStage,
    LPAmount,
    LPKind,
    MaxOwnership,
    MaxPublicShareOfRound,
    MaxTicket,
    MinTicket,
    PerCompanyCap,
    ProposedInvestment,
    RoundKind,
    SectorConcentrationCap,
    StageConcentrationCap,
    evaluate,
)
from creative_city.funding.venture import FundEvent, PolicyRule, fold, policy, rules
from creative_city.funding.venture.state import FundState
from creative_city.money import Money
from creative_city.serialization import from_json, to_json
from creative_city.testing import venture as vst

D = dt.date
BN = 1_000_000_000


def kzt(amount):
    return Money.of(amount, "KZT")


def almaty_terms():
    # Zakon.kz, 12 September 2022: a city venture fund of 20 bn KZT. The hard cap,
    # vintage and periods are illustrative.
    return FundTerms(
        "Almaty City Venture Fund",
        "KZT",
        kzt(20 * BN),
        kzt(25 * BN),
        2023,
        D(2023, 1, 1),
        5,
        10,
    )


def almaty_policy():
    return InvestmentPolicy(
        [
            PerCompanyCap(Fraction(1, 10)),
            MinTicket(kzt(50_000_000)),
            MaxTicket(kzt(1_500_000_000)),
            MaxOwnership(Fraction(49, 100)),
            SectorConcentrationCap(Fraction(3, 10)),
            StageConcentrationCap(Fraction(1, 5), InvestmentStage.SEED),
            MaxPublicShareOfRound(Fraction(1, 2)),
            FollowOnReserve(Fraction(1)),
            InvestmentPeriodOpen(),
        ]
    )


def almaty_fund(policy=None):
    fund = Fund.open(almaty_terms(), almaty_policy() if policy is None else policy)
    fund = fund.commit(
        "city", "Almaty city budget", LPKind.CITY_BUDGET, kzt(10 * BN), D(2023, 1, 1)
    )
    fund = fund.commit("bank", "A private bank", LPKind.PRIVATE, kzt(6 * BN), D(2023, 1, 1))
    return fund.commit(
        "dfi", "A development institution", LPKind.PRIVATE, kzt(4 * BN), D(2023, 1, 1)
    )


def proposal(company="Depo Studio", ticket=100_000_000, *, kind=RoundKind.INITIAL, **changes):
    base = ProposedInvestment(
        company,
        "music",
        InvestmentStage.SERIES_A,
        kind,
        D(2023, 6, 1),
        kzt(ticket * 4),
        kzt(ticket),
        Fraction(1, 5),
    )
    return attrs.evolve(base, **changes)


def small_fund(policy, commitment=1000):
    terms = FundTerms("Small", "KZT", kzt(commitment), kzt(commitment), 2023, D(2023, 1, 1), 3, 6)
    fund = Fund.open(terms, policy)
    return fund.commit("city", "City", LPKind.CITY_BUDGET, kzt(commitment), D(2023, 1, 1))


def approve(fund, p, investment_id):
    decision = fund.evaluate(p)
    assert decision.approved, decision.violations
    return fund.invest(investment_id, decision)


# -- capital calls and distributions -------------------------------------------------------


def test_call_split_pro_rata_hand_computed():
    # 1 bn over commitments 10 : 6 : 4 bn -> 500, 300, 200 million.
    fund = almaty_fund().call_capital("c1", D(2023, 2, 1), kzt(BN))
    called = {s.lp_id: s.called for s in fund.statements()}
    assert called == {"city": kzt(500_000_000), "bank": kzt(300_000_000), "dfi": kzt(200_000_000)}
    uncalled = {s.lp_id: s.uncalled for s in fund.statements()}
    assert uncalled["city"] == kzt(9_500_000_000)


def test_call_of_one_hundred_over_three_equal_lps_loses_no_tiyn():
    # Fowler's 100 / 3 example: 33.34 + 33.33 + 33.33 (largest remainder, ties first).
    terms = FundTerms("F", "KZT", kzt(300), kzt(300), 2023, D(2023, 1, 1), 1, 2)
    fund = Fund.open(terms)
    for lp in ("a", "b", "c"):
        fund = fund.commit(lp, lp.upper(), LPKind.PRIVATE, kzt(100), D(2023, 1, 1))
    fund = fund.call_capital("c1", D(2023, 1, 2), kzt(100))
    assert [s.called for s in fund.statements()] == [kzt("33.34"), kzt("33.33"), kzt("33.33")]


def test_fee_calls_count_against_commitments():
    terms = FundTerms("F", "KZT", kzt(100), kzt(100), 2023, D(2023, 1, 1), 1, 2)
    fund = Fund.open(terms).commit("a", "A", LPKind.PRIVATE, kzt(100), D(2023, 1, 1))
    fund = fund.call_capital("fee", D(2023, 1, 2), kzt(98), CallPurpose.MANAGEMENT_FEE)
    assert fund.dry_powder == kzt(2)
    with pytest.raises(
        LimitExceededError,
        match=r"^amount = '3\.00 KZT': calls never exceed uncalled commitments \(2\.00 KZT\)$",
    ):
        fund.call_capital("c2", D(2023, 1, 3), kzt(3), CallPurpose.FUND_EXPENSES)
    assert fund.call_capital("c2", D(2023, 1, 3), kzt(2)).uncalled == kzt(0)


def test_call_above_uncalled_is_rejected_and_changes_nothing():
    fund = almaty_fund()
    before = to_json(fund)
    with pytest.raises(
        LimitExceededError,
        match=r"^amount = '20000000000\.01 KZT': calls never exceed uncalled commitments ",
    ):
        fund.call_capital("c1", D(2023, 2, 1), kzt("20000000000.01"))
    assert to_json(fund) == before
    assert fund.paid_in == kzt(0)


def test_commitments_never_exceed_the_hard_cap():
    fund = almaty_fund()
    fund = fund.commit("fund2", "Another LP", LPKind.PRIVATE, kzt(5 * BN), D(2023, 2, 1))
    with pytest.raises(
        LimitExceededError,
        match=r"^amount = '0\.01 KZT': total commitments would be 25000000000\.01 KZT, above the "
        r"hard cap 25000000000\.00 KZT$",
    ):
        fund.commit("fund3", "One more", LPKind.PRIVATE, kzt("0.01"), D(2023, 2, 1))
    assert fund.commitments == kzt(25 * BN)


def test_distribution_before_any_investment_is_rejected():
    fund = almaty_fund().call_capital("c1", D(2023, 2, 1), kzt(BN))
    with pytest.raises(
        InvalidStateError,
        match=r"^amount = '1\.00 KZT': nothing to distribute: the fund has made no investment yet$",
    ):
        fund.distribute("d1", D(2023, 3, 1), kzt(1))


def test_distribution_above_realised_proceeds_is_rejected():
    fund = approve(almaty_fund(), proposal(), "i1")
    with pytest.raises(
        LimitExceededError,
        match=r"^amount = '1\.00 KZT': distributions never exceed realised proceeds not yet "
        r"distributed \(0\.00 KZT\)$",
    ):
        fund.distribute("d1", D(2023, 7, 1), kzt(1))


def test_hand_computed_analytics():
    # Calls 2.0 bn (investments) + 0.2 bn (fees); A costs 1.5 bn and exits for 4.5 bn;
    # B costs 0.5 bn and is written off; 4.5 bn distributed pro rata to paid-in
    # (2.2 bn = 1.1 + 0.66 + 0.44) -> 2.25, 1.35 and 0.9 bn.
    fund = almaty_fund()
    fund = fund.call_capital("c1", D(2023, 2, 1), kzt(2 * BN))
    fund = fund.call_capital("fee1", D(2023, 2, 1), kzt(200_000_000), CallPurpose.MANAGEMENT_FEE)
    fund = approve(fund, proposal("A", 1_500_000_000, ownership_after=Fraction(49, 100)), "i1")
    fund = approve(fund, proposal("B", 500_000_000, on=D(2023, 7, 1)), "i2")
    fund = fund.mark("A", D(2024, 1, 1), kzt(3 * BN))
    assert fund.nav == kzt(3_500_000_000)  # A 3.0 + B 0.5 + cash (2.2 - 2.0 - 0.2 = 0)
    fund = fund.write_off("B", D(2024, 6, 1))
    fund = fund.exit("A", D(2025, 1, 1), kzt(4_500_000_000))
    fund = fund.distribute("d1", D(2025, 2, 1), kzt(4_500_000_000))
    distributed = {s.lp_id: s.distributed for s in fund.statements()}
    assert distributed == {
        "city": kzt(2_250_000_000),
        "bank": kzt(1_350_000_000),
        "dfi": kzt(900_000_000),
    }
    a = fund.analytics()
    assert (a.paid_in, a.distributed, a.invested) == (
        kzt(2_200_000_000),
        kzt(4_500_000_000),
        kzt(2 * BN),
    )
    assert a.nav == kzt(0)
    assert a.dry_powder == kzt(17_800_000_000)  # 20 - 2.0 invested - 0.2 fees
    assert a.dpi == Fraction(45, 22)
    assert a.rvpi == 0
    assert a.tvpi == Fraction(45, 22)
    assert a.moic == Fraction(9, 4)  # 4.5 / 2.0
    assert [h.status for h in fund.holdings] == [HoldingStatus.EXITED, HoldingStatus.WRITTEN_OFF]


def test_multiples_of_a_fund_without_paid_in_are_undefined():
    analytics = almaty_fund().analytics()
    assert analytics.dpi is None
    assert analytics.undefined
    with pytest.raises(
        UndefinedResultError,
        match=r"^tvpi = None: dpi, rvpi, tvpi: undefined because paid-in capital is zero$",
    ):
        analytics.ratio("tvpi")


# -- the investment policy -------------------------------------------------------------------


def test_every_broken_rule_is_listed_hand_computed():
    # Round 4.0 bn after the investment period (ended 2028-01-01): ticket 2.5 bn + 0.5 bn
    # other public money; a 50% stake.
    p = proposal(
        "Depo Studio",
        2_500_000_000,
        on=D(2029, 1, 1),
        round_size=kzt(4 * BN),
        ownership_after=Fraction(1, 2),
        other_public=kzt(500_000_000),
        stage=InvestmentStage.SEED,
    )
    decision = evaluate(almaty_fund(), p)
    assert not decision.approved
    got = {v.rule_id: (v.limit, v.actual) for v in decision.violations}
    assert got == {
        "investment_period_open": ("before 2028-01-01", "2029-01-01"),
        "max_ownership": ("49/100 (49%)", "1/2 (50%)"),
        "max_public_share": ("1/2 (50%)", "3/4 (75%)"),  # (2.5 + 0.5) / 4
        "max_ticket": ("1500000000.00 KZT", "2500000000.00 KZT"),
        "per_company_cap": ("1/10 (10%)", "1/8 (12.5%)"),  # 2.5 / 20
    }
    assert [v.rule_id for v in decision.violations] == sorted(got)
    assert all(v.message.endswith(".") for v in decision.violations)


def test_ownership_cap_is_inclusive():
    fund = almaty_fund()
    assert evaluate(fund, proposal(ownership_after=Fraction(49, 100))).approved
    decision = evaluate(fund, proposal(ownership_after=Fraction(4901, 10000)))
    assert [v.rule_id for v in decision.violations] == ["max_ownership"]


def test_per_company_cap_is_cumulative_with_follow_ons():
    fund = small_fund(InvestmentPolicy([PerCompanyCap(Fraction(1, 10))]))
    fund = approve(fund, proposal("A", 100, round_size=kzt(1000)), "i1")
    follow = proposal("A", 1, kind=RoundKind.FOLLOW_ON, round_size=kzt(10))
    decision = fund.evaluate(follow)
    assert [(v.rule_id, v.actual) for v in decision.violations] == [
        ("per_company_cap", "101/1000 (10.1%)")
    ]


def test_sector_and_stage_concentration():
    policy = InvestmentPolicy(
        [
            SectorConcentrationCap(Fraction(3, 10)),
            StageConcentrationCap(Fraction(1, 4), InvestmentStage.SERIES_A),
        ]
    )
    fund = approve(small_fund(policy), proposal("A", 200, round_size=kzt(1000)), "i1")
    decision = fund.evaluate(proposal("B", 150, round_size=kzt(1000)))
    got = {v.rule_id: v.actual for v in decision.violations}
    assert got == {"sector_concentration": "7/20 (35%)", "stage_concentration": "7/20 (35%)"}
    other_sector = proposal("B", 150, round_size=kzt(1000), sector="games")
    assert [v.rule_id for v in fund.evaluate(other_sector).violations] == ["stage_concentration"]


def test_follow_on_reserve_hand_computed():
    fund = small_fund(InvestmentPolicy([FollowOnReserve(Fraction(1))]))
    # 600 initial needs 600 in reserve, but only 400 would be left.
    decision = fund.evaluate(proposal("A", 600, round_size=kzt(2000)))
    assert [(v.limit, v.actual) for v in decision.violations] == [("600.00 KZT", "400.00 KZT")]
    # 500 leaves exactly the 500 reserve: allowed.
    fund = approve(fund, proposal("A", 500, round_size=kzt(2000)), "i1")
    # Follow-ons draw on the reserve without being checked by it.
    fund = approve(fund, proposal("A", 300, kind=RoundKind.FOLLOW_ON, round_size=kzt(2000)), "i2")
    # New initial 100: reserve 1 x (500 + 100) - 300 = 300; left 1000 - 800 - 100 = 100.
    decision = fund.evaluate(proposal("B", 100, round_size=kzt(2000)))
    assert [(v.limit, v.actual) for v in decision.violations] == [("300.00 KZT", "100.00 KZT")]


def test_after_the_investment_period_only_follow_ons():
    fund = approve(almaty_fund(), proposal("A"), "i1")
    late = D(2028, 1, 1)
    assert [v.rule_id for v in fund.evaluate(proposal("B", on=late)).violations] == [
        "investment_period_open"
    ]
    assert fund.evaluate(proposal("A", kind=RoundKind.FOLLOW_ON, on=late)).approved


def test_suspension_event_stops_initial_investments_until_resumed():
    fund = almaty_fund().suspend_investment_period(D(2023, 3, 1), "key-person event")
    assert [v.rule_id for v in fund.evaluate(proposal("A")).violations] == [
        "investment_period_open"
    ]
    with pytest.raises(
        InvalidStateError, match=r"^on = '2023-03-02': the investment period is already suspended$"
    ):
        fund.suspend_investment_period(D(2023, 3, 2), "again")
    fund = fund.resume_investment_period(D(2023, 4, 1))
    assert fund.evaluate(proposal("A")).approved


def test_dry_powder_and_term_are_always_checked():
    fund = small_fund(InvestmentPolicy())
    decision = fund.evaluate(proposal("A", 1001, round_size=kzt(5000), on=D(2029, 1, 1)))
    assert {v.rule_id for v in decision.violations} == {"dry_powder", "within_term"}


# -- no way around the policy -----------------------------------------------------------------


def test_rejected_decision_cannot_be_recorded():
    fund = almaty_fund()
    decision = fund.evaluate(proposal(ownership_after=Fraction(3, 4)))
    with pytest.raises(
        LimitExceededError,
        match=r"^decision = \['max_ownership'\]: the proposal breaks the investment policy: ",
    ):
        fund.invest("i1", decision)
    assert fund.holdings == ()


def test_edited_decision_cannot_be_recorded():
    fund = almaty_fund()
    decision = fund.evaluate(proposal(ownership_after=Fraction(3, 4)))
    forged = attrs.evolve(decision, violations=())
    with pytest.raises(ValidationError, match=r"^decision = .*\(decisions cannot be edited\)$"):
        fund.invest("i1", forged)


def test_stale_decision_cannot_be_recorded():
    fund = almaty_fund()
    decision = fund.evaluate(proposal())
    moved = fund.call_capital("c1", D(2023, 2, 1), kzt(BN))
    with pytest.raises(
        InvalidStateError,
        match=r"^decision\.fund_version = 3: the fund is at version 4: evaluate the proposal "
        r"again$",
    ):
        moved.invest("i1", decision)


def test_raw_investment_events_are_checked_against_the_policy_too():
    fund = almaty_fund()
    with pytest.raises(
        LimitExceededError,
        match=r"^proposal = \['max_ownership'\]: the proposal breaks the investment policy: The "
        r"fund would own 3/4 \(75%\) of Depo Studio",
    ):
        fund.apply(InvestmentMade("i1", proposal(ownership_after=Fraction(3, 4))))


def test_funds_are_built_only_by_open_and_replay():
    with pytest.raises(
        InvalidStateError,
        match=r"^Fund = 'Fund\(\)': build funds with Fund\.open\(terms, policy\) or Fund\.replay",
    ):
        Fund()


@given(vst.fund_terms(), vst.investment_policies(), vst.proposals())
def test_terms_policies_and_proposals_round_trip_through_json(terms, policy, p):
    assert from_json(to_json(terms), FundTerms) == terms
    assert from_json(to_json(policy), InvestmentPolicy) == policy
    assert from_json(to_json(p), ProposedInvestment) == p


def test_forged_call_shares_are_rejected():
    fund = almaty_fund()
    forged = CapitalCalled(
        D(2023, 2, 1),
        "c1",
        CallPurpose.INVESTMENT,
        kzt(100),
        [LPAmount("city", kzt(100)), LPAmount("bank", kzt(0)), LPAmount("dfi", kzt(0))],
    )
    with pytest.raises(
        ValidationError,
        match=r"^shares = \['city: 100\.00 KZT', 'bank: 0\.00 KZT', 'dfi: 0\.00 KZT'\]: must be "
        r"the pro-rata split the fund computes \(\['city: 50\.00 KZT', 'bank: 30\.00 KZT', "
        r"'dfi: 20\.00 KZT'\]\)$",
    ):
        fund.apply(forged)


# -- bad input ---------------------------------------------------------------------------------


def test_proposal_in_another_currency_is_rejected():
    p = attrs.evolve(proposal(), round_size=Money.of(4000, "USD"), ticket=Money.of(1000, "USD"))
    with pytest.raises(
        CurrencyMismatchError,
        match=r"^proposal\.ticket = 'USD vs fund KZT': a proposal must be in the fund's currency$",
    ):
        evaluate(almaty_fund(), p)


def test_negative_ticket_and_ownership_above_one_are_rejected():
    with pytest.raises(ValidationError, match=r"^ticket = '-5\.00 KZT': must be > 0$"):
        proposal(ticket=-5)
    with pytest.raises(
        ValidationError,
        match=r"^ownership_after = '101/100': must be above 0 and at most 1 \(100%\)$",
    ):
        proposal(ownership_after=Fraction(101, 100))
    with pytest.raises(
        ValidationError,
        match=r"^round_size = '1\.00 KZT': must be at least the public money in it "
        r"\(100000000\.00 KZT\)$",
    ):
        proposal(round_size=kzt(1))


def test_initial_round_in_a_held_company_and_follow_on_in_an_unknown_one():
    fund = approve(almaty_fund(), proposal("A"), "i1")
    with pytest.raises(
        InvalidStateError,
        match=r"^proposal\.round_kind = 'initial': the fund already holds 'A': propose a "
        r"follow-on$",
    ):
        fund.evaluate(proposal("A"))
    with pytest.raises(
        InvalidStateError,
        match=r"^proposal\.round_kind = 'follow_on': the fund holds no stake in 'Z': propose an "
        r"initial round$",
    ):
        fund.evaluate(proposal("Z", kind=RoundKind.FOLLOW_ON))


def test_events_out_of_date_order_are_rejected():
    fund = almaty_fund().call_capital("c1", D(2023, 5, 1), kzt(1))
    with pytest.raises(
        ValidationError,
        match=r"^on = '2023-04-01': is before the last event \(2023-05-01\); events are in date "
        r"order$",
    ):
        fund.call_capital("c2", D(2023, 4, 1), kzt(1))
    with pytest.raises(
        ValidationError,
        match=r"^proposal\.on = '2023-04-01': is before the fund's last event \(2023-05-01\); ",
    ):
        fund.evaluate(proposal(on=D(2023, 4, 1)))


def test_duplicate_ids_are_rejected():
    fund = almaty_fund().call_capital("c1", D(2023, 5, 1), kzt(1))
    with pytest.raises(
        ValidationError,
        match=r"^call_id = 'c1': ids of calls, distributions and investments are unique$",
    ):
        fund.call_capital("c1", D(2023, 5, 1), kzt(1))


# -- properties --------------------------------------------------------------------------------


@given(vst.funds())
def test_called_plus_uncalled_is_committed_per_lp(fund):
    for s in fund.statements():
        assert s.called + s.uncalled == s.committed
        assert s.uncalled >= 0
    assert sum(s.called for s in fund.statements()) + 0 == fund.paid_in


@given(vst.funds())
def test_pro_rata_splits_sum_exactly(fund):
    for event in fund.events:
        if isinstance(event, (CapitalCalled, CapitalDistributed)):
            assert sum(s.amount for s in event.shares) == event.amount


@given(vst.funds(), vst.investment_policies(), vst.proposals(), st.randoms(use_true_random=False))
def test_evaluate_is_pure_and_rule_order_does_not_matter(fund, policy, p, rnd):
    fund = Fund.replay(fund.terms, policy, ())
    fund = fund.commit("a", "A", LPKind.PRIVATE, fund.terms.target, D(2023, 1, 1))
    before = to_json(fund)
    first = evaluate(fund, p)
    assert evaluate(fund, p) == first
    assert to_json(fund) == before
    shuffled = list(policy.rules)
    rnd.shuffle(shuffled)
    again = evaluate(Fund.replay(fund.terms, InvestmentPolicy(shuffled), fund.events), p)
    assert again.violations == first.violations


@given(vst.funds())
def test_replayed_fund_equals_the_original(fund):
    replayed = Fund.replay(fund.terms, fund.policy, fund.events)
    assert replayed == fund
    assert replayed.statements() == fund.statements()
    assert replayed.analytics() == fund.analytics()
    back = from_json(to_json(fund), Fund)
    assert back == fund
    assert back.statement() == fund.statement()


# -- a stateful model ---------------------------------------------------------------------------


class FundMachine(RuleBasedStateMachine):
    """Commitments, calls, investments, exits and distributions against a simple model."""

    @initialize()
    def start(self):
        terms = FundTerms("M", "KZT", kzt(10_000), kzt(12_000), 2023, D(2023, 1, 1), 5, 10)
        self.fund = Fund.open(terms, InvestmentPolicy([MaxOwnership(Fraction(49, 100))]))
        self.day = D(2023, 1, 1)
        self.model = {"committed": {}, "called": {}, "distributed": {}}
        self.invested = 0
        self.fees = 0
        self.proceeds = 0
        self.count = 0

    def _next(self):
        self.count += 1
        return f"x{self.count}"

    @rule(amount=st.integers(1, 5000), lp=st.sampled_from(["city", "bank", "dfi"]))
    def commit(self, amount, lp):
        total = sum(self.model["committed"].values())
        kind = LPKind.CITY_BUDGET if lp == "city" else LPKind.PRIVATE
        if total + amount * 100 > 1_200_000:
            with pytest.raises(LimitExceededError, match=r"^amount = .*: total commitments would "):
                self.fund.commit(lp, lp, kind, Money.from_minor(amount * 100, "KZT"), self.day)
            return
        self.fund = self.fund.commit(lp, lp, kind, Money.from_minor(amount * 100, "KZT"), self.day)
        for key in self.model:
            self.model[key].setdefault(lp, 0)
        self.model["committed"][lp] += amount * 100

    @precondition(lambda self: self.model["committed"])
    @rule(units=st.integers(1, 1_200_000), fee=st.booleans())
    def call(self, units, fee):
        uncalled = sum(self.model["committed"].values()) - sum(self.model["called"].values())
        purpose = CallPurpose.MANAGEMENT_FEE if fee else CallPurpose.INVESTMENT
        amount = Money.from_minor(units, "KZT")
        if units > uncalled:
            before = self.fund
            with pytest.raises(LimitExceededError, match=r"^amount = .*: calls never exceed "):
                self.fund.call_capital(self._next(), self.day, amount, purpose)
            assert self.fund == before
            return
        old = {s.lp_id: s.uncalled.minor for s in self.fund.statements()}
        self.fund = self.fund.call_capital(self._next(), self.day, amount, purpose)
        event = self.fund.events[-1]
        for share in event.shares:
            assert share.amount.minor <= old[share.lp_id]
            self.model["called"][share.lp_id] += share.amount.minor
        self.fees += units if fee else 0

    @precondition(lambda self: self.model["committed"])
    @rule(units=st.integers(1, 600_000), stake=st.integers(1, 100))
    def invest(self, units, stake):
        p = ProposedInvestment(
            self._next(),
            "music",
            InvestmentStage.SEED,
            RoundKind.INITIAL,
            self.day,
            Money.from_minor(units * 3, "KZT"),
            Money.from_minor(units, "KZT"),
            Fraction(stake, 100),
        )
        decision = self.fund.evaluate(p)
        expected_ok = stake <= 49 and units <= self._dry_powder()
        assert decision.approved == expected_ok
        if decision.approved:
            self.fund = self.fund.invest(self._next(), decision)
            self.invested += units
        else:
            with pytest.raises(
                LimitExceededError, match=r"^decision = \[.*\]: the proposal breaks the investment "
            ):
                self.fund.invest(self._next(), decision)

    @precondition(lambda self: any(h.status is HoldingStatus.ACTIVE for h in self.fund.holdings))
    @rule(data=st.data())
    def exit(self, data):
        active = [h for h in self.fund.holdings if h.status is HoldingStatus.ACTIVE]
        holding = data.draw(st.sampled_from(active))
        proceeds = data.draw(st.integers(0, 3 * holding.cost.minor))
        self.fund = self.fund.exit(holding.company, self.day, Money.from_minor(proceeds, "KZT"))
        self.proceeds += proceeds

    @rule(units=st.integers(1, 1_000_000))
    def distribute(self, units):
        amount = Money.from_minor(units, "KZT")
        if not self.fund.holdings:
            with pytest.raises(InvalidStateError, match=r"^amount = .*: nothing to distribute: "):
                self.fund.distribute(self._next(), self.day, amount)
            return
        if units > self.proceeds - sum(self.model["distributed"].values()):
            with pytest.raises(
                LimitExceededError, match=r"^amount = .*: distributions never exceed realised "
            ):
                self.fund.distribute(self._next(), self.day, amount)
            return
        self.fund = self.fund.distribute(self._next(), self.day, amount)
        for share in self.fund.events[-1].shares:
            self.model["distributed"][share.lp_id] += share.amount.minor

    @rule(days=st.integers(0, 400))
    def wait(self, days):
        self.day += dt.timedelta(days=days)
        self.day = min(self.day, D(2032, 12, 31))

    def _dry_powder(self):
        return sum(self.model["committed"].values()) - self.invested - self.fees

    @invariant()
    def statements_match_the_model(self):
        for s in self.fund.statements():
            assert s.committed.minor == self.model["committed"][s.lp_id]
            assert s.called.minor == self.model["called"][s.lp_id]
            assert s.distributed.minor == self.model["distributed"][s.lp_id]
            assert s.called + s.uncalled == s.committed
            assert s.uncalled.minor >= 0

    @invariant()
    def totals_tie_out(self):
        fund = self.fund
        assert fund.paid_in + fund.uncalled == fund.commitments
        assert fund.dry_powder.minor == self._dry_powder()
        assert fund.invested.minor == self.invested
        assert fund.distributed.minor <= self.proceeds
        assert fund.cash.minor == (
            fund.paid_in.minor - self.invested - self.fees + self.proceeds - fund.distributed.minor
        )

    @invariant()
    def replay_rebuilds_the_fund(self):
        assert Fund.replay(self.fund.terms, self.fund.policy, self.fund.events) == self.fund


TestFundMachine = FundMachine.TestCase


def test_large_portfolio_replay_is_linear():
    # 2,000 investments replay quickly (a regression guard on the fold, not a timing).
    terms = FundTerms("Big", "KZT", kzt(10**9), kzt(10**9), 2023, D(2023, 1, 1), 5, 10)
    fund = Fund.open(terms).commit("a", "A", LPKind.PRIVATE, kzt(10**9), D(2023, 1, 1))
    rng = random.Random(5)  # noqa: S311 - test data
    events = list(fund.events)
    for i in range(2000):
        p = proposal(f"co{i}", rng.randint(1, 1000), on=D(2023, 2, 1))
        events.append(InvestmentMade(f"i{i}", p))
    replayed = Fund.replay(terms, None, events)
    assert len(replayed.holdings) == 2000


# -- layout: one check per rule, one fold per event ------------------------------------


def test_every_policy_rule_has_exactly_one_check():
    # rules.CHECKS dispatches on the rule's class: it must know every class of the
    # PolicyRule union and nothing else.
    assert set(rules.CHECKS) == set(typing.get_args(PolicyRule))


def test_every_event_has_exactly_one_fold():
    assert set(fold.FOLDS) == set(typing.get_args(FundEvent))


def test_the_built_in_checks_report_the_reserved_rule_ids():
    # policy.BUILT_IN_RULES reserves the ids the built-in checks report.
    # An empty fund has no dry powder, and its six-year term ends on 2029-01-01.
    terms = small_fund(InvestmentPolicy()).terms
    broken = proposal("A", 1001, round_size=kzt(5000), on=D(2029, 1, 1))
    found = [check(terms, FundState(), broken) for check in rules.BUILT_IN_CHECKS]
    assert tuple(v.rule_id for v in found) == policy.BUILT_IN_RULES
