"""Datasets of published figures: the built-in one, merging yours, and precedence.

A :class:`Dataset` is a JSON document of published figures
(:class:`~creative_city.programme.published.Figure`), the universes they count in, the
date up to which they were looked for, and, as before, your own hubs, measurements
and milestones. The library ships one, :func:`builtin_dataset`: the figures published
about Almaty's programme from 2022 to early 2026, read from ``observations.json`` in
the package.

Precedence, when figures say the same thing: two figures of the same place, measure,
universe, period (and target, for measurements) are the same fact; the one
published later wins, and the other is kept as superseded. The same publication date
for both is an error, and so are two dates that cannot be ordered (``2024`` and
``2024-05-01``). Figures of different universes are never the same fact: when they
disagree about the same period, the report shows both, marked as conflicting.

>>> data = builtin_dataset()
>>> data.as_of, len(data.figures)
(datetime.date(2026, 2, 6), 16)
"""

from __future__ import annotations

import datetime as _dt
import functools
import importlib.resources
from collections.abc import Iterable

import attrs

from creative_city.errors import ValidationError
from creative_city.hubs.rollout import PlannedHub
from creative_city.programme.model import Measurement, MilestoneReport, Observations
from creative_city.programme.published import Figure, Universe, Use
from creative_city.serialization import from_json

__all__ = ["Dataset", "builtin_dataset"]


def _later(first: Figure, second: Figure) -> Figure | None:
    """Return the figure published later, or None when the dates are equal or unordered."""
    a, b = first.source.published_range, second.source.published_range
    if a is None or b is None:
        return None
    if a[0] > b[1]:
        return first
    if b[0] > a[1]:
        return second
    return None


def _resolve(
    figures: Iterable[Figure],
) -> tuple[tuple[Figure, ...], tuple[tuple[Figure, Figure], ...]]:
    """Split *figures* into those in force and (superseded, by) pairs."""
    current: dict[tuple[object, ...], Figure] = {}
    superseded: list[tuple[Figure, Figure]] = []
    order: list[Figure] = []
    for figure in figures:
        key = figure.key
        if figure.use is Use.REVISION:
            key = (*key, figure.source.published)
        held = current.get(key)
        if held is None:
            current[key] = figure
            order.append(figure)
            continue
        winner = None if figure.use is Use.REVISION else _later(held, figure)
        if winner is None:
            rule = (
                "is published the same day as figure "
                if held.source.published == figure.source.published
                else "cannot be ordered by publication date against figure "
            )
            raise ValidationError(
                f"figures[{figure.id}].source.published",
                figure.source.published,
                rule + f"{held.id!r} about the same target, place, measure, universe and "
                "period (give the exact day, or drop one)",
            )
        loser = held if winner is figure else figure
        superseded.append((loser, winner))
        current[key] = winner
        order[order.index(held)] = winner
    return tuple(order), tuple(superseded)


