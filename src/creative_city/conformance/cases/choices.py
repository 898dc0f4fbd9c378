"""Choice sequences: every decision a case makes, drawn from a seed, replayed or shrunk.

A case (:mod:`~creative_city.conformance.cases.base`) builds one input document from a
:class:`Choices` source, asking it for each decision: an integer in a range, one of
a few options, whether a list goes on. The source records each decision as an index,
0 for the simplest (the integer nearest zero, the first option, the end of a list),
so that a document is known by its list of indexes:

* :class:`Seeded` decides with ``random.Random(seed)``, biased towards the bounds,
  zero and small numbers as hypothesis is, without an engine's per-draw bookkeeping
  (the fuzzer draws each request from a seed of its own);
* :class:`Replay` decides from a list of indexes (past its end, or where an index is
  out of range, the simplest): it rebuilds a document, or a simpler variant of it;
* :class:`Drawn` asks hypothesis (the cases as hypothesis strategies).

:class:`Shrinker` makes a failing list of indexes smaller (shorter first, then lower
index by index, as hypothesis orders its choice sequences) while it keeps failing.

>>> def numbers(source):
...     return [source.integer(0, 1000) for _ in source.repeat(1, 5)]
>>> seeded = Seeded(random.Random(0))
>>> numbers(seeded)
[41, 988, 414, 991]
>>> seeded.made  # each number, then whether the list goes on (1) or ends (0)
[41, 1, 988, 1, 414, 1, 991, 0]
>>> numbers(Replay(seeded.made))
[41, 988, 414, 991]
>>> def attempt(indexes):  # fails when the sum is over 100
...     replay = Replay(indexes)
...     return replay.made if sum(numbers(replay)) > 100 else None
>>> shrinker = Shrinker(seeded.made, attempt)
>>> shrinker.run()
>>> numbers(Replay(shrinker.best))
[101]
"""

from __future__ import annotations

import datetime as _dt
import random
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Final, TypeVar

if TYPE_CHECKING:
    from hypothesis.strategies import DrawFn

__all__ = ["Choices", "Drawn", "Replay", "Seeded", "Shrinker"]

T = TypeVar("T")

_SMALL: Final = 32
"""Ranges up to this size are drawn uniformly."""

_FEW: Final = 4
"""The shrinker tries the simplest few indexes of a choice one by one before bisecting."""


def _index(value: int, low: int, high: int) -> int:
    # The position of *value* among low..high ordered from the simplest: 0, 1, -1,
    # 2, -2, ... when the range holds 0, else from the bound nearest zero.
    if low > 0:
        return value - low
    if high < 0:
        return high - value
    shorter = min(-low, high)
    if abs(value) <= shorter:
        return 2 * value - 1 if value > 0 else -2 * value
    return shorter + abs(value)


def _value(index: int, low: int, high: int) -> int:
    # The inverse of _index.
    if low > 0:
        return low + index
    if high < 0:
        return high - index
    shorter = min(-low, high)
    if index <= 2 * shorter:
        return (index + 1) // 2 if index % 2 else -(index // 2)
    return index - shorter if high > -low else shorter - index


class Choices:
    """A source of decisions; :attr:`made` records each one as an index (0 the simplest).

    Attributes:
        made: The indexes of the decisions made so far.
    """

    def __init__(self) -> None:
        self.made: list[int] = []

    def _choose(self, low: int, high: int) -> int:
        raise NotImplementedError

    def _length(self, min_size: int, max_size: int) -> int | None:
        # The length of a list decided at once, or None to decide element by element.
        del min_size, max_size
        return None

    def integer(self, low: int, high: int) -> int:
        """Return an integer from *low* to *high*, both included."""
        value = self._choose(low, high)
        self.made.append(_index(value, low, high))
        return value

    def boolean(self) -> bool:
        """Return true or false (false is the simpler)."""
        return self.integer(0, 1) == 1

    def pick(self, options: Sequence[T]) -> T:
        """Return one of *options* (the first is the simplest)."""
        return options[self.integer(0, len(options) - 1)]

    def repeat(self, min_size: int, max_size: int) -> Iterator[int]:
        """Yield 0, 1, ... once per element of a list of *min_size* to *max_size* elements.

        Each element beyond *min_size* is preceded by a decision to go on, so that
        deleting an element's decisions (that one and the element's own) deletes it.
        """
        length = self._length(min_size, max_size)
        for count in range(max_size):
            if count >= min_size:
                if length is None:
                    if not self.boolean():
                        return
                else:
                    self.made.append(int(count < length))
                    if count >= length:
                        return
            yield count

    def decimal(self, low: Decimal | int | str, high: Decimal | int | str, places: int) -> Decimal:
        """Return a decimal from *low* to *high* with exactly *places* decimals."""
        scale = Decimal(1).scaleb(places)
        least = int((Decimal(low) * scale).to_integral_value(rounding="ROUND_CEILING"))
        most = int((Decimal(high) * scale).to_integral_value(rounding="ROUND_FLOOR"))
        return Decimal(self.integer(least, most)).scaleb(-places)

    def date(self, low: _dt.date, high: _dt.date) -> _dt.date:
        """Return a day from *low* to *high* (*low* is the simplest)."""
        return low + _dt.timedelta(days=self.integer(0, (high - low).days))


