"""Every error of the venture fund's rules: its class, field, value and rule, pinned.

An error names the field that was wrong, the value it had and the rule it broke
(``creative_city.errors``); its message is ``"field = value: rule"``. Each case below
pins the whole message and the exact class, so an error raised for another field,
another value or another rule fails here, and so does a subclass where the class
was meant (``InvalidTypeError`` is also a ``ValidationError``). A command that is
rejected leaves the fund as it was (checked for every command case).
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
    ProjectionParameters,
    ProposedInvestment,
    RoundKind,
    SectorConcentrationCap,
    StageConcentrationCap,
    evaluate,
    project,
)
from creative_city.money import Money

D = dt.date


def kzt(amount):
    return Money.of(amount, "KZT")


def usd(amount):
    return Money.of(amount, "USD")


TERMS = FundTerms(
    "Almaty City Venture Fund", "KZT", kzt(20_000), kzt(25_000), 2023, D(2023, 1, 1), 5, 10
)
POLICY = InvestmentPolicy([MaxOwnership(Fraction(49, 100)), MaxTicket(kzt(2_000))])


def fund(policy=None):
    opened = Fund.open(TERMS, policy)
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


def invested():
    held = fund().call_capital("c0", D(2023, 2, 1), kzt(1_000))
    return held.invest("i1", held.evaluate(proposal()))


def exited():
    """A fund whose one holding was sold for 1,500.00 (nothing distributed yet)."""
    return invested().exit("Depo Studio", D(2024, 1, 1), kzt(1_500))


PARAMETERS = ProjectionParameters(kzt(1_000), [Fraction(1, 2)], 0, 1, 0, 2)


def parameters(**changes):
    return attrs.evolve(PARAMETERS, **changes)


# (case, call, exact class, the whole message)
CASES = [
    (
        "limit-float",
        lambda: PerCompanyCap(0.1),
        InvalidTypeError,
        ("limit = 0.1: must be an exact Fraction, int, Decimal or decimal string"),
    ),
    (
        "limit-bool",
        lambda: PerCompanyCap(True),
        InvalidTypeError,
        ("limit = True: must be an exact Fraction, int, Decimal or decimal string"),
    ),
    (
        "limit-negative",
        lambda: SectorConcentrationCap(Fraction(-1, 10)),
        ValidationError,
        ("limit = '-1/10': must be between 0 and 1 (a share; 49% is Fraction(49, 100))"),
    ),
    (
        "limit-above-one",
        lambda: MaxOwnership(Fraction(101, 100)),
        ValidationError,
        ("limit = '101/100': must be between 0 and 1 (a share; 49% is Fraction(49, 100))"),
    ),
    (
        "limit-text-above-one",
        lambda: StageConcentrationCap("1.5"),
        ValidationError,
        ("limit = '3/2': must be between 0 and 1 (a share; 49% is Fraction(49, 100))"),
    ),
    (
        "limit-bad-text",
        lambda: MaxPublicShareOfRound("half"),
        ValidationError,
        ("limit = 'half': must be a plain decimal string like '-1234.56' (at most 24 + 30 digits)"),
    ),
    (
        "ratio-negative",
        lambda: FollowOnReserve(-1),
        ValidationError,
        ("ratio = '-1': must be between 0 and 1 (a share; 49% is Fraction(49, 100))"),
    ),
    (
        "ratio-float",
        lambda: FollowOnReserve(1.0),
        InvalidTypeError,
        ("ratio = 1.0: must be an exact Fraction, int, Decimal or decimal string"),
    ),
    (
        "rule-id-empty",
        lambda: MinTicket(kzt(1), rule_id=""),
        ValidationError,
        "rule_id = '': must be a non-empty string of at most 64 chars",
    ),
    (
        "rule-id-long",
        lambda: MinTicket(kzt(1), rule_id="r" * 65),
        ValidationError,
        (
            "rule_id = "
            "'rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr': "
            "must be a non-empty string of at most 64 chars"
        ),
    ),
    (
        "rule-id-not-text",
        lambda: MaxTicket(kzt(1), rule_id=7),
        ValidationError,
        "rule_id = 7: must be a non-empty string of at most 64 chars",
    ),
    (
        "rule-id-reserved",
        lambda: InvestmentPeriodOpen(rule_id="within_term"),
        ValidationError,
        ("rule_id = 'within_term': is reserved for a built-in rule ('dry_powder', 'within_term')"),
    ),
    (
        "min-ticket-not-money",
        lambda: MinTicket(100),
        InvalidTypeError,
        "amount = 100: must be Money",
    ),
    (
        "min-ticket-negative",
        lambda: MinTicket(kzt("-0.01")),
        ValidationError,
        "amount = '-0.01 KZT': must be >= 0",
    ),
    (
        "max-ticket-not-money",
        lambda: MaxTicket("100"),
        InvalidTypeError,
        "amount = '100': must be Money",
    ),
    (
        "max-ticket-negative",
        lambda: MaxTicket(kzt(-5)),
        ValidationError,
        "amount = '-5.00 KZT': must be >= 0",
    ),
    (
        "rules-text",
        lambda: InvestmentPolicy("per_company_cap"),
        InvalidTypeError,
        "rules = 'per_company_cap': must be a sequence of policy rules",
    ),
    (
        "rules-set",
        lambda: InvestmentPolicy({MinTicket(kzt(1))}),
        InvalidTypeError,
        (
            "rules = {MinTicket(amount=Money('1.00', 'KZT'), "
            "rule_id='min_ticket')}: must be a sequence of policy rules"
        ),
    ),
    (
        "rules-not-rule",
        lambda: InvestmentPolicy([MinTicket(kzt(1)), {"limit": "0.1"}]),
        InvalidTypeError,
        "rules[1] = {'limit': '0.1'}: must be a policy rule",
    ),
    (
        "rules-duplicate",
        lambda: InvestmentPolicy([MinTicket(kzt(1)), MaxTicket(kzt(2), rule_id="min_ticket")]),
        ValidationError,
        "rules[1].rule_id = 'min_ticket': rule ids are unique",
    ),
    (
        "ticket-zero",
        lambda: proposal(ticket=0),
        ValidationError,
        "ticket = '0.00 KZT': must be > 0",
    ),
    (
        "ticket-negative",
        lambda: proposal(ticket=-5),
        ValidationError,
        "ticket = '-5.00 KZT': must be > 0",
    ),
    (
        "ownership-float",
        lambda: proposal(ownership_after=0.2),
        InvalidTypeError,
        "ownership_after = 0.2: must be an exact Fraction or Decimal",
    ),
    (
        "ownership-bool",
        lambda: proposal(ownership_after=True),
        InvalidTypeError,
        "ownership_after = True: must be an exact Fraction or Decimal",
    ),
    (
        "ownership-zero",
        lambda: proposal(ownership_after=0),
        ValidationError,
        "ownership_after = '0': must be above 0 and at most 1 (100%)",
    ),
    (
        "ownership-above-one",
        lambda: proposal(ownership_after=Fraction(101, 100)),
        ValidationError,
        "ownership_after = '101/100': must be above 0 and at most 1 (100%)",
    ),
    (
        "ownership-bad-text",
        lambda: proposal(ownership_after="a fifth"),
        ValidationError,
        (
            "ownership_after = 'a fifth': must be a plain decimal string like "
            "'-1234.56' (at most 24 + 30 digits)"
        ),
    ),
    (
        "round-other-currency",
        lambda: proposal(round_size=usd(4_000)),
        CurrencyMismatchError,
        ("round_size = 'USD vs ticket KZT': a proposal's amounts are in one currency"),
    ),
    (
        "other-public-other-currency",
        lambda: proposal(other_public=usd(1)),
        CurrencyMismatchError,
        ("other_public = 'USD vs ticket KZT': a proposal's amounts are in one currency"),
    ),
    (
        "other-public-negative",
        lambda: proposal(other_public=kzt(-1)),
        ValidationError,
        "other_public = '-1.00 KZT': must be >= 0",
    ),
    (
        "round-below-public",
        lambda: proposal(round_size=kzt("1999.99"), other_public=kzt(1_000)),
        ValidationError,
        ("round_size = '1999.99 KZT': must be at least the public money in it (2000.00 KZT)"),
    ),
    (
        "not-a-proposal",
        lambda: evaluate(fund(), "a proposal"),
        InvalidTypeError,
        "proposal = 'a proposal': must be a ProposedInvestment",
    ),
    (
        "proposal-other-currency",
        lambda: evaluate(
            fund(), attrs.evolve(proposal(), ticket=usd(1_000), round_size=usd(4_000))
        ),
        CurrencyMismatchError,
        ("proposal.ticket = 'USD vs fund KZT': a proposal must be in the fund's currency"),
    ),
    (
        "proposal-before-last-event",
        lambda: evaluate(fund().call_capital("c1", D(2023, 7, 1), kzt(1)), proposal()),
        ValidationError,
        (
            "proposal.on = '2023-06-01': is before the fund's last event "
            "(2023-07-01); events are recorded in date order"
        ),
    ),
    (
        "initial-in-held-company",
        lambda: evaluate(invested(), proposal(on=D(2023, 7, 1))),
        InvalidStateError,
        (
            "proposal.round_kind = 'initial': the fund already holds 'Depo "
            "Studio': propose a follow-on"
        ),
    ),
    (
        "follow-on-unknown",
        lambda: evaluate(fund(), proposal(round_kind=RoundKind.FOLLOW_ON)),
        InvalidStateError,
        (
            "proposal.round_kind = 'follow_on': the fund holds no stake in 'Depo "
            "Studio': propose an initial round"
        ),
    ),
    (
        "follow-on-written-off",
        lambda: evaluate(
            invested().write_off("Depo Studio", D(2023, 7, 1)),
            proposal(round_kind=RoundKind.FOLLOW_ON, on=D(2023, 8, 1)),
        ),
        InvalidStateError,
        ("proposal.company = 'Depo Studio': the holding is written_off: no follow-on is possible"),
    ),
    (
        "follow-on-exited",
        lambda: evaluate(
            invested().exit("Depo Studio", D(2023, 7, 1), kzt(5)),
            proposal(round_kind=RoundKind.FOLLOW_ON, on=D(2023, 8, 1)),
        ),
        InvalidStateError,
        ("proposal.company = 'Depo Studio': the holding is exited: no follow-on is possible"),
    ),
    (
        "follow-on-other-sector",
        lambda: evaluate(
            invested(), proposal(round_kind=RoundKind.FOLLOW_ON, sector="games", on=D(2023, 8, 1))
        ),
        ValidationError,
        ("proposal.sector = 'games': must stay 'music' (the company's sector in the fund)"),
    ),
    (
        "call-not-money",
        lambda: fund().call_capital("c1", D(2023, 2, 1), 100),
        InvalidTypeError,
        "amount = 100: must be Money",
    ),
    (
        "call-other-currency",
        lambda: fund().call_capital("c1", D(2023, 2, 1), usd(100)),
        CurrencyMismatchError,
        "amount = 'USD vs fund KZT': must be in the fund's currency",
    ),
    (
        "call-zero",
        lambda: fund().call_capital("c1", D(2023, 2, 1), kzt(0)),
        ValidationError,
        "amount = '0.00 KZT': must be > 0",
    ),
    (
        "call-negative",
        lambda: fund().call_capital("c1", D(2023, 2, 1), kzt(-1)),
        ValidationError,
        "amount = '-1.00 KZT': must be > 0",
    ),
    (
        "call-above-uncalled",
        lambda: fund().call_capital("c1", D(2023, 2, 1), kzt("10000.01")),
        LimitExceededError,
        ("amount = '10000.01 KZT': calls never exceed uncalled commitments (10000.00 KZT)"),
    ),
    (
        "call-forged-shares",
        lambda: fund().apply(
            CapitalCalled(
                D(2023, 2, 1), "c1", CallPurpose.INVESTMENT, kzt(100), [LPAmount("city", kzt(99))]
            )
        ),
        ValidationError,
        (
            "shares = ['city: 99.00 KZT']: must be the pro-rata split the fund "
            "computes (['city: 100.00 KZT'])"
        ),
    ),
    (
        "distribution-no-investment",
        lambda: (
            fund()
            .call_capital("c1", D(2023, 2, 1), kzt(100))
            .distribute("d1", D(2023, 3, 1), kzt(1))
        ),
        InvalidStateError,
        ("amount = '1.00 KZT': nothing to distribute: the fund has made no investment yet"),
    ),
    (
        "distribution-zero",
        lambda: exited().distribute("d1", D(2024, 2, 1), kzt(0)),
        ValidationError,
        "amount = '0.00 KZT': must be > 0",
    ),
    (
        "distribution-other-currency",
        lambda: exited().distribute("d1", D(2024, 2, 1), usd(1)),
        CurrencyMismatchError,
        "amount = 'USD vs fund KZT': must be in the fund's currency",
    ),
    (
        "distribution-above-proceeds",
        lambda: exited().distribute("d1", D(2024, 2, 1), kzt("1500.01")),
        LimitExceededError,
        (
            "amount = '1500.01 KZT': distributions never exceed realised "
            "proceeds not yet distributed (1500.00 KZT)"
        ),
    ),
    (
        "distribution-forged-shares",
        lambda: exited().apply(
            CapitalDistributed(
                D(2024, 2, 1),
                "d1",
                kzt(100),
                [LPAmount("city", kzt(60)), LPAmount("bank", kzt(40))],
            )
        ),
        ValidationError,
        (
            "shares = ['city: 60.00 KZT', 'bank: 40.00 KZT']: must be the "
            "pro-rata split the fund computes (['city: 100.00 KZT'])"
        ),
    ),
    (
        "event-not-an-event",
        lambda: fund().apply("a commitment"),
        InvalidTypeError,
        "event = 'a commitment': must be a fund event",
    ),
    (
        "event-before-last",
        lambda: (
            fund()
            .call_capital("c1", D(2023, 5, 1), kzt(1))
            .call_capital("c2", D(2023, 4, 30), kzt(1))
        ),
        ValidationError,
        ("on = '2023-04-30': is before the last event (2023-05-01); events are in date order"),
    ),
    (
        "commitment-after-term",
        lambda: fund().commit("bank", "A bank", LPKind.PRIVATE, kzt(1), D(2033, 1, 1)),
        InvalidStateError,
        "on = '2033-01-01': the fund's term has ended",
    ),
    (
        "commitment-other-name",
        lambda: fund().commit("city", "Another city", LPKind.CITY_BUDGET, kzt(1), D(2023, 2, 1)),
        ValidationError,
        "lp_id = 'city': is already 'Almaty city budget' (city_budget)",
    ),
    (
        "commitment-other-kind",
        lambda: fund().commit("city", "Almaty city budget", LPKind.PRIVATE, kzt(1), D(2023, 2, 1)),
        ValidationError,
        "lp_id = 'city': is already 'Almaty city budget' (city_budget)",
    ),
    (
        "commitment-above-hard-cap",
        lambda: fund().commit("bank", "A bank", LPKind.PRIVATE, kzt("15000.01"), D(2023, 2, 1)),
        LimitExceededError,
        (
            "amount = '15000.01 KZT': total commitments would be 25000.01 KZT, "
            "above the hard cap 25000.00 KZT"
        ),
    ),
    (
        "commitment-zero",
        lambda: fund().commit("bank", "A bank", LPKind.PRIVATE, kzt(0), D(2023, 2, 1)),
        ValidationError,
        "amount = '0.00 KZT': must be > 0",
    ),
    (
        "call-after-term",
        lambda: fund().call_capital("c1", D(2033, 1, 1), kzt(1)),
        InvalidStateError,
        "on = '2033-01-01': the fund's term has ended",
    ),
    (
        "call-id-reused",
        lambda: (
            fund()
            .call_capital("c1", D(2023, 2, 1), kzt(1))
            .call_capital("c1", D(2023, 2, 1), kzt(1))
        ),
        ValidationError,
        ("call_id = 'c1': ids of calls, distributions and investments are unique"),
    ),
    (
        "distribution-id-reused",
        lambda: (
            exited().distribute("d1", D(2024, 2, 1), kzt(1)).distribute("d1", D(2024, 2, 1), kzt(1))
        ),
        ValidationError,
        ("distribution_id = 'd1': ids of calls, distributions and investments are unique"),
    ),
    (
        "distribution-id-of-a-call",
        lambda: (
            exited().call_capital("x", D(2024, 2, 1), kzt(1)).distribute("x", D(2024, 2, 1), kzt(1))
        ),
        ValidationError,
        ("distribution_id = 'x': ids of calls, distributions and investments are unique"),
    ),
    (
        "investment-id-reused",
        lambda: invested().invest("i1", invested().evaluate(proposal("B", on=D(2023, 7, 1)))),
        ValidationError,
        ("investment_id = 'i1': ids of calls, distributions and investments are unique"),
    ),
    (
        "investment-breaks-policy",
        lambda: fund(POLICY).apply(
            InvestmentMade("i1", proposal(ticket=3_000, ownership_after=Fraction(1, 2)))
        ),
        LimitExceededError,
        (
            "proposal = ['max_ownership', 'max_ticket']: the proposal breaks the "
            "investment policy: The fund would own 1/2 (50%) of Depo Studio, "
            "above the maximum stake of 49/100 (49%) (inclusive). The ticket "
            "3000.00 KZT is above the maximum ticket 2000.00 KZT."
        ),
    ),
    (
        "mark-unknown",
        lambda: invested().mark("Unknown", D(2023, 7, 1), kzt(1)),
        InvalidStateError,
        "company = 'Unknown': the fund holds no stake in this company",
    ),
    (
        "mark-negative",
        lambda: invested().mark("Depo Studio", D(2023, 7, 1), kzt(-1)),
        ValidationError,
        "value = '-1.00 KZT': must be >= 0",
    ),
    (
        "mark-exited",
        lambda: exited().mark("Depo Studio", D(2024, 2, 1), kzt(1)),
        InvalidStateError,
        "company = 'Depo Studio': the holding is exited",
    ),
    (
        "exit-negative",
        lambda: invested().exit("Depo Studio", D(2023, 7, 1), kzt(-1)),
        ValidationError,
        "proceeds = '-1.00 KZT': must be >= 0",
    ),
    (
        "exit-other-currency",
        lambda: invested().exit("Depo Studio", D(2023, 7, 1), usd(1)),
        CurrencyMismatchError,
        "proceeds = 'USD vs fund KZT': must be in the fund's currency",
    ),
    (
        "exit-written-off",
        lambda: (
            invested()
            .write_off("Depo Studio", D(2023, 7, 1))
            .exit("Depo Studio", D(2023, 8, 1), kzt(1))
        ),
        InvalidStateError,
        "company = 'Depo Studio': the holding is written_off",
    ),
    (
        "write-off-unknown",
        lambda: invested().write_off("Unknown", D(2023, 7, 1)),
        InvalidStateError,
        "company = 'Unknown': the fund holds no stake in this company",
    ),
    (
        "write-off-exited",
        lambda: exited().write_off("Depo Studio", D(2024, 2, 1)),
        InvalidStateError,
        "company = 'Depo Studio': the holding is exited",
    ),
    (
        "suspend-twice",
        lambda: (
            fund()
            .suspend_investment_period(D(2023, 3, 1), "key person")
            .suspend_investment_period(D(2023, 3, 2), "again")
        ),
        InvalidStateError,
        "on = '2023-03-02': the investment period is already suspended",
    ),
    (
        "resume-not-suspended",
        lambda: fund().resume_investment_period(D(2023, 3, 1)),
        InvalidStateError,
        "on = '2023-03-01': the investment period is not suspended",
    ),
    (
        "ratio-unknown",
        lambda: fund().analytics().ratio("irr"),
        ValidationError,
        "name = 'irr': must be one of dpi, rvpi, tvpi, moic",
    ),
    (
        "ratio-dpi-undefined",
        lambda: fund().analytics().ratio("dpi"),
        UndefinedResultError,
        ("dpi = None: dpi, rvpi, tvpi: undefined because paid-in capital is zero"),
    ),
    (
        "ratio-rvpi-undefined",
        lambda: fund().analytics().ratio("rvpi"),
        UndefinedResultError,
        ("rvpi = None: dpi, rvpi, tvpi: undefined because paid-in capital is zero"),
    ),
    (
        "ratio-tvpi-undefined",
        lambda: fund().analytics().ratio("tvpi"),
        UndefinedResultError,
        ("tvpi = None: dpi, rvpi, tvpi: undefined because paid-in capital is zero"),
    ),
    (
        "ratio-moic-undefined",
        lambda: fund().call_capital("c1", D(2023, 2, 1), kzt(1)).analytics().ratio("moic"),
        UndefinedResultError,
        "moic = None: moic: undefined because nothing has been invested",
    ),
    (
        "projection-not-parameters",
        lambda: project(attrs.asdict(PARAMETERS)),
        InvalidTypeError,
        (
            "parameters = {'commitment': Money('1000.00', 'KZT'), "
            "'contribution_rates': (Fraction(1, 2),), 'distribution_yield': "
            "Fraction(0, 1)...: must be ProjectionParameters"
        ),
    ),
    (
        "commitment-not-money",
        lambda: parameters(commitment=1_000),
        InvalidTypeError,
        "commitment = 1000: must be Money",
    ),
    (
        "commitment-zero-projection",
        lambda: parameters(commitment=kzt(0)),
        ValidationError,
        "commitment = '0.00 KZT': must be > 0",
    ),
    (
        "rates-text",
        lambda: parameters(contribution_rates="0.5"),
        InvalidTypeError,
        "contribution_rates = '0.5': must be a sequence of rates",
    ),
    (
        "rates-set",
        lambda: parameters(contribution_rates={Fraction(1, 2)}),
        InvalidTypeError,
        "contribution_rates = {Fraction(1, 2)}: must be a sequence of rates",
    ),
    (
        "rates-empty",
        lambda: parameters(contribution_rates=[]),
        ValidationError,
        "contribution_rates = []: must hold 1 to 60 rates",
    ),
    (
        "rates-too-many",
        lambda: parameters(contribution_rates=[Fraction(1, 2)] * 61),
        ValidationError,
        (
            "contribution_rates = [Fraction(1, 2), Fraction(1, 2), Fraction(1, "
            "2), Fraction(1, 2), Fraction(1, 2), Fraction(1, 2), Fraction(1, 2), "
            "Frac...: must hold 1 to 60 rates"
        ),
    ),
    (
        "rate-float",
        lambda: parameters(contribution_rates=[Fraction(1, 2), 0.5]),
        InvalidTypeError,
        ("contribution_rates[1] = 0.5: must be an exact Fraction, int, Decimal or decimal string"),
    ),
    (
        "rate-above-one",
        lambda: parameters(contribution_rates=[Fraction(1, 2), "1.01"]),
        ValidationError,
        "contribution_rates[1] = '101/100': must be in [0, 1]",
    ),
    (
        "rate-negative",
        lambda: parameters(contribution_rates=[Fraction(-1, 2)]),
        ValidationError,
        "contribution_rates[0] = '-1/2': must be in [0, 1]",
    ),
    (
        "yield-float",
        lambda: parameters(distribution_yield=0.1),
        InvalidTypeError,
        ("distribution_yield = 0.1: must be an exact Fraction, int, Decimal or decimal string"),
    ),
    (
        "yield-bool",
        lambda: parameters(distribution_yield=False),
        InvalidTypeError,
        ("distribution_yield = False: must be an exact Fraction, int, Decimal or decimal string"),
    ),
    (
        "yield-above-one",
        lambda: parameters(distribution_yield="1.01"),
        ValidationError,
        "distribution_yield = '101/100': must be between 0 and 1",
    ),
    (
        "yield-negative",
        lambda: parameters(distribution_yield=Fraction(-1, 100)),
        ValidationError,
        "distribution_yield = '-1/100': must be between 0 and 1",
    ),
    (
        "bow-text",
        lambda: parameters(bow="steep"),
        ValidationError,
        ("bow = 'steep': must be a plain decimal string like '-1234.56' (at most 24 + 30 digits)"),
    ),
    (
        "bow-nan",
        lambda: parameters(bow=Decimal("NaN")),
        ValidationError,
        "bow = 'NaN': must be between 0 and 100",
    ),
    (
        "bow-negative",
        lambda: parameters(bow=Decimal("-0.01")),
        ValidationError,
        "bow = '-0.01': must be between 0 and 100",
    ),
    (
        "bow-above-hundred",
        lambda: parameters(bow="100.01"),
        ValidationError,
        "bow = '100.01': must be between 0 and 100",
    ),
    (
        "growth-minus-one",
        lambda: parameters(growth=-1),
        ValidationError,
        "growth = '-1': must be above -1 and at most 10 (1000%)",
    ),
    (
        "growth-above-ten",
        lambda: parameters(growth=Fraction(1001, 100)),
        ValidationError,
        "growth = '1001/100': must be above -1 and at most 10 (1000%)",
    ),
    (
        "growth-float",
        lambda: parameters(growth=0.1),
        InvalidTypeError,
        ("growth = 0.1: must be an exact Fraction, int, Decimal or decimal string"),
    ),
    (
        "growth-bad-text",
        lambda: parameters(growth="ten percent"),
        ValidationError,
        (
            "growth = 'ten percent': must be a plain decimal string like "
            "'-1234.56' (at most 24 + 30 digits)"
        ),
    ),
    (
        "rate-bad-text",
        lambda: parameters(contribution_rates=["half"]),
        ValidationError,
        (
            "contribution_rates[0] = 'half': must be a plain decimal string like "
            "'-1234.56' (at most 24 + 30 digits)"
        ),
    ),
    (
        "life-zero",
        lambda: parameters(life=0),
        ValidationError,
        "life = 0: must be an int from 1 to 60",
    ),
    (
        "life-sixty-one",
        lambda: parameters(life=61),
        ValidationError,
        "life = 61: must be an int from 1 to 60",
    ),
    (
        "life-bool",
        lambda: parameters(life=True),
        ValidationError,
        "life = True: must be an int from 1 to 60",
    ),
    (
        "life-text",
        lambda: parameters(life="10"),
        ValidationError,
        "life = '10': must be an int from 1 to 60",
    ),
]


@pytest.mark.parametrize(
    ("call", "error_type", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_each_error_names_its_field_value_and_rule(call, error_type, message):
    with pytest.raises(CreativeCityError) as info:
        call()
    assert type(info.value) is error_type
    assert str(info.value) == message