@attrs.frozen
class Dataset:
    """Published figures with their sources, and your own observations.

    The JSON form is the ``--observations`` file of ``creative-city report``.

    Attributes:
        figures: The published figures.
        universes: The universes the figures count in (each figure's must be here).
        as_of: The date up to which the figures were looked for: a target with no
            figure is reported as "no published figure found as of" this date.
        hubs: Hubs opened or planned (as in :class:`Observations`).
        measurements: Measured values of KPI targets, without a source document.
        milestones: Milestones delivered.
    """

    figures: tuple[Figure, ...] = ()
    universes: tuple[Universe, ...] = ()
    as_of: _dt.date | None = None
    hubs: tuple[PlannedHub, ...] = ()
    measurements: tuple[Measurement, ...] = ()
    milestones: tuple[MilestoneReport, ...] = ()

    def __attrs_post_init__(self) -> None:
        ids: set[str] = set()
        for figure in self.figures:
            if figure.id in ids:
                raise ValidationError("figures", figure.id, "figure ids are unique")
            ids.add(figure.id)
        names = [u.id for u in self.universes]
        for index, name in enumerate(names):
            if name in names[:index]:
                raise ValidationError(f"universes[{index}].id", name, "universe ids are unique")
        for figure in self.figures:
            span = figure.source.published_range
            if self.as_of is not None and span is not None and span[0] > self.as_of:
                raise ValidationError(
                    f"figures[{figure.id}].source.published",
                    figure.source.published,
                    f"is after the dataset's as_of {self.as_of.isoformat()}",
                )
        _resolve(self.figures)  # same-day duplicates are an error at once

    def check_references(self) -> Dataset:
        """Return this dataset after checking that its figures' references resolve.

        Every figure's universe must be declared and every ``share_of`` must name a
        figure. (A file of your own may use the built-in universes, so this is checked
        once the datasets are merged.)

        Raises:
            ValidationError: Naming the figure and the reference that does not resolve.
        """
        names = {u.id for u in self.universes}
        ids = {f.id for f in self.figures}
        for figure in self.figures:
            if figure.universe not in names:
                raise ValidationError(
                    f"figures[{figure.id}].universe", figure.universe, "is not a declared universe"
                )
            if figure.share_of is not None and figure.share_of not in ids:
                raise ValidationError(
                    f"figures[{figure.id}].share_of", figure.share_of, "names no figure"
                )
        return self

    def figure(self, figure_id: str) -> Figure:
        """Return the figure called *figure_id*.

        Raises:
            ValidationError: If there is none.
        """
        for figure in self.figures:
            if figure.id == figure_id:
                return figure
        raise ValidationError("figure", figure_id, "is not a figure of this dataset")

    def universe(self, universe_id: str) -> Universe:
        """Return the universe called *universe_id*.

        Raises:
            ValidationError: If there is none.
        """
        for universe in self.universes:
            if universe.id == universe_id:
                return universe
        raise ValidationError("universe", universe_id, "is not a universe of this dataset")

    def merged(self, other: Dataset) -> Dataset:
        """Return this dataset with *other*'s figures and observations added.

        Universes with the same id must be the same; figure ids must differ. The later
        ``as_of`` of the two holds. Precedence between figures is applied by
        :meth:`current`; a same-day clash is an error here.

        Raises:
            ValidationError: On a clash of ids, universes or publication days.
        """
        universes = list(self.universes)
        for universe in other.universes:
            mine = next((u for u in universes if u.id == universe.id), None)
            if mine is None:
                universes.append(universe)
            elif mine != universe:
                raise ValidationError(
                    f"universes[{universe.id}]", universe.name, "differs from the one already given"
                )
        dates = [d for d in (self.as_of, other.as_of) if d is not None]
        return Dataset(
            (*self.figures, *other.figures),
            tuple(universes),
            max(dates) if dates else None,
            (*self.hubs, *other.hubs),
            (*self.measurements, *other.measurements),
            (*self.milestones, *other.milestones),
        )

    def current(
        self, as_of: _dt.date
    ) -> tuple[tuple[Figure, ...], tuple[tuple[Figure, Figure], ...]]:
        """Return the figures in force on *as_of*, and the (superseded, by) pairs.

        Only figures known to be published by *as_of* count; of two figures about the
        same fact, the later publication wins.
        """
        return _resolve(f for f in self.figures if f.published_by(as_of))

    def observations(self, as_of: _dt.date) -> Observations:
        """Return the observations for the status logic: yours, and measurement figures."""
        figures, _ = self.current(as_of)
        measured = tuple(
            Measurement(f.target, f.period.last, f.value, f.source.short)
            for f in figures
            if f.use is Use.MEASUREMENT
            and f.target is not None
            and f.period is not None
            and f.value is not None
        )
        return Observations(self.hubs, (*self.measurements, *measured), self.milestones)

    def to_records(self) -> list[dict[str, object]]:
        """Return one plain dict per figure (ready for a DataFrame, no pandas needed).

        ``value`` is the exact Decimal (``None`` for figures that are not numbers);
        ``approximate`` says whether it is rounded or a lower bound.
        """
        return [
            {
                "id": f.id,
                "about": f.about,
                "place": f.place,
                "measure": f.measure,
                "universe": f.universe,
                "period": None if f.period is None else str(f.period),
                "period_start": None if f.period is None else f.period.start,
                "period_end": None if f.period is None else f.period.last,
                "compared_with": None if f.compared_with is None else str(f.compared_with),
                "share_of": f.share_of,
                "text": f.text,
                "shown": f.shown,
                "value": f.value,
                "unit": f.unit,
                "approximate": f.approximate,
                "precision": f.precision.value,
                "kind": f.kind.value,
                "use": f.use.value,
                "target": f.target,
                "publisher": f.source.publisher,
                "title": f.source.title,
                "published": f.source.published,
                "citation": f.source.short,
                "address": f.source.address,
            }
            for f in self.figures
        ]


@functools.cache
def builtin_dataset() -> Dataset:
    """Return the built-in dataset: figures published on Almaty's programme, 2022-2026.

    It ships in the package as ``observations.json`` and is read through
    :class:`Dataset`, so a bad entry fails to load (and fails the test suite).
    """
    text = (
        importlib.resources.files("creative_city.programme")
        .joinpath("observations.json")
        .read_text(encoding="utf-8")
    )
    return from_json(text, Dataset).check_references()