class Seeded(Choices):
    """Decisions from a seeded random generator: the same seed, the same decisions.

    Small ranges are drawn uniformly; in a wide one, one draw in eight is a bound, zero
    or a neighbour of one, three in eight are near the simplest value (a magnitude
    of 1 to 2**k for a random k), and the rest uniform. A list's length is uniform.

    Args:
        generator: The generator (``random.Random(seed)``).
    """

    def __init__(self, generator: random.Random) -> None:
        super().__init__()
        self._random = generator

    def _choose(self, low: int, high: int) -> int:
        generator = self._random
        size = high - low + 1
        if size <= _SMALL:
            return low + generator.randrange(size)
        roll = generator.randrange(8)
        if roll == 0:
            special = [low, low + 1, high - 1, high, *(n for n in (-1, 0, 1) if low <= n <= high)]
            return special[generator.randrange(len(special))]
        if roll <= 3:
            magnitude = generator.getrandbits(1 + generator.randrange(size.bit_length()))
            if low > 0:
                return min(high, low + magnitude)
            if high < 0:
                return max(low, high - magnitude)
            return max(low, min(high, -magnitude if generator.randrange(2) else magnitude))
        return low + generator.randrange(size)

    def _length(self, min_size: int, max_size: int) -> int:
        return min_size + self._random.randrange(max_size - min_size + 1)


class Replay(Choices):
    """Decisions replayed from a list of indexes (past its end or out of range: the simplest).

    Args:
        indexes: The indexes to replay.
    """

    def __init__(self, indexes: Sequence[int]) -> None:
        super().__init__()
        self._indexes = indexes

    def _choose(self, low: int, high: int) -> int:
        position = len(self.made)
        index = self._indexes[position] if position < len(self._indexes) else 0
        return _value(index if index <= high - low else 0, low, high)


class Drawn(Choices):
    """Decisions drawn by hypothesis, inside ``st.composite`` (it shrinks them itself).

    Args:
        draw: The ``draw`` function of a composite strategy.
    """

    def __init__(self, draw: DrawFn) -> None:
        super().__init__()
        from hypothesis import strategies as st  # noqa: PLC0415 - only this source needs it

        self._draw = draw
        self._integers = st.integers

    def _choose(self, low: int, high: int) -> int:
        return self._draw(self._integers(low, high))


def _key(indexes: Sequence[int]) -> tuple[int, tuple[int, ...]]:
    # Shorter is simpler; of the same length, the lower indexes first.
    return len(indexes), tuple(indexes)


class Shrinker:
    """Makes a failing list of indexes smaller while it still fails.

    Passes, repeated until none helps: delete runs of 8, 4, 2 and 1 indexes (from the
    end); set runs of 8, 4 and 2 to the simplest; lower each index (to one of the
    simplest few, else by halves, then by bisection); lower equal indexes together
    (two list elements that must stay equal). Each attempt is asked of *attempt*, at
    most once per list of indexes.

    Args:
        indexes: A list of indexes whose document fails.
        attempt: Rebuilds the document of a list of indexes and tries it: returns
            the indexes its rebuilding used when it fails, else ``None``. It may
            raise to end the shrinking (:attr:`best` holds the smallest so far).

    Attributes:
        best: The smallest failing list of indexes found so far.
    """

    def __init__(
        self, indexes: Sequence[int], attempt: Callable[[list[int]], list[int] | None]
    ) -> None:
        self.best = list(indexes)
        self._attempt = attempt
        self._tried: set[tuple[int, ...]] = set()

    def _try(self, candidate: list[int]) -> bool:
        # Whether *candidate* fails and is smaller than the best (which it replaces).
        if _key(candidate) >= _key(self.best) or tuple(candidate) in self._tried:
            return False
        self._tried.add(tuple(candidate))
        used = self._attempt(candidate)
        if used is None or _key(used) >= _key(self.best):
            return False
        self.best = used
        return True

    def run(self) -> None:
        """Shrink until no pass makes the failing list smaller."""
        while True:
            before = _key(self.best)
            for size in (8, 4, 2, 1):
                self._delete(size)
            for size in (8, 4, 2):
                self._simplify(size)
            for position in range(len(self.best)):
                self._lower(position)
            self._lower_equal()
            if _key(self.best) == before:
                return

    def _delete(self, size: int) -> None:
        position = len(self.best) - size
        while position >= 0:
            best = self.best
            self._try(best[:position] + best[position + size :])
            position = min(position - 1, len(self.best) - size)

    def _simplify(self, size: int) -> None:
        position = len(self.best) - size
        while position >= 0:
            best = self.best
            if any(best[position : position + size]):
                self._try([*best[:position], *[0] * size, *best[position + size :]])
            position = min(position - 1, len(self.best) - size)

    def _with(self, positions: Sequence[int], index: int) -> bool:
        candidate = list(self.best)
        for position in positions:
            candidate[position] = index
        return self._try(candidate)

    def _current(self, positions: Sequence[int]) -> int:
        # The index at *positions* (0 once the list has become shorter than that).
        return self.best[positions[0]] if max(positions) < len(self.best) else 0

    def _bisect(self, positions: Sequence[int]) -> None:
        # Lower the indexes at *positions* (all equal) to the least that still fails:
        # the simplest few first (where a condition such as "odd" holds), then halves
        # while they fail, then bisection between the last that did not and one that did.
        for index in range(min(self._current(positions), _FEW)):
            if self._with(positions, index):
                return
        while (half := self._current(positions) // 2) >= _FEW and self._with(positions, half):
            pass
        low, high = _FEW - 1, self._current(positions)
        while high - low > 1 and max(positions) < len(self.best):
            middle = (low + high) // 2
            if self._with(positions, middle):
                high = middle
            else:
                low = middle

    def _lower(self, position: int) -> None:
        if position < len(self.best):
            self._bisect([position])

    def _lower_equal(self) -> None:
        groups: dict[int, list[int]] = {}
        for position, index in enumerate(self.best):
            if index:
                groups.setdefault(index, []).append(position)
        for positions in groups.values():
            if len(positions) < 2 or max(positions) >= len(self.best):
                continue  # one alone, or gone with an earlier group's lowering
            if len({self.best[position] for position in positions}) == 1:
                self._bisect(positions)
