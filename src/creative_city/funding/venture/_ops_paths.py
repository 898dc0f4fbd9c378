"""Errors of the venture fund's oracle operations name their JSON path in the request."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

from creative_city.errors import CreativeCityError

__all__ = ["json_paths"]

T = TypeVar("T")
R = TypeVar("R")


def json_paths(function: Callable[[T], R]) -> Callable[[T], R]:
    """Re-raise library errors with their field as a JSON path into the input."""

    @functools.wraps(function)
    def run(value: T) -> R:
        try:
            return function(value)
        except CreativeCityError as error:
            field = error.field if error.field.startswith("$") else f"$.input.{error.field}"
            raise type(error)(field, error.value, error.rule) from None

    return run
