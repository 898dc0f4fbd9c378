"""Cases for crowdfunding: deadlines at the boundary instant, failed collections, fees."""

from __future__ import annotations

import datetime as _dt
import zoneinfo
from decimal import Decimal
from typing import Any, Final

from creative_city.conformance.cases.base import CURRENCIES, case, money
from creative_city.conformance.cases.choices import Choices
from creative_city.funding.crowdfunding import FeeBearer, FundingModel, RefundFees

__all__ = ["replay", "settle"]

_ZONES: Final = ("Asia/Almaty", "Europe/Berlin", "UTC", "America/New_York")
_LENGTHS: Final = (3600, 86400, 7 * 86400, 30 * 86400, 60 * 86400)
_RATES: Final = ("0.05", "0", "0.03", "0.1", "0.049", "0.3333")
_MODELS: Final = tuple(model.value for model in FundingModel)
_BEARERS: Final = tuple(bearer.value for bearer in FeeBearer)
_REFUNDS: Final = tuple(fees.value for fees in RefundFees)
_ROUNDINGS: Final = ("ROUND_HALF_EVEN", "ROUND_HALF_UP", "ROUND_DOWN", "ROUND_UP")
_FACTORS: Final = ("1", "0.5", "2", "1.25")
_CAMPAIGN: Final = "album"


def _instant(moment: _dt.datetime) -> str:
    # In UTC, so wall-clock arithmetic never lands in a gap or a fold.
    return moment.astimezone(_dt.UTC).isoformat()


def _fees(source: Choices) -> dict[str, Any]:
    return {
        "platform_rate": source.pick(_RATES),
        "payment_rate": source.pick(_RATES),
        "rounding": source.pick(_ROUNDINGS),
        "platform_fee_bearer": source.pick(_BEARERS),
        "payment_fee_bearer": source.pick(_BEARERS),
        "refund_fees": source.pick(_REFUNDS),
    }


def _pool(source: Choices, currency: str) -> dict[str, Any]:
    budget = source.integer(1, 10**6)
    factor = source.pick(_FACTORS)
    caps = [source.integer(0, 10**5) for _ in range(2)]  # 0 for none
    return {
        "id": "city",
        "budget": money(budget, currency),
        "factor": factor,
        "per_pledge_cap": money(caps[0], currency) if caps[0] else None,
        "per_campaign_cap": money(caps[1], currency) if caps[1] else None,
        "counts_toward_goal": source.boolean(),
    }


def _rarely(source: Choices, low: int, high: int, currency: str) -> dict[str, str] | None:
    # An amount one time in four, else none (the simpler).
    return money(source.integer(low, high), currency) if source.integer(0, 3) == 3 else None


def _campaign(source: Choices) -> tuple[dict[str, Any], dict[str, Any] | None]:
    currency = source.pick(CURRENCIES)
    zone = zoneinfo.ZoneInfo(source.pick(_ZONES))
    # A wall-clock time, given its zone on the next line.
    local = _dt.datetime(2022, 10, 1, 9) + _dt.timedelta(hours=source.integer(0, 24 * 400))  # noqa: DTZ001
    launch = local.replace(tzinfo=zone)
    deadline = (
        launch.astimezone(_dt.UTC) + _dt.timedelta(seconds=source.pick(_LENGTHS))
    ).astimezone(zone)
    document: dict[str, Any] = {
        "id": _CAMPAIGN,
        "owner": "studio-1",
        "goal": money(source.integer(1, 10**7), currency),
        "launch": launch.isoformat(),
        "deadline": deadline.isoformat(),
        "model": source.pick(_MODELS),
        "minimum_pledge": _rarely(source, 1, 100, currency),
        "per_backer_cap": _rarely(source, 10**5, 10**7, currency),
        "tiers": [
            {
                "id": f"t{index}",
                "minimum": money(source.integer(1, 100), currency),
                "limit": source.integer(0, 3) or None,
            }
            for index in source.repeat(0, 2)
        ],
        "fees": _fees(source),
    }
    pool = _pool(source, currency) if source.boolean() else None
    if pool is not None:
        document["pool_id"] = pool["id"]
    return document, pool


