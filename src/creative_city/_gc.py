"""Pausing the cyclic garbage collector during bulk work (private).

Building hundreds of thousands of small objects (shares of an allocation, ledger
entries, table cells) triggers the cyclic collector again and again, and each run
rescans every live object: on large inputs that can double or triple the cost. The
objects built in these paths hold no reference cycles, so nothing is lost by pausing
the collector while they are built; reference counting still frees memory at once.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["gc_paused"]


@contextlib.contextmanager
def gc_paused(size: int, threshold: int = 50_000) -> Iterator[None]:
    """Pause the cyclic collector while the block runs, if *size* >= *threshold*.

    Does nothing when the collector is already off (the caller's choice stands), and
    always restores it, even when the block raises.

    >>> import gc
    >>> with gc_paused(10**6):
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    if size < threshold or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
