"""The investment policy at its exact limits, against the rule written out in fractions.

Each rule's limit is inclusive ("up to 10% of commitments", "up to 49%"): a proposal
exactly at the limit passes, one minor unit (or one part in a million) beyond it
breaks the rule. The properties below decide each rule from its definition with plain
``Fraction`` arithmetic and compare with the fund's decision; the search is pushed
towards the limit (``hypothesis.target``) and the limit itself is an explicit example.
Broken rules are checked whole: id, limit, actual value and sentence.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import attrs
import pytest
from hypothesis import assume, example, given, target
from hypothesis import strategies as st

from creative_city.funding import (
    CallPurpose,
    FollowOnReserve,
    Fund,
    FundTerms,
    InvestmentPeriodOpen,
    InvestmentPolicy,
    InvestmentStage,
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
    Violation,
)
from creative_city.funding.venture.policy import share_text
from creative_city.money import Money

D = dt.date
COMMITMENTS = 1_000_000  # 10,000.00 KZT in tiyn


def kzt(amount):
    return Money.of(amount, "KZT")


def tiyn(units):
    return Money.from_minor(units, "KZT")


TERMS = FundTerms("Limits", "KZT", kzt(10_000), kzt(10_000), 2023, D(2023, 1, 1), 5, 10)


def fund(*rules):
    opened = Fund.open(TERMS, InvestmentPolicy(list(rules)))
    return opened.commit("city", "City", LPKind.CITY_BUDGET, tiyn(COMMITMENTS), D(2023, 1, 1))


def proposal(company="A", ticket=10_000, **changes):
    """A seed round in music: ticket in tiyn, a round four times the ticket, 20%."""
    base = ProposedInvestment(
        company,
        "music",
        InvestmentStage.SEED,
        RoundKind.INITIAL,
        D(2023, 6, 1),
        tiyn(ticket * 4),
        tiyn(ticket),
        Fraction(1, 5),
    )
    return attrs.evolve(base, **changes)


def approve(held, p, investment_id):
    decision = held.evaluate(p)
    assert decision.approved, decision.violations
    return held.invest(investment_id, decision)


def broken(held, p):
    return held.evaluate(p).violations


limits = st.fractions(0, 1, max_denominator=1000)


# -- per-company cap -------------------------------------------------------------------


@given(limits, st.integers(1, COMMITMENTS), st.integers(0, COMMITMENTS // 2))
@example(Fraction(1, 10), 100_000, 0)  # exactly 10%
@example(Fraction(1, 10), 100_001, 0)  # one tiyn above
@example(Fraction(1, 10), 40_000, 60_000)  # a follow-on taking the company to exactly 10%
@example(Fraction(1, 10), 40_001, 60_000)
def test_per_company_cap_is_inclusive_and_cumulative(limit, ticket, earlier):
    held = fund(PerCompanyCap(limit))
    kind = RoundKind.INITIAL
    assume(Fraction(earlier, COMMITMENTS) <= limit)  # the earlier round was allowed
    if earlier:
        held = approve(held, proposal(ticket=earlier), "i1")
        kind = RoundKind.FOLLOW_ON
    share = Fraction(earlier + ticket, COMMITMENTS)
    target(-abs(float(share - limit)), label="distance to the cap")
    found = broken(held, proposal(ticket=ticket, round_kind=kind, on=D(2023, 7, 1)))
    found = tuple(v for v in found if v.rule_id != "dry_powder")  # checked on its own below
    if share <= limit:
        assert found == ()
    else:
        assert found == (
            Violation(
                "per_company_cap",
                share_text(limit),
                share_text(share),
                f"Cumulative cost in A (all rounds) would be {share_text(share)} of "
                f"commitments, above the cap of {share_text(limit)}.",
            ),
        )


def test_per_company_cap_counts_only_that_company():
    held = approve(fund(PerCompanyCap(Fraction(1, 10))), proposal("A", 100_000), "i1")
    assert broken(held, proposal("B", 100_000, on=D(2023, 7, 1))) == ()


# -- tickets -------------------------------------------------------------------------------


@given(st.integers(1, 10**6), st.integers(1, 10**6))
@example(5_000, 5_000)
@example(5_000, 4_999)
@example(5_000, 5_001)
def test_minimum_and_maximum_tickets_are_inclusive(bound, ticket):
    target(-abs(ticket - bound), label="distance to the bound")
    low = broken(fund(MinTicket(tiyn(bound))), proposal(ticket=ticket))
    high = broken(fund(MaxTicket(tiyn(bound))), proposal(ticket=ticket))
    if ticket >= bound:
        assert low == ()
    else:
        assert low == (
            Violation(
                "min_ticket",
                str(tiyn(bound)),
                str(tiyn(ticket)),
                f"The ticket {tiyn(ticket)} is below the minimum ticket {tiyn(bound)}.",
            ),
        )
    if ticket <= bound:
        assert high == ()
    else:
        assert high == (
            Violation(
                "max_ticket",
                str(tiyn(bound)),
                str(tiyn(ticket)),
                f"The ticket {tiyn(ticket)} is above the maximum ticket {tiyn(bound)}.",
            ),
        )


# -- ownership -----------------------------------------------------------------------------


@given(limits, st.fractions(Fraction(1, 10**6), 1, max_denominator=10**6))
@example(Fraction(49, 100), Fraction(49, 100))  # "up to 49%": allowed
@example(Fraction(49, 100), Fraction(490_001, 1_000_000))
def test_maximum_ownership_is_inclusive(limit, stake):
    target(-abs(float(stake - limit)), label="distance to the limit")
    found = broken(fund(MaxOwnership(limit)), proposal(ownership_after=stake))
    if stake <= limit:
        assert found == ()
    else:
        assert found == (
            Violation(
                "max_ownership",
                share_text(limit),
                share_text(stake),
                f"The fund would own {share_text(stake)} of A, above the maximum stake of "
                f"{share_text(limit)} (inclusive).",
            ),
        )


# -- concentration -------------------------------------------------------------------------


@given(
    limits,
    st.integers(1, COMMITMENTS // 2),
    st.integers(0, COMMITMENTS // 2),
    st.sampled_from(["music", "games"]),
    st.sampled_from([None, "music", "games"]),
)
@example(Fraction(3, 10), 100_000, 200_000, "music", None)  # exactly 30%
@example(Fraction(3, 10), 100_001, 200_000, "music", None)
@example(Fraction(3, 10), 100_001, 200_000, "music", "music")
@example(Fraction(3, 10), 100_001, 200_000, "music", "games")  # another sector's cap
@example(Fraction(3, 10), 100_001, 200_000, "games", None)  # earlier cost elsewhere
def test_sector_cap_is_inclusive_per_sector(limit, ticket, earlier, sector, capped):
    held = fund(SectorConcentrationCap(limit, capped))
    assume(capped == "games" or Fraction(earlier, COMMITMENTS) <= limit)
    if earlier:
        held = approve(held, proposal("A", earlier, sector="music"), "i1")
    prior = earlier if sector == "music" else 0
    share = Fraction(prior + ticket, COMMITMENTS)
    target(-abs(float(share - limit)), label="distance to the cap")
    found = broken(held, proposal("B", ticket, sector=sector, on=D(2023, 7, 1)))
    if (capped is not None and capped != sector) or share <= limit:
        assert found == ()
    else:
        assert found == (
            Violation(
                "sector_concentration",
                share_text(limit),
                share_text(share),
                f"Cumulative cost in the sector {sector!r} would be {share_text(share)} of "
                f"commitments, above the cap of {share_text(limit)}.",
            ),
        )


@given(
    limits,
    st.integers(1, COMMITMENTS // 2),
    st.integers(0, COMMITMENTS // 2),
    st.sampled_from([InvestmentStage.SEED, InvestmentStage.SERIES_A]),
    st.sampled_from([None, InvestmentStage.SEED, InvestmentStage.SERIES_A]),
)
@example(Fraction(1, 5), 100_000, 100_000, InvestmentStage.SEED, None)  # exactly 20%
@example(Fraction(1, 5), 100_001, 100_000, InvestmentStage.SEED, None)
@example(Fraction(1, 5), 100_001, 100_000, InvestmentStage.SEED, InvestmentStage.SEED)
@example(Fraction(1, 5), 100_001, 100_000, InvestmentStage.SEED, InvestmentStage.SERIES_A)
@example(Fraction(1, 5), 100_001, 100_000, InvestmentStage.SERIES_A, None)
def test_stage_cap_is_inclusive_per_stage(limit, ticket, earlier, stage, capped):
    held = fund(StageConcentrationCap(limit, capped))
    assume(capped is InvestmentStage.SERIES_A or Fraction(earlier, COMMITMENTS) <= limit)
    if earlier:
        held = approve(held, proposal("A", earlier, stage=InvestmentStage.SEED), "i1")
    prior = earlier if stage is InvestmentStage.SEED else 0
    share = Fraction(prior + ticket, COMMITMENTS)
    target(-abs(float(share - limit)), label="distance to the cap")
    found = broken(held, proposal("B", ticket, stage=stage, on=D(2023, 7, 1)))
    if (capped is not None and capped is not stage) or share <= limit:
        assert found == ()
    else:
        assert found == (
            Violation(
                "stage_concentration",
                share_text(limit),
                share_text(share),
                f"Cumulative cost in {stage.value} rounds would be {share_text(share)} of "
                f"commitments, above the cap of {share_text(limit)}.",
            ),
        )


def test_caps_on_commitments_are_undefined_without_commitments():
    opened = Fund.open(
        TERMS,
        InvestmentPolicy(
            [
                PerCompanyCap(Fraction(1, 10)),
                SectorConcentrationCap(Fraction(3, 10)),
                StageConcentrationCap(Fraction(1, 5)),
            ]
        ),
    )
    found = {v.rule_id: v for v in opened.evaluate(proposal()).violations}
    assert found["sector_concentration"] == Violation(
        "sector_concentration",
        "3/10 (30%)",
        "undefined (no commitments)",
        "Cumulative cost in the sector 'music' cannot be measured against commitments: "
        "the fund has none yet.",
    )
    assert found["stage_concentration"].message.startswith("Cumulative cost in seed rounds ")
    assert found["per_company_cap"].message.startswith("Cumulative cost in A (all rounds) ")


# -- public money --------------------------------------------------------------------------


@given(limits, st.integers(1, 10**6), st.integers(0, 10**6), st.integers(0, 10**6))
@example(Fraction(1, 2), 1_000, 1_000, 2_000)  # (1,000 + 1,000) / 4,000: exactly half
@example(Fraction(1, 2), 1_000, 1_001, 2_000)
@example(Fraction(1, 2), 2_000, 0, 0)  # the fund alone is the whole round
def test_public_share_of_a_round_is_inclusive(limit, ticket, other, private):
    round_size = ticket + other + private
    share = Fraction(ticket + other, round_size)
    target(-abs(float(share - limit)), label="distance to the limit")
    p = proposal(ticket=ticket, round_size=tiyn(round_size), other_public=tiyn(other))
    found = broken(fund(MaxPublicShareOfRound(limit)), p)
    if share <= limit:
        assert found == ()
    else:
        assert found == (
            Violation(
                "max_public_share",
                share_text(limit),
                share_text(share),
                f"Public money would be {share_text(share)} of the round "
                f"({tiyn(ticket + other)} of {tiyn(round_size)}), above {share_text(limit)}: "
                "private co-investors must bring the rest.",
            ),
        )


# -- follow-on reserve and dry powder -----------------------------------------------------


@given(
    st.fractions(0, 3, max_denominator=7),
    st.integers(1, COMMITMENTS),
    st.integers(0, COMMITMENTS // 4),
    st.integers(0, COMMITMENTS // 4),
)
@example(Fraction(1), 500_000, 0, 0)  # leaves exactly the 1:1 reserve
@example(Fraction(1), 500_001, 0, 0)
@example(Fraction(3, 2), 100_000, 200_000, 50_000)
@example(Fraction(1, 3), 10, 0, 0)  # a reserve of 10/3 tiyn is shown rounded up
@example(Fraction(0), COMMITMENTS, 0, 0)  # no reserve: the whole dry powder may go
def test_follow_on_reserve_is_kept(ratio, ticket, initial, follow_on):
    held = fund(FollowOnReserve(ratio))
    assume(ratio * initial <= COMMITMENTS - initial)  # the earlier round was allowed
    if initial:
        held = approve(held, proposal("A", initial), "i1")
        if follow_on:
            p = proposal("A", follow_on, round_kind=RoundKind.FOLLOW_ON, on=D(2023, 6, 2))
            held = approve(held, p, "i2")
    spent = initial + (follow_on if initial else 0)
    required = max(ratio * (initial + ticket) - (follow_on if initial else 0), Fraction(0))
    left = COMMITMENTS - spent - ticket
    target(-abs(float(left - required)), label="distance to the reserve")
    found = broken(held, proposal("B", ticket, on=D(2023, 7, 1)))
    found = tuple(v for v in found if v.rule_id != "dry_powder")
    if left >= required:
        assert found == ()
    else:
        need = tiyn(-(-required.numerator // required.denominator))  # rounded up
        assert found == (
            Violation(
                "follow_on_reserve",
                str(need),
                str(tiyn(left)),
                f"After this ticket the dry powder would be {tiyn(left)}, less than the "
                f"follow-on reserve of {need} ({ratio} x initial tickets, less follow-ons "
                "made).",
            ),
        )
    # Follow-ons draw on the reserve: never checked by it.
    if initial:
        p = proposal("A", ticket, round_kind=RoundKind.FOLLOW_ON, on=D(2023, 7, 1))
        assert [v.rule_id for v in held.evaluate(p).violations] in ([], ["dry_powder"])


def test_a_reserve_ratio_above_one_is_allowed():
    assert FollowOnReserve(Fraction(3, 2)).ratio == Fraction(3, 2)
    assert FollowOnReserve("2.5").ratio == Fraction(5, 2)


@given(st.integers(1, 2 * COMMITMENTS), st.integers(0, COMMITMENTS))
@example(COMMITMENTS, 0)  # the whole dry powder
@example(COMMITMENTS + 1, 0)
@example(600_000, 400_000)
@example(600_001, 400_000)
def test_the_ticket_fits_in_the_dry_powder(ticket, fees):
    held = fund()
    if fees:
        held = held.call_capital("fee", D(2023, 2, 1), tiyn(fees), CallPurpose.MANAGEMENT_FEE)
    dry = COMMITMENTS - fees
    target(-abs(ticket - dry), label="distance to the dry powder")
    found = broken(held, proposal(ticket=ticket))
    if ticket <= dry:
        assert found == ()
    else:
        assert found == (
            Violation(
                "dry_powder",
                str(tiyn(dry)),
                str(tiyn(ticket)),
                f"The ticket {tiyn(ticket)} exceeds the dry powder {tiyn(dry)} "
                "(commitments not yet invested or spent on fees).",
            ),
        )


# -- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (D(2022, 12, 31), ("on or after 2023-01-01", "2022-12-31", (
            "The investment period has not started (first close 2023-01-01).")
        )),
        (D(2023, 1, 1), None),
        (D(2027, 12, 31), None),
        (D(2028, 1, 1), ("before 2028-01-01", "2028-01-01", (
            "The investment period ended on 2028-01-01: only follow-ons are allowed.")
        )),
    ],
)  # fmt: skip
def test_the_investment_period_runs_from_first_close_to_its_end_exclusive(on, expected):
    opened = Fund.open(TERMS, InvestmentPolicy([InvestmentPeriodOpen()]))
    held = opened.commit("city", "City", LPKind.CITY_BUDGET, kzt(10_000), D(2022, 12, 1))
    found = held.evaluate(proposal(on=on)).violations
    if expected is None:
        assert found == ()
    else:
        assert found == (Violation("investment_period_open", *expected),)


def test_a_suspended_period_stops_only_initial_rounds():
    held = approve(fund(InvestmentPeriodOpen()), proposal("A"), "i1")
    held = held.suspend_investment_period(D(2023, 6, 2), "key person left")
    assert held.evaluate(proposal("B", on=D(2023, 7, 1))).violations == (
        Violation(
            "investment_period_open",
            "investment period not suspended",
            "suspended",
            "The investment period is suspended: only follow-ons are allowed.",
        ),
    )
    follow_on = proposal("A", round_kind=RoundKind.FOLLOW_ON, on=D(2023, 7, 1))
    assert held.evaluate(follow_on).approved
    # After the period and while suspended, the period's end is the reason given.
    late = held.evaluate(proposal("B", on=D(2028, 1, 1))).violations
    assert [v.limit for v in late] == ["before 2028-01-01"]


@pytest.mark.parametrize("on", [D(2032, 12, 31), D(2033, 1, 1), D(2034, 6, 1)])
def test_rounds_are_dated_before_the_end_of_the_term(on):
    # Term of 10 years from 2023-01-01: it ends on 2033-01-01 (exclusive).
    found = fund().evaluate(proposal(on=on)).violations
    if on < D(2033, 1, 1):
        assert found == ()
    else:
        assert found == (
            Violation(
                "within_term",
                "before 2033-01-01",
                on.isoformat(),
                f"The round is dated {on.isoformat()}, after the fund's term ended (2033-01-01).",
            ),
        )


# -- read-outs -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("share", "text"),
    [
        (Fraction(0), "0 (0%)"),
        (Fraction(1), "1 (100%)"),
        (Fraction(49, 100), "49/100 (49%)"),
        (Fraction(1, 8), "1/8 (12.5%)"),
        (Fraction(1, 800), "1/800 (0.125%)"),
        (Fraction(1, 64), "1/64 (1.5625%)"),
        (Fraction(1, 10**8), "1/100000000 (0.000001%)"),  # 10**6 / 10**6 divides
        (Fraction(1, 12800), "1/12800 (~0.0078%)"),  # 1/128 %: not a millionth
        (Fraction(1, 3), "1/3 (~33.3333%)"),
        (Fraction(2, 3), "2/3 (~66.6667%)"),
    ],
)
def test_shares_are_shown_exactly_or_marked_as_rounded(share, text):
    assert share_text(share) == text


def test_decisions_show_their_outcome():
    held = fund(MaxOwnership(Fraction(49, 100)), MaxTicket(tiyn(10_000)))
    approved = held.evaluate(proposal())
    assert repr(approved) == "PolicyDecision('A', initial, ticket 100.00 KZT: approved)"
    assert approved.to_records() == []
    rejected = held.evaluate(proposal(ticket=10_001, ownership_after=Fraction(1, 2)))
    assert repr(rejected) == (
        "PolicyDecision('A', initial, ticket 100.01 KZT: rejected by max_ownership, max_ticket)"
    )
    assert [r["rule_id"] for r in rejected.to_records()] == ["max_ownership", "max_ticket"]
    assert rejected.to_records()[1] == {
        "rule_id": "max_ticket",
        "limit": "100.00 KZT",
        "actual": "100.01 KZT",
        "message": "The ticket 100.01 KZT is above the maximum ticket 100.00 KZT.",
    }


def test_rule_ids_are_at_most_64_characters():
    assert MinTicket(kzt(1), rule_id="r" * 64).rule_id == "r" * 64
    assert MinTicket(kzt(0)).amount == kzt(0)
    assert MaxOwnership(1).limit == 1