def _pledges(source: Choices, campaign: dict[str, Any]) -> list[dict[str, Any]]:
    # One to five pledges, in time order, numbered p0, p1, ...
    launch, deadline = (_dt.datetime.fromisoformat(campaign[key]) for key in ("launch", "deadline"))
    length = int((deadline - launch).total_seconds())
    tiers = [tier["id"] for tier in campaign["tiers"]]
    pledges: list[dict[str, Any]] = []
    for _ in source.repeat(1, 5):
        # 0-16: a moment during the campaign; 17, 18, 19: the launch, the last
        # second, the deadline itself (the boundary instant, where pledging stops).
        when = source.integer(0, 19)
        share = source.integer(0, 10**6)
        backer = source.integer(0, 3)
        units = source.integer(1, 10**6)
        tier = source.integer(0, 5)  # 1, 2: the first or second tier, if any
        offset = share * (length - 1) // 10**6 if when < 17 else (0, length - 1, length)[when - 17]
        pledges.append(
            {
                "type": "make_pledge",
                "campaign_id": _CAMPAIGN,
                "backer": f"b{backer}",
                "amount": money(units, campaign["goal"]["currency"]),
                "at": _instant(launch + _dt.timedelta(seconds=offset)),
                "tier_id": tiers[tier - 1] if 0 < tier <= len(tiers) else None,
            }
        )
    pledges.sort(key=lambda pledge: pledge["at"])
    return [{**pledge, "pledge_id": f"p{index}"} for index, pledge in enumerate(pledges)]


def _reachable_goal(
    source: Choices, document: dict[str, Any], pledges: list[dict[str, Any]]
) -> None:
    # Most campaigns get a goal their pledges can reach, so that they succeed.
    currency = document["goal"]["currency"]
    total = sum(int(Decimal(p["amount"]["amount"]).scaleb(_digits(currency))) for p in pledges)
    if source.integer(0, 3):
        document["goal"] = money(source.integer(1, max(1, total)), currency)


def _digits(currency: str) -> int:
    return len(money(1, currency)["amount"].partition(".")[2])


def _closing(
    source: Choices, document: dict[str, Any], pledges: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    # A close at the deadline, a minute after or a second before; some collections.
    deadline = _dt.datetime.fromisoformat(document["deadline"])
    closing = _instant(deadline + _dt.timedelta(seconds=source.pick((0, 60, 0, -1))))
    commands: list[dict[str, Any]] = [
        {"type": "close_campaign", "campaign_id": _CAMPAIGN, "at": closing}
    ]
    commands.extend(
        {
            "type": "record_collection",
            "campaign_id": _CAMPAIGN,
            "pledge_id": pledge["pledge_id"],
            "succeeded": source.boolean(),
            "at": closing,
        }
        for pledge in pledges[: source.integer(0, len(pledges))]
    )
    if source.boolean():
        commands.append({"type": "settle", "campaign_id": _CAMPAIGN, "at": closing})
    return commands


@case("crowdfunding.replay")
def replay(source: Choices) -> dict[str, Any]:
    """Pledges up to the deadline instant, then maybe a close, collections and a settlement."""
    document, pool = _campaign(source)
    pledges = _pledges(source, document)
    _reachable_goal(source, document, pledges)
    commands = list(pledges)
    if source.boolean():
        cancelled = source.pick(pledges)
        commands.append(
            {
                "type": "cancel_pledge",
                "campaign_id": _CAMPAIGN,
                "pledge_id": cancelled["pledge_id"],
                "at": cancelled["at"],
            }
        )
    if source.boolean():
        commands.extend(_closing(source, document, pledges))
    return {"campaign": document, "pool": pool, "commands": commands}


@case("crowdfunding.settle")
def settle(source: Choices) -> dict[str, Any]:
    """A campaign that mostly succeeds, some of whose collections fail, under a fee policy."""
    document, pool = _campaign(source)
    pledges = _pledges(source, document)
    _reachable_goal(source, document, pledges)
    fees = _fees(source)
    failed = [pledge["pledge_id"] for pledge in pledges if source.boolean()]
    return {
        "campaign": document,
        "fees": fees,
        "pool": pool,
        "commands": pledges,
        "failed_collections": failed,
    }
