"""Cases for crowdfunding and the venture fund.

Deadlines at the boundary instant, failed collections, cash flows with several
roots, proposals on the last day of the investment period.
"""

from __future__ import annotations

import datetime as _dt
import functools
import zoneinfo
from decimal import Decimal
from typing import Any, Final

from hypothesis import strategies as st

from creative_city.conformance.cases.base import CURRENCIES, case, money, pick
from creative_city.funding.crowdfunding import FeeBearer, FundingModel, RefundFees
from creative_city.funding.venture import InvestmentStage
from creative_city.serialization import tag_value, to_data
from creative_city.testing import venture

__all__ = [
    "evaluate_proposal",
    "projection",
    "replay",
    "settle",
    "statement",
    "xirr",
]

_ROOTS: Final = ("0.05", "0.1", "0.2", "0.5", "-0.3", "1", "0")
_ZONES: Final = ("Asia/Almaty", "Europe/Berlin", "UTC", "America/New_York")
_LENGTHS: Final = (3600, 86400, 7 * 86400, 30 * 86400, 60 * 86400)
_RATES: Final = ("0.05", "0", "0.03", "0.1", "0.049", "0.3333")
_MODELS: Final = tuple(model.value for model in FundingModel)
_BEARERS: Final = tuple(bearer.value for bearer in FeeBearer)
_REFUNDS: Final = tuple(fees.value for fees in RefundFees)
_ROUNDINGS: Final = ("ROUND_HALF_EVEN", "ROUND_HALF_UP", "ROUND_DOWN", "ROUND_UP")
_CAMPAIGN: Final = "album"


def _instant(moment: _dt.datetime) -> str:
    # In UTC, so wall-clock arithmetic never lands in a gap or a fold.
    return moment.astimezone(_dt.UTC).isoformat()


@functools.cache
@st.composite
def _fees(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "platform_rate": pick(draw, _RATES),
        "payment_rate": pick(draw, _RATES),
        "rounding": pick(draw, _ROUNDINGS),
        "platform_fee_bearer": pick(draw, _BEARERS),
        "payment_fee_bearer": pick(draw, _BEARERS),
        "refund_fees": pick(draw, _REFUNDS),
    }


_FACTORS: Final = ("1", "0.5", "2", "1.25")
_CAP: Final = st.integers(0, 10**5)  # 0 for none
_TIERS: Final = st.lists(st.tuples(st.integers(1, 100), st.integers(0, 3)), max_size=2)


def _pool(draw: st.DrawFn, currency: str) -> dict[str, Any]:
    caps = [draw(_CAP) for _ in range(2)]
    return {
        "id": "city",
        "budget": money(draw(st.integers(1, 10**6)), currency),
        "factor": pick(draw, _FACTORS),
        "per_pledge_cap": money(caps[0], currency) if caps[0] else None,
        "per_campaign_cap": money(caps[1], currency) if caps[1] else None,
        "counts_toward_goal": draw(st.booleans()),
    }


@functools.cache
@st.composite
def _campaign(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any] | None]:
    currency = pick(draw, CURRENCIES)
    zone = zoneinfo.ZoneInfo(pick(draw, _ZONES))
    # A wall-clock time, given its zone on the next line.
    local = _dt.datetime(2022, 10, 1, 9) + _dt.timedelta(hours=draw(st.integers(0, 24 * 400)))  # noqa: DTZ001
    launch = local.replace(tzinfo=zone)
    deadline = (
        launch.astimezone(_dt.UTC) + _dt.timedelta(seconds=pick(draw, _LENGTHS))
    ).astimezone(zone)
    rarely = st.integers(0, 3)
    document: dict[str, Any] = {
        "id": _CAMPAIGN,
        "owner": "studio-1",
        "goal": money(draw(st.integers(1, 10**7)), currency),
        "launch": launch.isoformat(),
        "deadline": deadline.isoformat(),
        "model": pick(draw, _MODELS),
        "minimum_pledge": money(draw(st.integers(1, 100)), currency) if draw(rarely) == 0 else None,
        "per_backer_cap": money(draw(st.integers(10**5, 10**7)), currency)
        if draw(rarely) == 0
        else None,
        "tiers": [
            {"id": f"t{index}", "minimum": money(minimum, currency), "limit": limit or None}
            for index, (minimum, limit) in enumerate(draw(_TIERS))
        ],
        "fees": draw(_fees()),
    }
    pool = _pool(draw, currency) if draw(st.booleans()) else None
    if pool is not None:
        document["pool_id"] = pool["id"]
    return document, pool


