"""Running a sweep: chunks of samples, on any engine, merged as they finish.

:func:`sweep` splits the sweep's samples (every cell's, one after the other) into
chunks of consecutive samples, runs each chunk with :func:`run_chunk` and merges the
chunk's tallies into the cells' as soon as it finishes. The engine decides where chunks
run:

* ``None``: here, one chunk after the other;
* ``workers=N``: a :class:`concurrent.futures.ProcessPoolExecutor` of *N* fresh
  processes (forkserver, or spawn), made and shut down by the call;
* any :class:`concurrent.futures.Executor` (process or thread pool, or an executor
  from another library);
* a ``dask.distributed.Client``, or a scheduler's address (``"tcp://host:8786"``) to
  connect to for the call (``pip install 'creative-city[dask]'``); every worker needs
  creative-city installed.

A chunk receives the spec as its canonical JSON text and two sample numbers, and
returns small tallies, so little travels between processes. At most
:data:`MAX_PENDING` chunks are submitted ahead, so the scheduler is never flooded and
memory stays flat. Each sample draws from its own streams of ``(seed, sample index,
parameter)`` and tallies merge in any order, so the answer is the same bytes whatever
the engine, the number of workers or the chunk size.
"""

from __future__ import annotations

import concurrent.futures
import functools
import importlib
import multiprocessing
import multiprocessing.context
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Final

from creative_city.errors import CreativeCityError, InvalidTypeError, ValidationError
from creative_city.scenarios.draws import Draws
from creative_city.scenarios.result import SweepResult, summarize
from creative_city.scenarios.spec import ScenarioSpec
from creative_city.scenarios.tally import Tally

__all__ = ["MAX_PENDING", "Progress", "default_chunk_size", "run_chunk", "sweep"]

MAX_PENDING: Final = 64
"""The most chunks submitted to an engine and not yet merged."""

_MIN_CHUNK: Final = 50
_MAX_CHUNK: Final = 10_000
_CHUNKS: Final = 64

Progress = Callable[[int, int], None]
"""A callback ``progress(done, total)`` called after each chunk is merged (samples)."""


