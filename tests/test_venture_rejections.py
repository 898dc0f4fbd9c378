"""The venture fund rejects bad input: each error names its field, and nothing changes.

Every public constructor and command validates. These tests go through the rules one
by one: the terms, the events, the policy's rules and proposals, the fund's commands,
the projection's parameters and the oracle's inputs. Each case checks the error's
class and the field it names, and for commands that the fund is left as it was.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest

from creative_city.errors import (
    CreativeCityError,
    CurrencyMismatchError,
    InvalidStateError,
    InvalidTypeError,
    ValidationError,
)
from creative_city.funding import (
    CallPurpose,
    CapitalCalled,
    CommitmentMade,
    Fund,
    FundTerms,
    InvestmentPeriodOpen,
    InvestmentPolicy,
    InvestmentStage,
    LPAmount,
    LPKind,
    MaxOwnership,
    MaxTicket,
    MinTicket,
    PerCompanyCap,
    ProjectionParameters,
    ProposedInvestment,
    RoundKind,
    SectorConcentrationCap,
    evaluate,
    project,
)
from creative_city.funding.venture.operations import XirrInput
from creative_city.money import Money
from creative_city.serialization import from_data

D = dt.date


def kzt(amount):
    return Money.of(amount, "KZT")


def usd(amount):
    return Money.of(amount, "USD")


TERMS = {
    "name": "Almaty City Venture Fund",
    "currency": "KZT",
    "target": kzt(20_000),
    "hard_cap": kzt(25_000),
    "vintage": 2023,
    "first_close": D(2023, 1, 1),
    "investment_period_years": 5,
    "term_years": 10,
}


def terms(**changes):
    return FundTerms(**{**TERMS, **changes})


def fund(policy=None):
    opened = Fund.open(terms(), policy)
    return opened.commit(
        "city", "Almaty city budget", LPKind.CITY_BUDGET, kzt(10_000), D(2023, 1, 1)
    )


def proposal(company="Depo Studio", ticket=1_000, **changes):
    base = ProposedInvestment(
        company,
        "music",
        InvestmentStage.SEED,
        RoundKind.INITIAL,
        D(2023, 6, 1),
        kzt(ticket * 4),
        kzt(ticket),
        Fraction(1, 5),
    )
    return attrs.evolve(base, **changes)


def invested(company="Depo Studio"):
    held = fund()
    return held.invest("i1", held.evaluate(proposal(company)))


def rejects(error_type, field, call):
    """Call *call*, expect *error_type* naming *field*, and return the error."""
    with pytest.raises(error_type) as info:
        call()
    assert isinstance(info.value, CreativeCityError)
    assert info.value.field == field
    assert info.value.rule
    return info.value


# -- terms -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "error_type", "field"),
    [
        ({"name": " "}, ValidationError, "name"),
        ({"target": 20_000}, InvalidTypeError, "target"),
        ({"target": usd(20_000)}, CurrencyMismatchError, "target"),
        ({"target": kzt(0), "hard_cap": kzt(0)}, ValidationError, "target"),
        ({"hard_cap": kzt(19_999)}, ValidationError, "hard_cap"),
        ({"vintage": "2023"}, InvalidTypeError, "vintage"),
        ({"vintage": True}, InvalidTypeError, "vintage"),
        ({"vintage": 1899}, ValidationError, "vintage"),
        ({"term_years": 51}, ValidationError, "term_years"),
        ({"investment_period_years": 0}, ValidationError, "investment_period_years"),
        ({"investment_period_years": 11}, ValidationError, "investment_period_years"),
        ({"first_close": dt.datetime(2023, 1, 1, tzinfo=dt.UTC)}, InvalidTypeError, "on"),
    ],
)
def test_bad_terms_are_rejected(changes, error_type, field):
    rejects(error_type, field, lambda: terms(**changes))


# -- events ------------------------------------------------------------------------


def test_call_shares_must_be_lp_amounts():
    error = rejects(
        InvalidTypeError,
        "shares[1]",
        lambda: CapitalCalled(
            D(2023, 2, 1),
            "c1",
            CallPurpose.INVESTMENT,
            kzt(100),
            [LPAmount("city", kzt(50)), ("bank", kzt(50))],
        ),
    )
    assert error.value == ("bank", kzt(50))


def test_events_must_be_fund_events():
    rejects(InvalidTypeError, "event", lambda: fund().apply("a commitment"))


def test_a_subclass_of_an_event_is_folded_as_that_event():
    class SignedCommitment(CommitmentMade):
        pass

    event = SignedCommitment(D(2023, 1, 1), "bank", "A bank", LPKind.PRIVATE, kzt(5_000))
    after = fund().apply(event)
    assert after.commitments == kzt(15_000)
    assert after.events[-1] is event


# -- commands ----------------------------------------------------------------------


def test_amounts_must_be_money_in_the_fund_currency():
    opened = fund()
    rejects(InvalidTypeError, "amount", lambda: opened.call_capital("c1", D(2023, 2, 1), 100))
    rejects(
        CurrencyMismatchError,
        "amount",
        lambda: opened.commit("bank", "A bank", LPKind.PRIVATE, usd(5), D(2023, 2, 1)),
    )
    rejects(
        ValidationError,
        "amount",
        lambda: opened.commit("bank", "A bank", LPKind.PRIVATE, kzt(0), D(2023, 2, 1)),
    )
    held = invested()
    rejects(ValidationError, "value", lambda: held.mark("Depo Studio", D(2023, 7, 1), kzt(-1)))
    rejects(ValidationError, "proceeds", lambda: held.exit("Depo Studio", D(2023, 7, 1), kzt(-1)))


def test_an_lp_id_names_one_partner():
    error = rejects(
        ValidationError,
        "lp_id",
        lambda: fund().commit("city", "Another city", LPKind.CITY_BUDGET, kzt(1), D(2023, 2, 1)),
    )
    assert "Almaty city budget" in error.rule
    more = fund().commit("city", "Almaty city budget", LPKind.CITY_BUDGET, kzt(1), D(2023, 2, 1))
    assert more.statements()[0].committed == kzt(10_001)


def test_nothing_is_committed_after_the_term():
    error = rejects(
        InvalidStateError,
        "on",
        lambda: fund().commit("bank", "A bank", LPKind.PRIVATE, kzt(1), D(2033, 1, 1)),
    )
    assert error.value == "2033-01-01"


def test_marks_exits_and_write_offs_need_an_active_holding():
    held = invested()
    rejects(InvalidStateError, "company", lambda: held.mark("Unknown", D(2023, 7, 1), kzt(1)))
    gone = held.write_off("Depo Studio", D(2023, 7, 1))
    error = rejects(
        InvalidStateError, "company", lambda: gone.exit("Depo Studio", D(2023, 8, 1), kzt(1))
    )
    assert "written_off" in error.rule
    assert gone.holdings[0].value == kzt(0)


def test_suspending_and_resuming_follow_each_other():
    opened = fund()
    rejects(InvalidStateError, "on", lambda: opened.resume_investment_period(D(2023, 2, 1)))
    suspended = opened.suspend_investment_period(D(2023, 2, 1), "key person left")
    assert suspended.suspended
    assert not suspended.resume_investment_period(D(2023, 3, 1)).suspended


def test_fund_open_checks_its_arguments():
    rejects(InvalidTypeError, "terms", lambda: Fund.open(TERMS))
    rejects(InvalidTypeError, "policy", lambda: Fund.open(terms(), [MinTicket(kzt(1))]))
    rejects(
        CurrencyMismatchError,
        "policy.rules[1].amount",
        lambda: Fund.open(terms(), InvestmentPolicy([MinTicket(kzt(1)), MaxTicket(usd(1))])),
    )


def test_replay_names_the_index_of_a_currency_mismatch():
    events = [
        CommitmentMade(D(2023, 1, 1), "city", "City", LPKind.CITY_BUDGET, kzt(100)),
        CommitmentMade(D(2023, 1, 1), "bank", "Bank", LPKind.PRIVATE, usd(100)),
    ]
    rejects(CurrencyMismatchError, "events[1].amount", lambda: Fund.replay(terms(), None, events))


def test_invest_takes_only_decisions_and_evaluate_only_funds():
    opened = fund()
    rejects(InvalidTypeError, "decision", lambda: opened.invest("i1", proposal()))
    rejects(InvalidTypeError, "fund", lambda: evaluate(terms(), proposal()))
    rejects(InvalidTypeError, "proposal", lambda: evaluate(opened, "a proposal"))


def test_funds_compare_hash_and_show_by_their_log():
    one, two = fund(), fund()
    assert one == two
    assert hash(one) == hash(two)
    assert one != one.terms
    assert one.currency.code == "KZT"
    assert repr(one) == (
        "Fund('Almaty City Venture Fund', commitments 10000.00 KZT, paid-in 0.00 KZT, "
        "0 holdings, 1 events)"
    )


def test_cash_flows_with_and_without_the_nav():
    called = fund().call_capital("c1", D(2023, 2, 1), kzt(400))
    assert called.cash_flows(with_nav=False) == ((D(2023, 2, 1), kzt(-400)),)
    assert called.cash_flows() == ((D(2023, 2, 1), kzt(-400)), (D(2023, 2, 1), kzt(400)))
    assert Fund.open(terms()).cash_flows() == ()


def test_analytics_ratio_names_a_multiple():
    called = fund().call_capital("c1", D(2023, 2, 1), kzt(400))
    analytics = called.analytics()
    assert analytics.ratio("tvpi") == 1
    rejects(ValidationError, "name", lambda: analytics.ratio("irr"))


# -- proposals and their evaluation --------------------------------------------------


def test_follow_ons_need_an_active_holding_in_the_same_sector():
    held = invested()
    follow_on = proposal(round_kind=RoundKind.FOLLOW_ON, on=D(2023, 8, 1))
    rejects(
        ValidationError,
        "proposal.sector",
        lambda: held.evaluate(attrs.evolve(follow_on, sector="games")),
    )
    gone = held.write_off("Depo Studio", D(2023, 7, 1))
    error = rejects(InvalidStateError, "proposal.company", lambda: gone.evaluate(follow_on))
    assert "written_off" in error.rule


def test_shares_of_commitments_are_undefined_without_commitments():
    # A cap on a share of commitments cannot be met when there are none: the decision
    # says so rather than dividing by zero.
    decision = Fund.open(terms(), InvestmentPolicy([PerCompanyCap(Fraction(1, 10))])).evaluate(
        proposal()
    )
    assert [(v.rule_id, v.actual) for v in decision.violations] == [
        ("dry_powder", "1000.00 KZT"),
        ("per_company_cap", "undefined (no commitments)"),
    ]


def test_initial_rounds_wait_for_the_first_close():
    # A commitment may come before the first close; an initial round may not.
    policy = InvestmentPolicy([InvestmentPeriodOpen()])
    early = Fund.open(terms(), policy).commit(
        "city", "City", LPKind.CITY_BUDGET, kzt(10_000), D(2022, 11, 1)
    )
    decision = early.evaluate(proposal(on=D(2022, 12, 1)))
    assert [(v.rule_id, v.limit, v.actual) for v in decision.violations] == [
        ("investment_period_open", "on or after 2023-01-01", "2022-12-01")
    ]
    assert decision.to_records()[0]["rule_id"] == "investment_period_open"


def test_a_subclass_of_a_rule_is_checked_as_that_rule():
    class HouseMaxOwnership(MaxOwnership):
        pass

    policy = InvestmentPolicy([HouseMaxOwnership(Fraction(1, 10), rule_id="house_max")])
    decision = fund(policy).evaluate(proposal())
    assert [v.rule_id for v in decision.violations] == ["house_max"]


@pytest.mark.parametrize(
    ("build", "error_type", "field"),
    [
        (lambda: PerCompanyCap(1.5), InvalidTypeError, "limit"),
        (lambda: PerCompanyCap("1.5"), ValidationError, "limit"),
        (lambda: PerCompanyCap(-1), ValidationError, "limit"),
        (lambda: PerCompanyCap(Fraction(1, 10), rule_id=""), ValidationError, "rule_id"),
        (lambda: PerCompanyCap(Fraction(1, 10), rule_id="dry_powder"), ValidationError, "rule_id"),
        (lambda: MinTicket(100), InvalidTypeError, "amount"),
        (lambda: MaxTicket(kzt(-1)), ValidationError, "amount"),
        (lambda: InvestmentPolicy("per_company_cap"), InvalidTypeError, "rules"),
        (lambda: InvestmentPolicy([{"limit": "0.1"}]), InvalidTypeError, "rules[0]"),
        (
            lambda: InvestmentPolicy([MinTicket(kzt(1)), MinTicket(kzt(2))]),
            ValidationError,
            "rules[1].rule_id",
        ),
        (lambda: proposal(ownership_after=0.2), InvalidTypeError, "ownership_after"),
        (lambda: proposal(ownership_after="0"), ValidationError, "ownership_after"),
        (lambda: proposal(round_size=usd(4_000)), CurrencyMismatchError, "round_size"),
        (lambda: proposal(other_public=kzt(-1)), ValidationError, "other_public"),
    ],
)
def test_bad_rules_policies_and_proposals_are_rejected(build, error_type, field):
    rejects(error_type, field, build)


def test_shares_and_stakes_take_exact_decimals():
    assert SectorConcentrationCap("0.3").limit == Fraction(3, 10)
    assert PerCompanyCap(Decimal("0.1")).limit == Fraction(1, 10)
    assert proposal(ownership_after="0.49").ownership_after == Fraction(49, 100)
    assert proposal(ownership_after=1).ownership_after == 1


# -- projection and oracle inputs ------------------------------------------------------


PARAMETERS = {
    "commitment": kzt(1_000),
    "contribution_rates": [Fraction(1, 2)],
    "distribution_yield": 0,
    "bow": 1,
    "growth": 0,
    "life": 2,
}


@pytest.mark.parametrize(
    ("changes", "error_type", "field"),
    [
        ({"commitment": 1_000}, InvalidTypeError, "commitment"),
        ({"commitment": kzt(0)}, ValidationError, "commitment"),
        ({"contribution_rates": "0.5"}, InvalidTypeError, "contribution_rates"),
        ({"contribution_rates": []}, ValidationError, "contribution_rates"),
        ({"contribution_rates": ["1.5"]}, ValidationError, "contribution_rates[0]"),
        ({"distribution_yield": "1.01"}, ValidationError, "distribution_yield"),
        ({"distribution_yield": 0.1}, InvalidTypeError, "distribution_yield"),
        ({"bow": "101"}, ValidationError, "bow"),
        ({"bow": Decimal("NaN")}, ValidationError, "bow"),
        ({"growth": -1}, ValidationError, "growth"),
        ({"life": 0}, ValidationError, "life"),
    ],
)
def test_bad_projection_parameters_are_rejected(changes, error_type, field):
    rejects(error_type, field, lambda: ProjectionParameters(**{**PARAMETERS, **changes}))


def test_project_takes_parameters_and_a_zero_bow_distributes_at_once():
    rejects(InvalidTypeError, "parameters", lambda: project(PARAMETERS))
    # Bow 0: the distribution rate (t / L) ** 0 is 1, so each year's NAV is paid out.
    years = project(ProjectionParameters(**{**PARAMETERS, "bow": 0})).years
    assert [(y.calls, y.distributions, y.nav) for y in years] == [
        (kzt(500), kzt(0), kzt(500)),
        (kzt(500), kzt(1_000), kzt(0)),
    ]
    assert years[0].distribution_rate == Decimal("1.00000000000000000000")


def test_xirr_digits_are_checked():
    flows = [{"on": "2020-01-01", "amount": "-100"}, {"on": "2021-01-01", "amount": "110"}]
    rejects(ValidationError, "digits", lambda: XirrInput((), digits=16))
    error = rejects(ValidationError, "digits", lambda: XirrInput((), digits=0))
    assert error.value == 0
    assert from_data({"flows": flows, "digits": 3}, XirrInput).digits == 3
