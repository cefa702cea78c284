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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any, cast

import sqlalchemy as sa

from claimgraph.batch.pipeline import Analyze, DocumentPipeline, Outcome, PipelineOptions, WorkItem

_POLL_SECONDS = 0.5


@dataclass(frozen=True, slots=True)
class PipelineFactory:
    """Builds the pipeline inside a worker: picklable (a model name or a picklable analyzer, a DB URL)."""

    analyze: Analyze
    options: PipelineOptions
    db_url: str | None = None  # asked whether a document is stored already (step 4); None: never
    # ... or asked directly, in this process (an open engine's query: not picklable, so ``workers=1`` only)
    exists: Callable[[str], bool] | None = None

    def __call__(self) -> DocumentPipeline:
        exists = self.exists
        if exists is None and self.db_url is not None:
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

        pipeline = DocumentPipeline(self.analyze, self.options, exists=exists)
        load = getattr(self.analyze, "load", None)
        if callable(load):  # the real analyzer (tests' stand-ins have nothing to load)
            load()
            pipeline.warm_up()
        return pipeline


def chunked(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_local(
    items: Iterable[WorkItem],
    factory: PipelineFactory,
    *,
    workers: int = 1,
    chunk_size: int = 2,
    on_ready: Callable[[], None] | None = None,
) -> Iterator[Outcome]:
    """The outcome of every input, running ``factory``'s pipeline in ``workers`` processes.

    ``on_ready`` is called once every worker has its model loaded, before the first input is read (the
    throughput a run reports is timed from there).
    """
    if workers <= 1:
        pipeline = factory()
        if on_ready is not None:
            on_ready()
        yield from pipeline.run(items)
        return
    yield from _Pool(factory, workers, chunk_size).run(items, on_ready)


def _work(factory: PipelineFactory, tasks: Any, results: Any) -> None:
    """A worker process: build the pipeline (the model loads here, once), then take chunks until None."""
    pipeline = factory()
    results.send(("ready", -1, None, None))
    while True:
        task = tasks.get()
        if task is None:
            results.close()
            return
        chunk_id, items = task
        for n, outcome in enumerate(pipeline.run(items)):
            results.send(("outcome", chunk_id, n, outcome))
        results.send(("done", chunk_id, None, None))


@dataclass(slots=True)
class _Chunk:
    items: list[WorkItem]
    reported: set[int] = field(default_factory=set)
    retry: bool = False  # a lone input sent again after its worker died


@dataclass(slots=True)
class _Worker:
    process: multiprocessing.process.BaseProcess
    tasks: Any  # a Queue of its own: put never blocks the parent
    results: Any  # the read end of a pipe only this worker writes
    chunks: list[int] = field(default_factory=list)  # ids sent to it, oldest (the one it is on) first


class _Pool:
    """Worker processes, each with its own task queue and result pipe.

    Nothing is shared between workers, so one that dies mid-write corrupts nothing the others use; and since
    the parent closes its copy of each pipe's write end, a worker's death reads as end-of-file, never as a
    wait for the rest of a message.
    """

    def __init__(self, factory: PipelineFactory, workers: int, chunk_size: int) -> None:
        self.context = multiprocessing.get_context("spawn")
        self.factory = factory
        self.size = workers
        self.chunk_size = chunk_size
        self.workers: list[_Worker] = []
        self.inflight: dict[int, _Chunk] = {}
        self.next_id = 0
        self.pending_retries: list[int] = []

    def _start(self) -> _Worker:
        reader, writer = self.context.Pipe(duplex=False)
        tasks = self.context.Queue()
        process = self.context.Process(
            target=_work, name="claimgraph-worker", daemon=True, args=(self.factory, tasks, writer)
        )
        process.start()
        writer.close()
        return _Worker(process, tasks, reader)

    def _send(self, items: list[WorkItem], *, retry: bool = False) -> None:
        chunk_id = self.next_id
        self.next_id += 1
        self.inflight[chunk_id] = _Chunk(items, retry=retry)
        self._assign(chunk_id)

    def _assign(self, chunk_id: int) -> None:
        worker = min(self.workers, key=lambda w: len(w.chunks))
        worker.chunks.append(chunk_id)
        worker.tasks.put((chunk_id, self.inflight[chunk_id].items))

    def run(self, items: Iterable[WorkItem], on_ready: Callable[[], None] | None = None) -> Iterator[Outcome]:
        self.workers = [self._start() for _ in range(self.size)]
        try:
            waiting = {id(w.results) for w in self.workers}
            while waiting:
                ready = cast(
                    "list[Connection]", wait([w.results for w in self.workers if id(w.results) in waiting])
                )
                for connection in ready:
                    try:
                        connection.recv()
                    except (EOFError, OSError):
                        raise RuntimeError("a worker process could not start (see its error above)") from None
                    waiting.discard(id(connection))
            if on_ready is not None:
                on_ready()
            for chunk in chunked(items, self.chunk_size):
                while len(self.inflight) >= 2 * self.size:
                    yield from self._receive()
                self._send(chunk)
            while self.inflight:
                yield from self._receive()
        finally:
            self._stop()

    def _receive(self) -> Iterator[Outcome]:
        ready = cast("list[Connection]", wait([w.results for w in self.workers], timeout=_POLL_SECONDS))
        for connection in ready:
            worker = next(w for w in self.workers if w.results is connection)
            try:
                kind, chunk_id, n, outcome = connection.recv()
            except (EOFError, OSError):
                yield from self._replace(worker)
                continue
            chunk = self.inflight.get(chunk_id)
            if chunk is None:
                continue
            if kind == "ready":
                continue
            if kind == "done":
                del self.inflight[chunk_id]
                if chunk_id in worker.chunks:
                    worker.chunks.remove(chunk_id)
            elif n not in chunk.reported:
                chunk.reported.add(n)
                yield outcome

    def _replace(self, dead: _Worker) -> Iterator[Outcome]:
        dead.process.join(timeout=5)
        dead.results.close()
        dead.tasks.cancel_join_thread()
        self.workers[self.workers.index(dead)] = self._start()
        for position, chunk_id in enumerate(dead.chunks):
            chunk = self.inflight.get(chunk_id)
            if chunk is None:
                continue
            if position > 0:  # not started yet: innocent, sent again as it is
                self._assign(chunk_id)
                continue
            del self.inflight[chunk_id]
            left = [item for n, item in enumerate(chunk.items) if n not in chunk.reported]
            if len(left) == 1 and (chunk.retry or len(chunk.items) == 1):
                yield Outcome(
                    left[0].name,
                    "failed",
                    "worker",
                    f"the worker process died while analyzing it (exit code {dead.process.exitcode})",
                )
                continue
            for item in left:  # find the culprit: each input again, alone
                self._send([item], retry=True)

    def _stop(self) -> None:
        for worker in self.workers:
            worker.tasks.put(None)
        for worker in self.workers:
            worker.process.join(timeout=10)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.results.close()
            worker.tasks.close()