def default_chunk_size(total: int) -> int:
    """Return the chunk size used for *total* samples: about 64 chunks, 50 to 10,000 each.

    >>> default_chunk_size(1_000), default_chunk_size(1_000_000), default_chunk_size(10**8)
    (50, 10000, 10000)
    """
    return max(_MIN_CHUNK, min(_MAX_CHUNK, -(-total // _CHUNKS)))


class _Runner:
    """A spec ready to run: its cells, layout and parameters, built once per process."""

    def __init__(self, spec: ScenarioSpec) -> None:
        self.spec = spec
        self.cells = spec.cells()
        self.layout = spec.model.layout()

    def run(self, start: int, stop: int) -> dict[int, Tally]:
        """Run samples *start* to *stop* - 1 (numbered across cells) into tallies."""
        spec, layout = self.spec, self.layout
        tallies: dict[int, Tally] = {}
        number = start
        while number < stop:
            cell, first = divmod(number, spec.samples)
            last = min(stop - number, spec.samples - first) + first
            tally = tallies[cell] = Tally(len(layout.events), len(layout.slots))
            grid = self.cells[cell]
            for index in range(first, last):
                draws = Draws(spec.parameters, grid, spec.seed, index)
                try:
                    outcome = spec.model.evaluate(draws)
                except CreativeCityError as error:
                    where = f"sample {index} of cell {cell} {grid or ''}".rstrip()
                    raise type(error)(f"{where}: {error.field}", error.value, error.rule) from None
                tally.add(outcome)
            number += last - first
        return tallies


@functools.lru_cache(maxsize=4)
def _runner(spec_json: str) -> _Runner:
    return _Runner(ScenarioSpec.from_json(spec_json))


def run_chunk(spec_json: str, start: int, stop: int) -> dict[int, Tally]:
    """Run samples *start* to *stop* - 1 of the spec given as JSON; return tallies by cell.

    This is the function engines run remotely: it needs only the package installed.
    The parsed spec is kept for the next chunk of the same spec.
    """
    return _runner(spec_json).run(start, stop)


def sweep(
    spec: ScenarioSpec,
    *,
    samples: int | None = None,
    seed: int | None = None,
    engine: object = None,
    workers: int | None = None,
    chunk_size: int | None = None,
    progress: Progress | None = None,
) -> SweepResult:
    """Run *spec*'s sweep and return its result.

    Args:
        spec: The scenario.
        samples: Samples per cell (default: the spec's).
        seed: The seed (default: the spec's).
        engine: Where chunks run: ``None`` (here), a ``concurrent.futures.Executor``,
            a ``dask.distributed.Client`` or a Dask scheduler address.
        workers: Instead of *engine*, run on a pool of this many processes (1: here).
        chunk_size: Samples per chunk (default :func:`default_chunk_size`); it never
            changes the answer.
        progress: Called with ``(samples done, total)`` after each chunk.

    Raises:
        CreativeCityError: A bad argument, or a model's error in a sample (its field
            names the sample and cell).
        ModuleNotFoundError: A Dask engine without the ``dask`` extra installed.
    """
    if not isinstance(spec, ScenarioSpec):
        raise InvalidTypeError("spec", spec, "must be a ScenarioSpec")
    run = spec.with_run(samples=samples, seed=seed)
    cells = len(run.cells())
    total = cells * run.samples
    size = default_chunk_size(total) if chunk_size is None else chunk_size
    if type(size) is not int or size < 1:
        raise ValidationError("chunk_size", size, "must be an int >= 1")
    chunks = [(start, min(start + size, total)) for start in range(0, total, size)]
    layout = run.model.layout()
    tallies = [Tally(len(layout.events), len(layout.slots)) for _ in range(cells)]
    done = 0
    for part in _dispatch(run, chunks, engine, workers):
        for cell, tally in part.items():
            tallies[cell].merge(tally)
            done += tally.samples
        if progress is not None:
            progress(done, total)
    return summarize(run, layout, tallies)


def _dispatch(
    spec: ScenarioSpec, chunks: Sequence[tuple[int, int]], engine: object, workers: int | None
) -> Iterator[dict[int, Tally]]:
    if workers is not None:
        if engine is not None:
            raise ValidationError("workers", workers, "give workers or an engine, not both")
        if type(workers) is not int or workers < 1:
            raise ValidationError("workers", workers, "must be an int >= 1")
        if workers > 1:
            with concurrent.futures.ProcessPoolExecutor(workers, mp_context=_context()) as pool:
                yield from _on_executor(pool, spec, chunks)
            return
    if engine is None or workers == 1:
        runner = _Runner(spec)
        for start, stop in chunks:
            yield runner.run(start, stop)
    elif isinstance(engine, concurrent.futures.Executor):
        yield from _on_executor(engine, spec, chunks)
    elif isinstance(engine, str):
        distributed = _distributed()
        with distributed.Client(engine, set_as_default=False) as client:
            yield from _on_dask(client, spec, chunks)
    elif _is_dask_client(engine):
        yield from _on_dask(engine, spec, chunks)
    else:
        raise InvalidTypeError(
            "engine",
            engine,
            "must be None, a concurrent.futures.Executor, a dask.distributed Client "
            "or a scheduler address",
        )


def _context() -> multiprocessing.context.BaseContext:
    """Return the start method for fresh workers: forkserver where there is one, else spawn.

    Never a bare fork of a process that may run threads (a Dask client's, a test runner's).
    """
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _on_executor(
    executor: concurrent.futures.Executor,
    spec: ScenarioSpec,
    chunks: Sequence[tuple[int, int]],
) -> Iterator[dict[int, Tally]]:
    text = spec.to_json()
    waiting = iter(chunks)
    pending: set[concurrent.futures.Future[dict[int, Tally]]] = set()
    try:
        for start, stop in _take(waiting, MAX_PENDING):
            pending.add(executor.submit(run_chunk, text, start, stop))
        while pending:
            finished, pending = concurrent.futures.wait(
                pending, return_when=concurrent.futures.FIRST_COMPLETED
            )
            for future in finished:
                yield future.result()
            for start, stop in _take(waiting, len(finished)):
                pending.add(executor.submit(run_chunk, text, start, stop))
    finally:
        for future in pending:
            future.cancel()


def _on_dask(
    client: Any,  # noqa: ANN401 - dask is optional, so its client is untyped here
    spec: ScenarioSpec,
    chunks: Sequence[tuple[int, int]],
) -> Iterator[dict[int, Tally]]:
    distributed = _distributed()
    # A key of its own (hash=False): another sweep of the same spec may be releasing its copy.
    text = client.scatter(spec.to_json(), broadcast=True, hash=False)
    waiting = iter(chunks)
    submitted = [
        client.submit(run_chunk, text, start, stop, pure=False)
        for start, stop in _take(waiting, MAX_PENDING)
    ]
    queue = distributed.as_completed(submitted, loop=client.loop)
    outstanding = set(submitted)
    try:
        for future in queue:
            outstanding.discard(future)
            part = future.result()
            future.release()
            yield part
            for start, stop in _take(waiting, 1):
                follow = client.submit(run_chunk, text, start, stop, pure=False)
                outstanding.add(follow)
                queue.add(follow)
    finally:
        if outstanding:
            client.cancel(list(outstanding))
        text.release()


def _take(chunks: Iterator[tuple[int, int]], count: int) -> list[tuple[int, int]]:
    taken: list[tuple[int, int]] = []
    if count < 1:
        return taken
    for chunk in chunks:
        taken.append(chunk)
        if len(taken) == count:
            break
    return taken


def _distributed() -> Any:  # noqa: ANN401 - the optional module
    try:
        return importlib.import_module("distributed")
    except ModuleNotFoundError as error:
        message = "a Dask engine needs dask.distributed: pip install 'creative-city[dask]'"
        raise ModuleNotFoundError(message, name=error.name) from None


def _is_dask_client(engine: object) -> bool:
    distributed = sys.modules.get("distributed")
    return distributed is not None and isinstance(engine, distributed.Client)
