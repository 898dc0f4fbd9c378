"""Oracle operations of the venture fund: JSON in, JSON out, byte-stable.

* ``fund.evaluate_proposal``: terms + policy + events + proposal -> the decision with
  every violation.
* ``fund.statement``: terms + policy + events -> per-LP statements and analytics.
* ``fund.xirr``: dated flows -> the rate as a decimal string with a fixed number of
  significant digits (and optionally every root found in a range).
* ``fund.projection``: Takahashi-Alexander parameters -> the yearly table.

Errors raised while running an operation name the offending input by its JSON path in
the request document (``$.input.events[2].amount``), like the errors of reading it.

>>> from creative_city.serialization import from_data, to_data
>>> op = next(o for o in OPERATIONS if o.name == "fund.xirr")
>>> data = {
...     "flows": [{"on": "2020-01-01", "amount": "-100"}, {"on": "2021-01-01", "amount": "110"}]
... }
>>> to_data(op.run(from_data(data, op.input_type)))
{'rate': '0.09971358593', 'roots': None}
"""

from __future__ import annotations

from creative_city.funding.venture._ops_fund import OPERATIONS as _FUND
from creative_city.funding.venture._ops_fund import (
    EvaluateProposalInput,
    EvaluateProposalOutput,
    StatementInput,
)
from creative_city.funding.venture._ops_projection import OPERATIONS as _PROJECTION
from creative_city.funding.venture._ops_xirr import OPERATIONS as _XIRR
from creative_city.funding.venture._ops_xirr import CashFlow, XirrInput, XirrOutput, rate_text
from creative_city.operation import Operation

__all__ = [
    "OPERATIONS",
    "CashFlow",
    "EvaluateProposalInput",
    "EvaluateProposalOutput",
    "StatementInput",
    "XirrInput",
    "XirrOutput",
    "rate_text",
]

OPERATIONS: tuple[Operation, ...] = (*_FUND, *_XIRR, *_PROJECTION)
"""The venture fund's oracle operations."""
