"""The ``hubs.expand`` oracle operation, gathered by :mod:`creative_city.hubs.operations`.

It lives in its own module so that the oracle loads recurrence for it, and nothing of
the hub model, admission or the reports.
"""

from __future__ import annotations

import datetime as _dt

import attrs

from creative_city.hubs.recurrence import DEFAULT_MAX_OCCURRENCES, Recurrence, expand
from creative_city.operation import Operation

__all__ = ["OPERATIONS", "ExpandInput", "ExpandOutput"]


@attrs.frozen
class ExpandInput:
    """An RRULE with its DTSTART (aware), zone, EXDATEs, RDATEs and bound."""

    rule: str
    start: _dt.datetime
    zone: str
    exdates: tuple[_dt.datetime, ...] = ()
    rdates: tuple[_dt.datetime, ...] = ()
    max_occurrences: int = DEFAULT_MAX_OCCURRENCES
    window_end: _dt.datetime | None = None


@attrs.frozen
class ExpandOutput:
    """The occurrence starts, in the zone's local time with their offsets."""

    occurrences: tuple[_dt.datetime, ...]

    def __repr__(self) -> str:
        shown = ", ".join(o.isoformat() for o in self.occurrences[:3])
        more = ", ..." if len(self.occurrences) > 3 else ""
        return f"<ExpandOutput {len(self.occurrences)} occurrences: {shown}{more}>"

    def to_records(self) -> list[dict[str, object]]:
        """Return one plain dict per occurrence."""
        return [{"start": o} for o in self.occurrences]


def _expand(request: ExpandInput) -> ExpandOutput:
    recurrence = Recurrence(request.rule, request.exdates, request.rdates, request.max_occurrences)
    return ExpandOutput(
        expand(recurrence, request.start, request.zone, window_end=request.window_end)
    )


OPERATIONS: tuple[Operation, ...] = (
    Operation(
        "hubs.expand",
        ExpandInput,
        ExpandOutput,
        _expand,
        "Expand an RFC 5545 RRULE with EXDATE/RDATE in a zone's wall-clock time, bounded.",
    ),
)
