"""A scenario spec: a model, its parameters, a sample count and a seed; JSON both ways.

A spec names one model (:mod:`creative_city.scenarios.models`) and gives each of the
model's inputs a form (:mod:`creative_city.scenarios.distributions`). Grid parameters
multiply the sweep into *cells*, every combination of their values (the grids ordered
by name, each grid's values in the order given); every cell runs ``samples`` samples.

Building a spec checks everything that can be checked before a run: each form's own
rules, that every parameter is an input of the model and every required input is given,
and that every value a form can produce is one the exact model accepts (a growth rate
whose bounds reach -1 is refused before the first sample). Errors name the JSON path
into the spec and the rule broken:

>>> ScenarioSpec.from_json('''{"name": "x", "model": {"type": "kpi_path",
...   "name": "exports", "unit": "USD million", "baseline": "200", "baseline_year": 2022,
...   "target": "500", "due_year": 2030, "resolution": "1"},
...   "parameters": {"growth": {"type": "uniform", "low": "-1", "high": "0.3",
...   "places": 2}}}''')
Traceback (most recent call last):
...
creative_city.errors.ValidationError: $.parameters.growth = '-1': can be drawn, but the \
kpi_path model needs growth above -1 and at most 10 (the yearly growth rate)
"""

from __future__ import annotations

import hashlib
import itertools
import math
import typing
from collections.abc import Mapping
from decimal import Decimal
from typing import Final

import attrs

from creative_city.errors import InvalidTypeError, LimitExceededError, ValidationError
from creative_city.operation import SCHEMA_KEY, states
from creative_city.scenarios.distributions import Distribution, Grid
from creative_city.scenarios.models import Model
from creative_city.scenarios.outcomes import Input
from creative_city.scenarios.streams import MAX_SEED
from creative_city.serialization import from_json, tag_value, to_json

__all__ = ["MAX_CELLS", "MAX_SAMPLES", "ScenarioSpec", "model_name"]

MAX_SAMPLES: Final = 10**9
"""The most samples a sweep may run per cell."""

MAX_CELLS: Final = 10_000
"""The most grid cells (combinations of grid values) a spec may hold."""

_MAX_NAME: Final = 200


def model_name(model: Model) -> str:
    """Return the JSON ``"type"`` of *model* (``"fund_projection"``)."""
    return tag_value(type(model))


_FORMS: Final = typing.get_args(Distribution)
_MODELS: Final = typing.get_args(Model)


def _to_parameters(value: object) -> dict[str, Distribution]:
    if not isinstance(value, Mapping):
        raise InvalidTypeError("parameters", value, "must map input names to parameter forms")
    for name, form in value.items():
        if not isinstance(name, str) or not isinstance(form, _FORMS):
            names = ", ".join(f.__name__ for f in _FORMS)
            raise InvalidTypeError(f"parameters.{name}", form, f"must be one of {names}")
    return dict(value)


def _check_model(_: object, __: object, value: Model) -> None:
    if not isinstance(value, _MODELS):
        names = ", ".join(m.__name__ for m in _MODELS)
        raise InvalidTypeError("model", value, f"must be one of {names}")


@states(minimum=1, maximum=MAX_SAMPLES)
def _check_samples(_: object, __: object, value: int) -> None:
    if type(value) is not int or not 1 <= value <= MAX_SAMPLES:
        raise ValidationError("samples", value, f"must be an int from 1 to {MAX_SAMPLES:,}")


@states(minimum=0, maximum=MAX_SEED)
def _check_seed(_: object, __: object, value: int) -> None:
    if type(value) is not int or not 0 <= value <= MAX_SEED:
        raise ValidationError("seed", value, "must be an int from 0 to 2**64 - 1")


@states(minLength=1, maxLength=_MAX_NAME)
def _check_name(_: object, __: object, value: str) -> None:
    if type(value) is not str or not 1 <= len(value) <= _MAX_NAME:
        raise ValidationError("name", value, f"must be a string of 1 to {_MAX_NAME} characters")


