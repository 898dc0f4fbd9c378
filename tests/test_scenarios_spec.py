"""Scenario specs: JSON both ways, and errors that name the path into the spec and the rule."""

from __future__ import annotations

import decimal
import io
import json
import pathlib
from decimal import Decimal

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from creative_city.cli import main
from creative_city.errors import CreativeCityError, LimitExceededError, ValidationError
from creative_city.scenarios import (
    Empirical,
    Fixed,
    FundProjection,
    Grid,
    HubRollout,
    KpiPath,
    Lognormal,
    Normal,
    ScenarioSpec,
    Triangular,
    Uniform,
)
from creative_city.scenarios.distributions import Distribution
from creative_city.schema import spec_schema
from creative_city.serialization import from_json, to_data, to_json

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples" / "sweeps").glob("*.json"))

KPI = {
    "type": "kpi_path",
    "name": "services exports",
    "unit": "USD million",
    "baseline": "200",
    "baseline_year": 2022,
    "target": "500",
    "due_year": 2030,
    "resolution": "1",
}
GROWTH = {"type": "normal", "mean": "0.1", "sd": "0.05", "low": "-0.2", "high": "0.4", "places": 3}


def spec_json(**changes: object) -> str:
    document: dict[str, object] = {"name": "x", "model": KPI, "parameters": {"growth": GROWTH}}
    document.update(changes)
    return json.dumps(document)


def test_there_are_three_example_specs():
    assert [p.name for p in EXAMPLES] == [
        "hubs-open-by-2027.json",
        "services-exports-2030.json",
        "venture-fund-dpi-by-year-10.json",
    ]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_specs_round_trip_through_json(path):
    spec = ScenarioSpec.from_json(path.read_text())
    text = spec.to_json()
    again = ScenarioSpec.from_json(text)
    assert again == spec
    assert again.to_json() == text  # canonical: the same bytes every time
    assert spec.digest() == again.digest()
    assert len(spec.digest()) == 32
    assert spec.description  # each example says what it asks and what it assumes


def test_each_model_kind_is_tagged_by_type():
    kinds = {type(ScenarioSpec.from_json(p.read_text()).model) for p in EXAMPLES}
    assert kinds == {FundProjection, KpiPath, HubRollout}


decimals = st.decimals(min_value=-5, max_value=5, places=2, allow_nan=False)


@st.composite
def forms(draw: st.DrawFn) -> object:
    low = draw(st.integers(-50, 0))
    high = draw(st.integers(1, 50))
    lo, hi = Decimal(low).scaleb(-1), Decimal(high).scaleb(-1)
    choices = [
        Fixed(draw(decimals)),
        Uniform(low=lo, high=hi, places=draw(st.integers(1, 4))),
        Normal(mean=Decimal(0), sd=Decimal("0.5"), low=lo, high=hi, places=2),
        Lognormal(mu=Decimal(0), sigma=Decimal("0.5"), low=Decimal(0), high=hi + 2, places=3),
        Triangular(low=lo, mode=Decimal(0), high=hi, places=2),
        Empirical(draw(st.lists(decimals, min_size=1, max_size=5))),
        Grid(draw(st.lists(decimals, min_size=1, max_size=5, unique=True))),
    ]
    return choices[draw(st.integers(0, len(choices) - 1))]


@given(forms())
def test_every_form_round_trips_through_json(form):
    text = to_json(form, as_type=Distribution)
    assert json.loads(text)["type"] == type(form).__name__.lower()
    assert from_json(text, Distribution) == form


SCHEMA = spec_schema()


def test_the_spec_schema_is_printed_by_the_command_line():
    out = io.StringIO()
    assert main(["schema", "sweep"], stdout=out, stderr=io.StringIO()) == 0
    assert json.loads(out.getvalue()) == SCHEMA
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$ref"] == "#/$defs/ScenarioSpec"
    assert SCHEMA["title"] == "creative-city scenario spec"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_example_specs_fit_the_schema(path):
    jsonschema.Draft202012Validator(SCHEMA).validate(json.loads(path.read_text()))
    canonical = json.loads(ScenarioSpec.from_json(path.read_text()).to_json())
    jsonschema.Draft202012Validator(SCHEMA).validate(canonical)


@given(forms())
def test_what_a_form_writes_the_schema_accepts(form):
    document = to_data(form, Distribution)
    definition = f"#/$defs/{type(form).__name__}.tagged"
    jsonschema.Draft202012Validator({"$ref": definition, "$defs": SCHEMA["$defs"]}).validate(
        document
    )


def test_the_spec_schema_states_the_bounds_in_words_where_json_schema_cannot():
    definitions = SCHEMA["$defs"]
    sigma = definitions["Lognormal"]["properties"]["sigma"]
    assert sigma["description"] == "a decimal above 0 and at most 10"
    assert definitions["Lognormal"]["properties"]["mu"]["description"] == (
        "a decimal from -100 to 100"
    )
    parameters = definitions["ScenarioSpec"]["properties"]["parameters"]
    assert "at most 10000 cells" in parameters["description"]


def test_a_lognormal_mu_is_compared_exactly_whatever_the_context():
    # abs() rounds to the context's 28 digits: -100 - 1e-30 was taken for -100.
    just_past = "-100.000000000000000000000000000001"
    for precision in (28, 60):
        with decimal.localcontext(prec=precision), pytest.raises(ValidationError) as info:
            Lognormal(mu=just_past, sigma="1", low="0", high="100", places=2)
        assert (info.value.field, info.value.rule) == ("mu", "must be from -100 to 100")


