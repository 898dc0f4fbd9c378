"""Per-sample random streams: the same numbers for a sample wherever it runs.

A sweep's randomness is a pure function of four things: the seed, the sample's index
within its grid cell, the parameter's name and how many numbers that parameter has
already drawn for the sample. Nothing depends on the process, the worker, the chunk or
the order in which samples run, so the same spec and seed give the same answer on one
core, a process pool or a Dask cluster.

The generator is BLAKE2b (RFC 7693) in counter mode, from the standard library:

* the stream's key is ``BLAKE2b("seed:index:name")`` (32 bytes, personalised
  ``cc-scenarios-v1`` so no other use of BLAKE2b collides with it);
* block ``j`` is ``BLAKE2b(j as 8 little-endian bytes, key=key)``, 64 bytes read as
  eight unsigned 64-bit words, used in order.

Grid cells share their sample indexes, so sample 17 of every cell sees the same
numbers (common random numbers): differences between cells come from the grid, not
from sampling noise.

>>> a = Stream(2022, 17, "growth")
>>> b = Stream(2022, 17, "growth")
>>> [a.word() for _ in range(3)] == [b.word() for _ in range(3)]
True
>>> 0 < Stream(2022, 17, "growth").uniform() < 1
True
"""

from __future__ import annotations

import hashlib
import struct
from typing import Final

__all__ = ["MAX_SEED", "Stream"]

MAX_SEED: Final = 2**64 - 1
"""The largest seed (seeds are integers from 0 to 2**64 - 1)."""

_PERSON: Final = b"cc-scenarios-v1"
_WORDS: Final = struct.Struct("<8Q")
_COUNTER: Final = struct.Struct("<Q")
_HALF_ULP: Final = 2.0**-53


class Stream:
    """The random numbers of one parameter for one sample.

    Args:
        seed: The sweep's seed, 0 to :data:`MAX_SEED`.
        index: The sample's index within its grid cell (>= 0).
        name: The parameter's name.
    """

    __slots__ = ("_block", "_key", "_next", "_words")

    def __init__(self, seed: int, index: int, name: str) -> None:
        self._key = hashlib.blake2b(
            f"{seed}:{index}:{name}".encode(), digest_size=32, person=_PERSON
        ).digest()
        self._block = 0
        self._words: tuple[int, ...] = ()
        self._next = 0

    def word(self) -> int:
        """Return the next unsigned 64-bit word of the stream."""
        if self._next == len(self._words):
            digest = hashlib.blake2b(_COUNTER.pack(self._block), key=self._key).digest()
            self._words = _WORDS.unpack(digest)
            self._block += 1
            self._next = 0
        word = self._words[self._next]
        self._next += 1
        return word

    def uniform(self) -> float:
        """Return a number in the open interval (0, 1), from the next word.

        The top 52 bits ``m`` of the word give ``(2m + 1) / 2**53``: exact in binary
        floating point, never 0 or 1, the same on every platform.
        """
        return float(2 * (self.word() >> 12) + 1) * _HALF_ULP

    def below(self, count: int) -> int:
        """Return an integer from 0 to ``count - 1``, from the next word.

        ``(word * count) >> 64``: every value is equally likely to within
        ``count / 2**64``.
        """
        return (self.word() * count) >> 64
