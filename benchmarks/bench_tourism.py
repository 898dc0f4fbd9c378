"""Tourism: every indicator over 10 years x 12 months x 200 segments."""

from __future__ import annotations

import gc
import random
import statistics
import time

from creative_city.money import get_currency
from creative_city.time import Period
from creative_city.tourism import (
    Measure,
    Observation,
    ObservationSet,
    PriceBasis,
    Segment,
    Universe,
    growth_table,
    indicator_table,
    seasonality_table,
)
from run import Row, best_of

YEARS = range(2015, 2025)
SEGMENTS = 200
COUNTRIES = [f"{a}{b}" for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for b in "ABCDEFGHIJ"]


def dataset() -> list[Observation]:
    rng = random.Random(2022)
    segments = [Segment.parse("domestic"), Segment.parse("total")] + [
        Segment(Segment.parse("foreign").residence, code) for code in COUNTRIES[: SEGMENTS - 2]
    ]
    universe = Universe.ACCOMMODATION
    kzt = get_currency("KZT").code
    observations: list[Observation] = []
    for year in YEARS:
        observations.append(
            Observation(
                Period.year(year),
                Segment.parse("total"),
                Universe.ADMINISTRATIVE,
                Measure.POPULATION,
                2_000_000 + 10_000 * (year - 2015),
            )
        )
        for month in range(1, 13):
            period = Period.month(year, month)
            for segment in segments:
                arrivals = rng.randint(0, 5_000)
                nights = arrivals * rng.randint(1, 4)
                beds = rng.randint(0, 3_000)
                rooms = beds // 2
                sold = rng.randint(0, rooms * period.days) if rooms else 0
                for measure, value in (
                    (Measure.ARRIVALS, arrivals),
                    (Measure.NIGHTS, nights),
                    (Measure.BED_PLACES, beds),
                    (Measure.BED_DAYS_AVAILABLE, beds * period.days - rng.randint(0, beds)),
                    (Measure.ROOMS_AVAILABLE, rooms * period.days),
                    (Measure.ROOMS_SOLD, sold),
                ):
                    observations.append(Observation(period, segment, universe, measure, value))
                observations.append(
                    Observation(
                        period,
                        segment,
                        universe,
                        Measure.REVENUE,
                        sold * rng.randint(15_000, 40_000),
                        kzt,
                        PriceBasis.NOMINAL,
                    )
                )
    return observations


def run() -> list[Row]:
    start = time.perf_counter()
    observations = dataset()
    built = time.perf_counter() - start
    start = time.perf_counter()
    indexed = ObservationSet(observations)
    index_seconds = time.perf_counter() - start
    groups = len(YEARS) * 12 * SEGMENTS

    def everything() -> tuple[object, ...]:
        return indicator_table(indexed), seasonality_table(indexed), growth_table(indexed)

    table = best_of(lambda: indicator_table(indexed), repeat=5)
    seasons = best_of(lambda: seasonality_table(indexed), repeat=5)
    growth = best_of(lambda: growth_table(indexed), repeat=5)
    runs: list[float] = []
    cpu = float("inf")
    for _ in range(10):
        begin, begin_cpu = time.perf_counter(), time.process_time()
        results = everything()
        runs.append(time.perf_counter() - begin)
        cpu = min(cpu, time.process_time() - begin_cpu)
        del results
    seconds = min(runs)
    # A new table holds 264,000 new Decimals in tuples: the collector's next young
    # generation pass visits each once (then unties the tuples). That pass falls inside
    # the figure above, when seasonality allocates.
    collector = float("inf")
    for _ in range(5):
        gc.collect()
        fresh = indicator_table(indexed)
        begin = time.perf_counter()
        gc.collect(0)
        collector = min(collector, time.perf_counter() - begin)
        del fresh
    return [
        Row(
            f"build {len(observations):,} validated observations",
            f"{built * 1e3:.0f} ms",
            "-",
            None,
        ),
        Row("index them once (ObservationSet)", f"{index_seconds * 1e3:.0f} ms", "-", None),
        Row(
            f"indicator table: {groups:,} rows x 11 indicators", f"{table * 1e3:.0f} ms", "-", None
        ),
        Row("seasonality: 2,000 year x segment series", f"{seasons * 1e3:.0f} ms", "-", None),
        Row("growth: CAGR + trend of 200 annual series", f"{growth * 1e3:.0f} ms", "-", None),
        Row(
            "all indicators (table + seasonality + growth), 10 y x 12 m x 200 segments",
            f"{seconds * 1e3:.0f} ms",
            "<= 200 ms",
            seconds <= 0.2,
        ),
        Row(
            "  the same: median of 10 runs; best CPU time of this process",
            f"{statistics.median(runs) * 1e3:.0f} ms; {cpu * 1e3:.0f} ms",
            "-",
            None,
        ),
        Row(
            "  of which the collector's first pass over a new table",
            f"{collector * 1e3:.0f} ms",
            "-",
            None,
        ),
    ]
