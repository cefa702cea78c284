"""Running the pipeline on this machine: in the main process, or in N worker processes.

``workers=1`` runs the pipeline in the calling process (no pickling, no second model in memory). With more,
N processes are started with the ``spawn`` method (no inherited threads, locks or database connections;
each loads the spaCy model once, before it takes work) and fed chunks of inputs:

- streaming with a bound: at most ``2 * workers`` chunks are in flight; the parent reads the next inputs
  only when a chunk comes back, so memory stays flat however long the input stream is;
- outcomes come back as plain data and are yielded as they arrive (not in input order);
- a worker that dies (killed, out of memory, a crash in native code) is replaced. The inputs of its chunk
  that were not reported yet are sent again one by one; an input that kills a worker on its own is failed
  with the reason, and the run goes on.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.process
import queue
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from claimgraph.batch.pipeline import Analyze, DocumentPipeline, Outcome, PipelineOptions, WorkItem

_POLL_SECONDS = 0.5
_IDLE = -1


@dataclass(frozen=True, slots=True)
class PipelineFactory:
    """Builds the pipeline inside a worker: picklable (a model name or a picklable analyzer, a DB URL)."""

    analyze: Analyze
    options: PipelineOptions
    db_url: str | None = None     # asked whether a document is stored already (step 4); None: never

    def __call__(self) -> DocumentPipeline:
        exists: Callable[[str], bool] | None = None
        if self.db_url is not None:
            from claimgraph.store import document_exists

            engine = sa.create_engine(self.db_url)
            reachable = [True]

            def exists(document_id: str) -> bool:
                # Only an optimization (the parent's store is idempotent): a store this process cannot
                # reach means analyzing everything, not failing.
                if not reachable[0]:
                    return False
                try:
                    return document_exists(engine, document_id)
                except sa.exc.SQLAlchemyError:
                    reachable[0] = False
                    return False
        load = getattr(self.analyze, "load", None)
        if callable(load):
            load()
        return DocumentPipeline(self.analyze, self.options, exists=exists)


def chunked(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_local(items: Iterable[WorkItem], factory: PipelineFactory, *, workers: int = 1,
              chunk_size: int = 8) -> Iterator[Outcome]:
    """The outcome of every input, running ``factory``'s pipeline in ``workers`` processes."""
    if workers <= 1:
        yield from factory().run(items)
        return
    yield from _Pool(factory, workers, chunk_size).run(items)


def _work(index: int, factory: PipelineFactory, tasks: Any, results: Any, current: Any) -> None:
    """A worker process: build the pipeline (the model loads here, once), then take chunks until None."""
    pipeline = factory()
    results.put(("ready", index, None, None))
    while True:
        task = tasks.get()
        if task is None:
            return
        chunk_id, items = task
        current[index] = chunk_id
        for n, outcome in enumerate(pipeline.run(items)):
            results.put(("outcome", chunk_id, n, outcome))
        results.put(("done", chunk_id, None, None))
        current[index] = _IDLE


@dataclass(slots=True)
class _Chunk:
    items: list[WorkItem]
    reported: set[int]
    retry: bool = False       # already a lone input sent again after its worker died


class _Pool:
    def __init__(self, factory: PipelineFactory, workers: int, chunk_size: int) -> None:
        self.context = multiprocessing.get_context("spawn")
        self.factory = factory
        self.workers = workers
        self.chunk_size = chunk_size
        self.tasks: Any = self.context.Queue()
        self.results: Any = self.context.Queue()
        self.current: Any = self.context.Array("q", [_IDLE] * workers, lock=False)
        self.processes: list[multiprocessing.process.BaseProcess] = []
        self.inflight: dict[int, _Chunk] = {}
        self.next_id = 0

    def _start(self, index: int) -> multiprocessing.process.BaseProcess:
        process = self.context.Process(target=_work, name=f"claimgraph-worker-{index}", daemon=True,
                                       args=(index, self.factory, self.tasks, self.results, self.current))
        process.start()
        return process

    def _send(self, items: list[WorkItem], *, retry: bool = False) -> None:
        chunk_id = self.next_id
        self.next_id += 1
        self.inflight[chunk_id] = _Chunk(items, set(), retry)
        self.tasks.put((chunk_id, items))

    def run(self, items: Iterable[WorkItem]) -> Iterator[Outcome]:
        self.processes = [self._start(i) for i in range(self.workers)]
        try:
            for chunk in chunked(items, self.chunk_size):
                while len(self.inflight) >= 2 * self.workers:
                    yield from self._receive()
                self._send(chunk)
            while self.inflight:
                yield from self._receive()
        finally:
            self._stop()

    def _receive(self) -> Iterator[Outcome]:
        try:
            kind, chunk_id, n, outcome = self.results.get(timeout=_POLL_SECONDS)
        except queue.Empty:
            yield from self._replace_dead_workers()
            return
        chunk = self.inflight.get(chunk_id)
        if kind == "ready" or chunk is None:
            return
        if kind == "done":
            del self.inflight[chunk_id]
        elif n not in chunk.reported:
            chunk.reported.add(n)
            yield outcome

    def _replace_dead_workers(self) -> Iterator[Outcome]:
        for index, process in enumerate(self.processes):
            if process.is_alive():
                continue
            chunk_id = self.current[index]
            self.current[index] = _IDLE
            self.processes[index] = self._start(index)
            chunk = self.inflight.pop(chunk_id, None) if chunk_id != _IDLE else None
            if chunk is None:
                continue
            left = [item for n, item in enumerate(chunk.items) if n not in chunk.reported]
            if len(left) == 1 and (chunk.retry or len(chunk.items) == 1):
                yield Outcome(left[0].name, "failed", "worker",
                              f"the worker process died while analyzing it (exit code {process.exitcode})")
                continue
            for item in left:  # find the culprit: each input again, alone
                self._send([item], retry=True)

    def _stop(self) -> None:
        for _ in self.processes:
            self.tasks.put(None)
        for process in self.processes:
            process.join(timeout=10)
            if process.is_alive():
                process.kill()
                process.join()
        self.tasks.close()
        self.results.close()
