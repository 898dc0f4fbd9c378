"""Wrong: money.allocate gives the leftover minor units of a tie to the later share."""

from __future__ import annotations

from oracle_wrapper import reference, serve


def perturb(request, answer):
    if request["operation"] != "money.allocate":
        return answer
    # Largest remainder, ties to the earlier index, on the reversed ratios: ties go
    # to the later index of the original order.
    ratios = list(reversed(request["input"]["ratios"]))
    mirrored = reference({**request, "input": {**request["input"], "ratios": ratios}})
    return {**answer, "output": {"shares": list(reversed(mirrored["output"]["shares"]))}}


if __name__ == "__main__":
    serve(perturb)
