"""Choice sequences: a document is its list of choices, replayed exactly and shrunk."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from creative_city.conformance.cases import CASES, Replay, Seeded, draw_input
from creative_city.conformance.cases.choices import Choices, Shrinker, _index, _value


def seeded(seed: int) -> Seeded:
    return Seeded(random.Random(seed))  # noqa: S311 - test data, not a secret


BOUNDS = st.tuples(st.integers(-(10**6), 10**6), st.integers(0, 10**6)).map(
    lambda pair: (pair[0], pair[0] + pair[1])
)


@given(BOUNDS, st.data())
def test_an_index_names_one_value_of_the_range(bounds, data):
    low, high = bounds
    index = data.draw(st.integers(0, high - low))
    value = _value(index, low, high)
    assert low <= value <= high
    assert _index(value, low, high) == index


@pytest.mark.parametrize(
    ("low", "high", "simplest"),
    [(-3, 3, [0, 1, -1, 2, -2, 3, -3]), (-1, 3, [0, 1, -1, 2, 3]), (2, 5, [2, 3, 4, 5])],
)
def test_the_simplest_values_come_first(low, high, simplest):
    assert [_value(index, low, high) for index in range(high - low + 1)] == simplest


@given(BOUNDS, st.integers(0, 2**32))
def test_seeded_values_stay_in_range(bounds, seed):
    source = seeded(seed)
    assert all(bounds[0] <= source.integer(*bounds) <= bounds[1] for _ in range(20))


def test_wide_ranges_reach_their_bounds_and_small_values():
    source = seeded(0)
    values = [source.integer(-(10**15), 10**15) for _ in range(400)]
    assert {-(10**15), 10**15, 0} <= set(values)
    assert sum(abs(value) < 10**6 for value in values) >= 50


@pytest.mark.parametrize("operation", sorted(CASES))
def test_a_replay_rebuilds_the_document(operation):
    for seed in range(10):
        source = seeded(seed)
        document = draw_input(operation, source)
        replay = Replay(source.made)
        assert draw_input(operation, replay) == document
        assert replay.made == source.made


def test_the_same_seed_gives_the_same_document():
    first, second = (draw_input("crowdfunding.settle", seeded(99)) for _ in range(2))
    assert first == second


def test_past_its_end_or_out_of_range_a_replay_takes_the_simplest():
    replay = Replay([7, 50])
    assert (replay.integer(-10, 10), replay.integer(0, 3), replay.integer(5, 9)) == (4, 0, 5)
    assert list(Replay([1, 1, 0]).repeat(0, 5)) == [0, 1]


def numbers(source: Choices) -> list[int]:
    return [source.integer(-1000, 1000) for _ in source.repeat(0, 8)]


def shrunk(seed: int, fails) -> list[int]:
    source = seeded(seed)
    assert fails(numbers(source))

    def attempt(indexes):
        replay = Replay(indexes)
        return replay.made if fails(numbers(replay)) else None

    shrinker = Shrinker(source.made, attempt)
    shrinker.run()
    return numbers(Replay(shrinker.best))


def first_failing(fails) -> int:
    return next(s for s in range(1000) if fails(numbers(seeded(s))))


@pytest.mark.parametrize(
    ("fails", "smallest"),
    [
        (lambda xs: any(x < -500 for x in xs), [-501]),
        (lambda xs: len(xs) >= 3, [0, 0, 0]),
        # Two elements that must stay equal are lowered together.
        (lambda xs: any(xs.count(x) > 1 and x > 100 for x in xs), [101, 101]),
    ],
)
def test_the_shrinker_finds_the_simplest_failing_list(fails, smallest):
    assert shrunk(first_failing(fails), fails) == smallest


def test_a_sum_is_shrunk_to_as_few_elements_each_as_low_as_it_can_be():
    # No pass moves an amount from one element to another: each element is as low
    # as it can be with the others as they are.
    def fails(xs):
        return sum(xs) > 1000

    result = shrunk(first_failing(fails), fails)
    assert len(result) == 2
    assert sum(result) == 1001


def test_the_shrinker_asks_each_candidate_once():
    asked = []

    def attempt(indexes):
        asked.append(tuple(indexes))
        replay = Replay(indexes)
        return replay.made if sum(numbers(replay)) > 50 else None

    source = seeded(first_failing(lambda xs: sum(xs) > 50))
    numbers(source)
    Shrinker(source.made, attempt).run()
    assert asked
    assert len(asked) == len(set(asked))