@attrs.frozen
class ScenarioSpec:
    """A sweep's model, parameters, sample count and seed.

    Attributes:
        name: A short name for reports.
        model: The model (fund projection, KPI path or hub rollout).
        parameters: Each input of the model the spec gives, by name.
        samples: Samples per grid cell (1 to 10**9; a run may override it).
        seed: The seed (0 to 2**64 - 1; a run may override it).
        description: What the scenario asks, and where its figures come from.
    """

    name: str = attrs.field(validator=_check_name)
    model: Model = attrs.field(validator=_check_model)
    parameters: dict[str, Distribution] = attrs.field(
        converter=_to_parameters,
        # JSON Schema cannot multiply the grids' lengths: the cap is stated in words.
        metadata={
            SCHEMA_KEY: {
                "description": "a form for each input of the model, by the input's name; "
                f"the grids' values combine into at most {MAX_CELLS} cells"
            }
        },
    )
    samples: int = attrs.field(default=1000, validator=_check_samples)
    seed: int = attrs.field(default=0, validator=_check_seed)
    description: str = attrs.field(default="", validator=attrs.validators.instance_of(str))

    def __attrs_post_init__(self) -> None:
        _check_inputs(self.model, self.parameters)
        cells = math.prod(len(g.values) for g in self._grids().values())
        if cells > MAX_CELLS:
            raise LimitExceededError(
                "parameters", f"<{cells} cells>", f"grids may combine into at most {MAX_CELLS}"
            )

    def _grids(self) -> dict[str, Grid]:
        return {
            name: form for name, form in sorted(self.parameters.items()) if isinstance(form, Grid)
        }

    def cells(self) -> tuple[dict[str, Decimal], ...]:
        """Return every combination of the grid values (one empty cell without grids)."""
        grids = self._grids()
        return tuple(
            dict(zip(grids, values, strict=True))
            for values in itertools.product(*(g.values for g in grids.values()))
        )

    def with_run(self, *, samples: int | None = None, seed: int | None = None) -> ScenarioSpec:
        """Return the spec with another sample count or seed (``None`` keeps the spec's)."""
        return attrs.evolve(
            self,
            samples=self.samples if samples is None else samples,
            seed=self.seed if seed is None else seed,
        )

    def to_json(self, *, indent: int | None = None) -> str:
        """Return the spec's canonical JSON text (sorted keys; compact unless *indent*)."""
        return to_json(self, indent=indent)

    @classmethod
    def from_json(cls, text: str | bytes) -> ScenarioSpec:
        """Build a spec from JSON text, strictly.

        Raises:
            ValidationError: Naming the JSON path of the first bad value and its rule.
        """
        return from_json(text, cls)

    def digest(self) -> str:
        """Return a short fingerprint of the spec's canonical JSON (BLAKE2b, 32 hex digits)."""
        return hashlib.blake2b(self.to_json().encode(), digest_size=16).hexdigest()


def _check_inputs(model: Model, parameters: Mapping[str, Distribution]) -> None:
    kind = model_name(model)
    inputs = {rule.name: rule for rule in model.inputs()}
    for name in parameters:
        if name not in inputs:
            raise ValidationError(
                f"parameters.{name}",
                name,
                f"is not an input of the {kind} model (its inputs: {', '.join(inputs)})",
            )
    for rule in inputs.values():
        form = parameters.get(rule.name)
        if form is None:
            if rule.required:
                raise ValidationError(
                    f"parameters.{rule.name}",
                    None,
                    f"is required by the {kind} model ({rule.summary}: {rule.rule()})",
                )
            continue
        _check_support(kind, rule, form)


def _check_support(kind: str, rule: Input, form: Distribution) -> None:
    field = f"parameters.{rule.name}"
    needs = f"the {kind} model needs {rule.name} {rule.rule()} ({rule.summary})"
    if rule.whole and not form.whole():
        raise ValidationError(field, tag_value(type(form)), f"can be fractional, but {needs}")
    low, high = form.support()
    if rule.low is not None and (low < rule.low or (rule.low_open and low == rule.low)):
        raise ValidationError(field, str(low), f"can be drawn, but {needs}")
    if rule.high is not None and high > rule.high:
        raise ValidationError(field, str(high), f"can be drawn, but {needs}")
