"""Strict JSON for every public value, through one private cattrs converter.

* Decimals travel as strings (``"100.00"``), never as JSON numbers; fractions as
  ``"1/3"``; money as ``{"amount": "100.00", "currency": "KZT"}``.
* Datetimes are ISO 8601 with an offset (naive ones are rejected); dates are
  ``YYYY-MM-DD``; durations ISO 8601 (``PT1H30M``); periods by label (``2022-H1``);
  enums by value.
* Unknown keys, duplicate keys, wrong types (``"2"`` for an int, ``true`` for a
  number, ``1.5`` for money), ``NaN`` and oversized documents are rejected with a
  :class:`~creative_city.errors.ValidationError` whose field is the JSON path of the
  bad value (``$.tiers[2].limit``).
* Untrusted input cannot cause unbounded work: a document is at most
  :data:`MAX_BYTES` long, no list holds more than :data:`MAX_ITEMS` entries and
  nesting stops at :data:`MAX_DEPTH`.

The package is read in this order: :mod:`~creative_city.serialization.text` (JSON
text within bounds), :mod:`~creative_city.serialization.scalars` (the strict hooks
for simple types), :mod:`~creative_city.serialization.paths` (one error at a JSON
path), :mod:`~creative_city.serialization.converter` (the converter and the entry
points).

>>> from creative_city.money import Money
>>> to_json(Money.of("100", "KZT"))
'{"amount":"100.00","currency":"KZT"}'
>>> from_json('{"amount": "1.5", "currency": "USD"}', Money)
Money('1.50', 'USD')
>>> from_json('{"amount": 1.5, "currency": "USD"}', Money)
Traceback (most recent call last):
...
creative_city.errors.InvalidTypeError: $.amount = 1.5: must be int, str or Decimal, never \
float (floats are inexact)
"""

from __future__ import annotations

from creative_city.serialization.converter import (
    from_data,
    from_json,
    register_hooks,
    register_tagged_union,
    tag_value,
    tagged_union_tag,
    to_data,
    to_json,
)
from creative_city.serialization.scalars import decimal_text
from creative_city.serialization.text import MAX_BYTES, MAX_DEPTH, MAX_ITEMS, check_bounds, loads

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_ITEMS",
    "check_bounds",
    "decimal_text",
    "from_data",
    "from_json",
    "loads",
    "register_hooks",
    "register_tagged_union",
    "tag_value",
    "tagged_union_tag",
    "to_data",
    "to_json",
]
