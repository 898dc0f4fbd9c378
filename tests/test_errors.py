"""The error hierarchy: one base, families that also behave like builtins."""

from __future__ import annotations

import pickle

import pytest

from creative_city import errors


@pytest.mark.parametrize(
    ("cls", "builtin"),
    [
        (errors.ValidationError, ValueError),
        (errors.InvalidTypeError, TypeError),
        (errors.InvalidTypeError, ValueError),
        (errors.CurrencyMismatchError, TypeError),
        (errors.InvalidStateError, ValueError),
        (errors.LimitExceededError, ValueError),
        (errors.UndefinedResultError, ArithmeticError),
    ],
)
def test_each_family_is_a_library_error_and_its_builtin(cls, builtin):
    error = cls("goal", -1, "must be > 0")
    assert isinstance(error, errors.CreativeCityError)
    assert isinstance(error, builtin)


def test_message_names_field_value_and_rule():
    error = errors.ValidationError("tiers[2].limit", -3, "must be >= 0")
    assert str(error) == "tiers[2].limit = -3: must be >= 0"
    assert (error.field, error.value, error.rule) == ("tiers[2].limit", -3, "must be >= 0")


def test_long_values_are_shortened_in_the_message():
    error = errors.ValidationError("ratios", list(range(1000)), "must not all be zero")
    assert len(str(error)) < 200
    assert str(error).endswith("...: must not all be zero")


def test_errors_pickle_round_trip():
    error = errors.LimitExceededError("pledge", "50.00 KZT", "over the per-backer cap")
    clone = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own object
    assert type(clone) is errors.LimitExceededError
    assert str(clone) == str(error)


def test_every_public_error_is_exported():
    exported = {getattr(errors, name) for name in errors.__all__}
    assert all(issubclass(cls, errors.CreativeCityError) for cls in exported)
    assert errors.__all__ == sorted(errors.__all__)