@pytest.mark.parametrize(("baseline_year", "due_year"), [(0, 5), (9998, 10_000), (-5, 1)])
def test_a_kpi_path_outside_the_calendar_names_its_year(baseline_year, due_year):
    # Was a ValueError from the date of 31 December (the loader: "$.model is invalid").
    field = "baseline_year" if not 1 <= baseline_year <= 9999 else "due_year"
    model = {**KPI, "baseline_year": baseline_year, "due_year": due_year}
    with pytest.raises(ValidationError) as info:
        ScenarioSpec.from_json(spec_json(model=model))
    assert (info.value.field, info.value.rule) == (f"$.model.{field}", "must be from 1 to 9999")


@pytest.mark.parametrize(
    ("changes", "field", "rule"),
    [
        (
            {"parameters": {"growth": {**GROWTH, "sd": "-1"}}},
            "$.parameters.growth.sd",
            "must be > 0",
        ),
        (
            {"parameters": {"growth": {**GROWTH, "sd": 0.05}}},
            "$.parameters.growth.sd",
            "never floats",
        ),
        (
            {"parameters": {"growth": {**GROWTH, "colour": "red"}}},
            "$.parameters.growth.colour",
            "unknown keys are rejected",
        ),
        (
            {"parameters": {"growth": {**GROWTH, "type": "gamma"}}},
            "$.parameters.growth.type",
            "must be one of empirical, fixed, grid, lognormal, normal, triangular, uniform",
        ),
        (
            {"parameters": {"growth": {**GROWTH, "low": "-0.2001"}}},
            "$.parameters.growth.low",
            "at most 3 decimal places",
        ),
        (
            {"parameters": {"growth": {**GROWTH, "low": "0.39", "high": "0.4"}}},
            "$.parameters.growth.low",
            "at least 1% of the distribution",
        ),
        (
            {"parameters": {"growth": GROWTH, "grwth": GROWTH}},
            "$.parameters.grwth",
            "is not an input of the kpi_path model (its inputs: growth)",
        ),
        ({"parameters": {}}, "$.parameters.growth", "is required by the kpi_path model"),
        (
            {"parameters": {"growth": {"type": "fixed", "value": "-1"}}},
            "$.parameters.growth",
            "the kpi_path model needs growth above -1",
        ),
        (
            {"model": {**KPI, "due_year": 2022}},
            "$.model.due_year",
            "must be 1 to 50 years after baseline_year (2022)",
        ),
        ({"model": {**KPI, "type": "dcf"}}, "$.model.type", "must be one of fund_projection"),
        ({"samples": 0}, "$.samples", "must be an int from 1 to 1,000,000,000"),
        ({"seed": 2**64}, "$.seed", "must be an int from 0 to 2**64 - 1"),
        ({"seed": "7"}, "$.seed", "must be a JSON integer"),
    ],
)
def test_a_bad_spec_names_the_path_and_the_rule(changes, field, rule):
    with pytest.raises(CreativeCityError) as info:
        ScenarioSpec.from_json(spec_json(**changes))
    assert info.value.field == field
    assert rule in info.value.rule


def test_whole_number_inputs_refuse_fractional_forms():
    document = json.loads((ROOT / "examples/sweeps/hubs-open-by-2027.json").read_text())
    document["parameters"]["delay_days"]["places"] = 1
    with pytest.raises(ValidationError) as info:
        ScenarioSpec.from_json(json.dumps(document))
    assert info.value.field == "$.parameters.delay_days"
    assert "can be fractional, but the hub_rollout model needs delay_days whole numbers" in str(
        info.value
    )


def test_grid_cells_are_every_combination_ordered_by_name():
    document = json.loads((ROOT / "examples/sweeps/hubs-open-by-2027.json").read_text())
    document["parameters"]["open_early"]["values"] = ["5", "3"]
    document["parameters"]["delay_days"] = {"type": "grid", "values": ["0", "30", "60"]}
    spec = ScenarioSpec.from_json(json.dumps(document))
    assert [tuple(c.values()) for c in spec.cells()] == [
        (Decimal(d), Decimal(o)) for d in ("0", "30", "60") for o in ("5", "3")
    ]
    assert list(spec.cells()[0]) == ["delay_days", "open_early"]


def test_grids_may_not_combine_into_too_many_cells():
    values = [str(v) for v in range(1000)]
    document = json.loads(spec_json())
    document["model"] = json.loads((ROOT / "examples/sweeps/hubs-open-by-2027.json").read_text())[
        "model"
    ]
    document["model"]["pipeline"]["total"] = 1000
    document["parameters"] = {
        "open_early": {"type": "grid", "values": values},
        "delay_days": {"type": "grid", "values": values[:11]},
    }
    with pytest.raises(LimitExceededError, match="at most 10000"):
        ScenarioSpec.from_json(json.dumps(document))


def test_with_run_overrides_only_what_it_is_given():
    spec = ScenarioSpec.from_json(spec_json(samples=10, seed=3))
    assert (spec.with_run().samples, spec.with_run().seed) == (10, 3)
    assert (spec.with_run(samples=5).samples, spec.with_run(seed=9).seed) == (5, 9)
    with pytest.raises(ValidationError, match=r"^samples = -1: must be an int from 1 to "):
        spec.with_run(samples=-1)


def test_python_built_specs_check_their_types():
    spec = ScenarioSpec.from_json(spec_json())
    with pytest.raises(CreativeCityError) as info:
        ScenarioSpec("x", spec.model, {"growth": 0.1})
    assert info.value.field == "parameters.growth"
    assert "must be one of Fixed, Uniform" in info.value.rule
    with pytest.raises(CreativeCityError) as info:
        ScenarioSpec("x", "kpi_path", spec.parameters)  # type: ignore[arg-type]
    assert info.value.field == "model"
