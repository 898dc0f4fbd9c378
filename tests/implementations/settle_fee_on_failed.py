"""Wrong: crowdfunding.settle charges the platform fee on collections that failed."""

from __future__ import annotations

import decimal
from decimal import Decimal

from oracle_wrapper import serve


def perturb(request, answer):
    if request["operation"] != "crowdfunding.settle":
        return answer
    data = request["input"]
    failed = set(data.get("failed_collections", []))
    rate = Decimal(data["fees"]["platform_rate"])
    output = dict(answer["output"])
    exponent = Decimal(output["fees"]["amount"]).as_tuple().exponent
    extra = sum(
        (
            (Decimal(command["amount"]["amount"]) * rate).quantize(
                Decimal(1).scaleb(exponent), rounding=decimal.ROUND_HALF_EVEN
            )
            for command in data["commands"]
            if command["type"] == "make_pledge" and command["pledge_id"] in failed
        ),
        Decimal(0),
    )
    for name, sign in (("fees", 1), ("payout", -1)):
        output[name] = {
            **output[name],
            "amount": str(Decimal(output[name]["amount"]) + sign * extra),
        }
    return {**answer, "output": output}


if __name__ == "__main__":
    serve(perturb)
