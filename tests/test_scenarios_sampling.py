"""Sampling: per-sample streams, the parameter forms, and sweeps against closed forms.

Statistical checks compare an estimate with its closed form within four standard
errors of the estimate (a false alarm about once in 16,000 runs; the seeds are fixed,
so a run that passes always passes).
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from creative_city.errors import ValidationError
from creative_city.scenarios import (
    Draws,
    Empirical,
    Fixed,
    Grid,
    KpiPath,
    Lognormal,
    Normal,
    ScenarioSpec,
    Stream,
    Triangular,
    Uniform,
    sweep,
)
from creative_city.scenarios.distributions import _normal_quantile

N = 4000


def draws_of(form, count=N, name="x"):
    return [form.sample(Stream(11, index, name)) for index in range(count)]


def test_a_stream_is_a_pure_function_of_seed_index_and_name():
    words = [Stream(1, 2, "growth").word() for _ in range(2)]
    assert words[0] == words[1]
    stream = Stream(1, 2, "growth")
    first_twenty = [stream.word() for _ in range(20)]  # crosses a 64-byte block
    assert len(set(first_twenty)) == 20
    others = {Stream(1, 3, "growth").word(), Stream(2, 2, "growth").word()}
    others.add(Stream(1, 2, "bow").word())
    assert first_twenty[0] not in others


def test_stream_words_are_pinned():
    # The streams are part of the output format: these words must never change.
    assert Stream(0, 0, "growth").word() == 0x3F131116DF3A9311


@given(st.integers(1, 2**40), st.integers(0, 10**6))
def test_below_and_uniform_stay_in_range(count, index):
    stream = Stream(5, index, "x")
    assert 0 <= stream.below(count) < count
    assert 0 < stream.uniform() < 1


def test_the_normal_quantile_agrees_with_the_standard_library():
    reference = statistics.NormalDist()
    for p in (1e-300, 1e-12, 0.001, 0.02, 0.0751, 0.3, 0.5, 0.7, 0.97, 1 - 2**-53):
        assert _normal_quantile(p) == pytest.approx(reference.inv_cdf(p), rel=1e-14, abs=1e-15)


def test_uniform_gives_every_value_of_its_precision_equally_often():
    counts = Counter(draws_of(Uniform(low=-2, high=2, places=0)))
    assert sorted(counts) == [Decimal(v) for v in range(-2, 3)]
    expected = N / 5
    sd = math.sqrt(N * 0.2 * 0.8)
    assert all(abs(c - expected) <= 4 * sd for c in counts.values())


def test_fixed_values_use_no_randomness():
    assert Fixed("0.13").sample(Stream(0, 0, "x")) == Decimal("0.13")


def test_normal_mean_and_sd_within_sampling_error():
    values = [float(v) for v in draws_of(Normal(mean=1, sd="0.5", low=-2, high=4, places=4))]
    assert abs(statistics.fmean(values) - 1) <= 4 * 0.5 / math.sqrt(N)
    assert statistics.stdev(values) == pytest.approx(0.5, rel=4 / math.sqrt(2 * N))


def test_a_truncated_normal_stays_in_its_bounds_and_rounds_to_its_places():
    form = Normal(mean=0, sd=1, low="-0.5", high="1.25", places=2)
    values = draws_of(form, 1000)
    assert min(values) >= Decimal("-0.5")
    assert max(values) <= Decimal("1.25")
    assert all(v == v.quantize(Decimal("0.01")) for v in values)


def test_lognormal_quantiles_match_the_closed_form():
    mu, sigma = 0.2, 0.6
    form = Lognormal(mu=Decimal("0.2"), sigma=Decimal("0.6"), low=0, high=200, places=6)
    values = sorted(float(v) for v in draws_of(form))
    for q in (0.05, 0.5, 0.95):
        z = statistics.NormalDist().inv_cdf(q)
        exact = math.exp(mu + sigma * z)
        # Standard error of a sample quantile: sqrt(q(1-q)/n) / density at the quantile.
        density = statistics.NormalDist().pdf(z) / (sigma * exact)
        error = math.sqrt(q * (1 - q) / N) / density
        estimate = values[math.ceil(q * N) - 1]
        assert abs(estimate - exact) <= 4 * error, (q, estimate, exact, error)


def test_lognormal_shift_makes_a_growth_rate_above_minus_one():
    form = Lognormal(mu="0.05", sigma="0.1", low="-0.5", high="1", places=4, shift=-1)
    values = draws_of(form, 500)
    assert all(Decimal("-0.5") <= v <= 1 for v in values)


def test_triangular_mean_within_sampling_error():
    low, mode, high = 1.5, 2.5, 4.0
    values = [float(v) for v in draws_of(Triangular(low="1.5", mode="2.5", high=4, places=4))]
    mean = (low + mode + high) / 3
    sd = math.sqrt((low**2 + mode**2 + high**2 - low * mode - low * high - mode * high) / 18)
    assert abs(statistics.fmean(values) - mean) <= 4 * sd / math.sqrt(N)
    assert min(values) >= low
    assert max(values) <= high


def test_empirical_draws_each_observation_equally_often():
    values = ["0.18", "0.07", "-0.12", "0.21"]
    counts = Counter(draws_of(Empirical(values)))
    assert set(counts) == {Decimal(v) for v in values}
    sd = math.sqrt(N * 0.25 * 0.75)
    assert all(abs(c - N / 4) <= 4 * sd for c in counts.values())


def test_grids_are_not_sampled():
    with pytest.raises(Exception, match="grid values come from the cell"):
        Grid(["1", "2"]).sample(Stream(0, 0, "x"))
    with pytest.raises(ValidationError, match="must all differ"):
        Grid(["1", "1.0"])


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: Uniform(low=1, high=1, places=0), "high"),
        (lambda: Uniform(low=0.5, high=1, places=1), "low"),
        (lambda: Normal(mean=0, sd=0, low=-1, high=1, places=1), "sd"),
        (lambda: Lognormal(mu=0, sigma=1, low=-1, high=1, places=1), "low"),
        (lambda: Lognormal(mu=0, sigma=11, low=0, high=1, places=1), "sigma"),
        (lambda: Triangular(low=0, mode=2, high=1, places=1), "mode"),
        (lambda: Uniform(low=0, high=1, places=13), "places"),
        (lambda: Empirical([]), "values"),
        (lambda: Fixed("NaN"), "value"),
    ],
)
def test_forms_validate_their_fields(build, field):
    with pytest.raises(ValidationError) as info:
        build()
    assert info.value.field == field


def test_draws_read_successive_numbers_of_each_parameter_stream():
    forms = {"a": Uniform(low=0, high=10**9, places=0), "b": Uniform(low=0, high=10**9, places=0)}
    draws = Draws(forms, {}, 3, 9)
    a1, b1, a2 = draws.value("a"), draws.value("b"), draws.value("a")
    alone = Draws({"a": forms["a"]}, {}, 3, 9)
    assert (alone.value("a"), alone.value("a")) == (a1, a2)  # b never shifts a's draws
    assert b1 != a1
    assert Draws(forms, {"a": Decimal(7)}, 3, 9).value("a") == 7  # a cell's grid value wins


# -- a whole sweep against closed forms -------------------------------------------------------

MU, SIGMA, YEARS, BASE, TARGET = 0.08, 0.12, 5, 100.0, 150.0
KPI_N = 2500  # a KPI sample costs about a millisecond (the library judges each path)


def lognormal_growth_spec(samples: int) -> ScenarioSpec:
    """A KPI compounding five years of growth with a lognormal multiple 1 + g."""
    return ScenarioSpec(
        name="lognormal growth",
        model=KpiPath(
            "measure",
            "units",
            Decimal(BASE),
            2020,
            Decimal(TARGET),
            2020 + YEARS,
            resolution="0.01",
        ),
        parameters={
            # Bounds at about 6 sigma: the truncation is far below the sampling error.
            "growth": Lognormal(mu="0.08", sigma="0.12", low="-0.6", high="2", places=6, shift=-1)
        },
        samples=samples,
        seed=20240601,
    )


def test_kpi_path_quantiles_and_probability_match_lognormal_closed_forms():
    # V = BASE x prod(1 + g_t) = BASE x exp(sum of YEARS normals): lognormal with
    # log-mean YEARS x MU and log-sd sqrt(YEARS) x SIGMA.
    result = sweep(lognormal_growth_spec(KPI_N))
    cell = result.cells[0]
    log_mean, log_sd = YEARS * MU, math.sqrt(YEARS) * SIGMA
    final = cell.fan("value")[-1]
    assert final.year == 2025
    for q, estimate in ((0.05, final.p5), (0.5, final.p50), (0.95, final.p95)):
        z = statistics.NormalDist().inv_cdf(q)
        exact = BASE * math.exp(log_mean + log_sd * z)
        density = statistics.NormalDist().pdf(z) / (log_sd * exact)
        error = math.sqrt(q * (1 - q) / KPI_N) / density + 0.005  # + half the resolution
        assert abs(float(estimate) - exact) <= 4 * error, (q, estimate, exact)
    z_target = (math.log(TARGET / BASE) - log_mean) / log_sd
    p = 1 - statistics.NormalDist().cdf(z_target)
    estimate = cell.events[0]
    assert estimate.name == "target met by 2025"
    assert abs(float(estimate.probability) - p) <= 4 * math.sqrt(p * (1 - p) / KPI_N)
    assert float(estimate.standard_error) == pytest.approx(math.sqrt(p * (1 - p) / KPI_N), rel=0.05)