_FLOWS: Final = venture.cash_flows(max_size=8)
_FUNDS: Final = venture.funds(max_steps=6)
_FAILED: Final = st.lists(st.booleans(), min_size=5, max_size=5)
_PLEDGE: Final = st.fixed_dictionaries(
    {
        # 0-16: a moment during the campaign; 17, 18, 19: the launch, the last
        # second, the deadline itself (the boundary instant, where pledging stops).
        "when": st.integers(0, 19),
        "share": st.integers(0, 10**6),
        "backer": st.integers(0, 3),
        "units": st.integers(1, 10**6),
        "tier": st.integers(0, 5),  # 1, 2: the first or second tier, if any
    }
)


_PLEDGES: Final = st.lists(_PLEDGE, min_size=1, max_size=5)


def _pledges(draw: st.DrawFn, campaign: dict[str, Any]) -> list[dict[str, Any]]:
    # In time order, numbered p0, p1, ...
    return _placed(campaign, draw(_PLEDGES))


def _placed(campaign: dict[str, Any], specs: list[dict[str, int]]) -> list[dict[str, Any]]:
    launch, deadline = (_dt.datetime.fromisoformat(campaign[key]) for key in ("launch", "deadline"))
    length = int((deadline - launch).total_seconds())
    tiers = [tier["id"] for tier in campaign["tiers"]]
    pledges: list[dict[str, Any]] = []
    for spec in specs:
        when = spec["when"]
        offset = (
            spec["share"] * (length - 1) // 10**6
            if when < 17
            else (0, length - 1, length)[when - 17]
        )
        pledges.append(
            {
                "type": "make_pledge",
                "campaign_id": _CAMPAIGN,
                "backer": f"b{spec['backer']}",
                "amount": money(spec["units"], campaign["goal"]["currency"]),
                "at": _instant(launch + _dt.timedelta(seconds=offset)),
                "tier_id": tiers[spec["tier"] - 1] if 0 < spec["tier"] <= len(tiers) else None,
            }
        )
    pledges.sort(key=lambda pledge: pledge["at"])
    return [{**pledge, "pledge_id": f"p{index}"} for index, pledge in enumerate(pledges)]


def _reachable_goal(
    draw: st.DrawFn, document: dict[str, Any], pledges: list[dict[str, Any]]
) -> None:
    # Most campaigns get a goal their pledges can reach, so that they succeed.
    currency = document["goal"]["currency"]
    total = sum(int(Decimal(p["amount"]["amount"]).scaleb(_digits(currency))) for p in pledges)
    if draw(st.integers(0, 3)):
        document["goal"] = money(draw(st.integers(1, max(1, total))), currency)


def _digits(currency: str) -> int:
    return len(money(1, currency)["amount"].partition(".")[2])


@case("crowdfunding.replay")
@st.composite
def replay(draw: st.DrawFn) -> dict[str, Any]:
    """Pledges up to the deadline instant, then maybe a close, collections and a settlement."""
    document, pool = draw(_campaign())
    pledges = _pledges(draw, document)
    _reachable_goal(draw, document, pledges)
    commands = list(pledges)
    if draw(st.booleans()):
        cancelled = pick(draw, pledges)
        commands.append(
            {
                "type": "cancel_pledge",
                "campaign_id": _CAMPAIGN,
                "pledge_id": cancelled["pledge_id"],
                "at": cancelled["at"],
            }
        )
    if draw(st.booleans()):
        deadline = _dt.datetime.fromisoformat(document["deadline"])
        closing = _instant(
            deadline + _dt.timedelta(seconds=(0, 60, 0, -1)[draw(st.integers(0, 3))])
        )
        commands.append({"type": "close_campaign", "campaign_id": _CAMPAIGN, "at": closing})
        commands.extend(
            {
                "type": "record_collection",
                "campaign_id": _CAMPAIGN,
                "pledge_id": pledge["pledge_id"],
                "succeeded": draw(st.booleans()),
                "at": closing,
            }
            for pledge in pledges[: draw(st.integers(0, len(pledges)))]
        )
        if draw(st.booleans()):
            commands.append({"type": "settle", "campaign_id": _CAMPAIGN, "at": closing})
    return {"campaign": document, "pool": pool, "commands": commands}


@case("crowdfunding.settle")
@st.composite
def settle(draw: st.DrawFn) -> dict[str, Any]:
    """A campaign that mostly succeeds, some of whose collections fail, under a fee policy."""
    document, pool = draw(_campaign())
    pledges = _pledges(draw, document)
    _reachable_goal(draw, document, pledges)
    ids = [pledge["pledge_id"] for pledge in pledges]
    return {
        "campaign": document,
        "fees": draw(_fees()),
        "pool": pool,
        "commands": pledges,
        "failed_collections": [key for key, bit in zip(ids, draw(_FAILED), strict=False) if bit],
    }


