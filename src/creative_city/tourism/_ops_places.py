"""The ``places`` argument of the tourism oracle operations."""

from __future__ import annotations

from creative_city.errors import ValidationError

__all__ = ["places"]


def places(value: int) -> int:
    """Return *value* if it is a number of decimal places from 0 to 30, else raise."""
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 30:
        raise ValidationError("places", value, "must be an int from 0 to 30")
    return value
