"""Wrong: fund.xirr counts years as ACT/360 instead of ACT/365F."""

from __future__ import annotations

import decimal
from decimal import Decimal

from oracle_wrapper import serve

CONTEXT = decimal.Context(prec=40)


def act360(rate: str, digits: int) -> str:
    # (1 + r360) ** (d / 360) == (1 + r365) ** (d / 365) for every day count d.
    growth = CONTEXT.exp(CONTEXT.ln(1 + Decimal(rate)) * 360 / 365)
    return format(decimal.Context(prec=digits).plus(growth - 1), "f")


def perturb(request, answer):
    if request["operation"] != "fund.xirr":
        return answer
    digits = request["input"].get("digits", 10)
    output = dict(answer["output"])
    output["rate"] = act360(output["rate"], digits)
    if output.get("roots"):
        output["roots"] = [act360(root, digits) for root in output["roots"]]
    return {**answer, "output": output}


if __name__ == "__main__":
    serve(perturb)