@case("fund.xirr")
@st.composite
def xirr(draw: st.DrawFn) -> dict[str, Any]:
    """Cash flows: random ones, flows a year apart with two chosen roots, two flows."""
    kind = draw(st.integers(0, 2))
    start = _dt.date(2020, 1, 1) + _dt.timedelta(days=draw(st.integers(0, 2000)))
    if kind == 0:
        flows = [
            (start, Decimal(-100)),
            (
                start + _dt.timedelta(days=draw(st.integers(1, 3000))),
                Decimal(draw(st.integers(0, 400))),
            ),
        ]
    elif kind == 1:
        # -100, 100 (a + b), -100 a b with a = 1 + r1, b = 1 + r2: its roots are r1 and r2.
        a, b = (1 + Decimal(pick(draw, _ROOTS)) for _ in range(2))
        amounts = (Decimal(-100), 100 * (a + b), -100 * a * b)
        flows = [
            (start + _dt.timedelta(days=365 * year), amount) for year, amount in enumerate(amounts)
        ]
    else:
        flows = draw(_FLOWS)
    document: dict[str, Any] = {
        "flows": [{"on": on.isoformat(), "amount": str(amount)} for on, amount in flows]
    }
    if draw(st.booleans()):
        document["all_roots"] = True
    if draw(st.integers(0, 3)) == 0:
        document["digits"] = draw(st.integers(1, 15))
    return document


_SHARES: Final = ("0", "1/4", "1/2", "1", "1/3", "2/5", "3/4")
_SECTORS: Final = ("music", "games", "design", "film", "IT")
_STAGES: Final = tuple(stage.value for stage in InvestmentStage)


_RATES_LISTS: Final = st.lists(st.sampled_from(_SHARES), min_size=1, max_size=4)


@case("fund.projection")
@st.composite
def projection(draw: st.DrawFn) -> dict[str, Any]:
    """Takahashi-Alexander parameters: rates that sum past one, zero yield, lives of 1-20."""
    return {
        "commitment": money(draw(st.integers(1, 10**12)), "KZT"),
        "contribution_rates": draw(_RATES_LISTS),
        "distribution_yield": pick(draw, _SHARES),
        "bow": pick(draw, ("0", "1", "2.5", "0.5")),
        "growth": pick(draw, _SHARES),
        "life": draw(st.integers(1, 20)),
    }


@functools.cache
@st.composite
def _rule(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.integers(0, 8))
    limit = pick(draw, _SHARES)
    ticket = money(draw(st.integers(0, 10**8)), "KZT")
    return (
        {"type": "per_company_cap", "limit": limit},
        {"type": "min_ticket", "amount": ticket},
        {"type": "max_ticket", "amount": ticket},
        {"type": "max_ownership", "limit": limit},
        {
            "type": "sector_concentration_cap",
            "limit": limit,
            "sector": pick(draw, _SECTORS),
        },
        {
            "type": "stage_concentration_cap",
            "limit": limit,
            "stage": pick(draw, _STAGES),
        },
        {"type": "max_public_share_of_round", "limit": limit},
        {"type": "follow_on_reserve", "ratio": limit},
        {"type": "investment_period_open"},
    )[kind]


@functools.cache
def _policy() -> st.SearchStrategy[dict[str, Any]]:
    rules = st.lists(_rule(), max_size=4, unique_by=lambda rule: rule["type"])
    return rules.map(lambda items: {"rules": items})


@functools.cache
@st.composite
def _fund(draw: st.DrawFn) -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, Any]]:
    fund = draw(_FUNDS)
    events = [{**to_data(event), "type": tag_value(type(event))} for event in fund.events]
    return to_data(fund.terms), events, draw(_policy())


@case("fund.statement")
@st.composite
def statement(draw: st.DrawFn) -> dict[str, Any]:
    """A fund's history of commitments, calls, investments, exits and distributions."""
    terms, events, policy = draw(_fund())
    return {"terms": terms, "events": events, "policy": policy}


@case("fund.evaluate_proposal")
@st.composite
def evaluate_proposal(draw: st.DrawFn) -> dict[str, Any]:
    """A proposal on the last day of the investment period, the day after, or any day."""
    terms, events, policy = draw(_fund())
    first_close = _dt.date.fromisoformat(terms["first_close"])
    end = first_close.replace(year=first_close.year + terms["investment_period_years"])
    on = (end, end - _dt.timedelta(days=1), None)[draw(st.integers(0, 2))]
    proposal = draw(venture.proposals(on=on, max_ticket=10**6))
    return {"terms": terms, "policy": policy, "events": events, "proposal": to_data(proposal)}
