"""Relinking the corpus in the background after an article is pasted.

Linking runs over the whole stored corpus (docs/scale.md, "Linking") and takes longer as the corpus grows
(about two minutes at 10,000 news articles on a 2-core machine): a paste that waited for it would hold the
browser that long. So a paste stores the article's analysis, answers at once, and asks this class for a
relink; the relink runs in a thread of its own, one at a time. A paste during a run asks for one more run
after it, so the graph ends up linking every stored article; pastes made during one run share the next.
The article's own page (its attributions, sources, times) is complete at once; its claims, the corpus
entities and the timeline follow when the relink is done, which every page says while one is pending.

The relink reads the records and links them without holding the paste lock; only replacing the graph (one
transaction) holds it, so that a paste is never refused for a database busy with the graph. A relink that
fails keeps the previous graph (the transaction rolls back), says why in :meth:`BackgroundLinker.status`
and in the log, and the next paste tries again. If the server stops during a run, the stored articles are
kept and ``claimgraph link`` links them.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import sqlalchemy as sa

from claimgraph.store import Linker
from claimgraph.store.writes import load_overrides, load_records, replace_graph

log = logging.getLogger(__name__)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class BackgroundLinker:
    """Runs relinks of ``engine``'s corpus in a background thread, one at a time, when asked.

    ``link`` gives the linker when the first run needs it (loading it may take a moment); ``write_lock``
    is held while the new graph replaces the old one.
    """

    def __init__(
        self, engine: sa.Engine, link: Callable[[], Linker], write_lock: AbstractContextManager[Any]
    ) -> None:
        self.engine = engine
        self.link = link
        self.write_lock = write_lock
        self._condition = threading.Condition()
        self._wanted = False
        self._running = False
        self._thread: threading.Thread | None = None
        self._requested_at: str | None = None
        self._started_at: str | None = None
        self._finished_at: str | None = None
        self._seconds: float | None = None
        self._claims: int | None = None
        self._error: str | None = None

    def request(self) -> None:
        """Ask for a relink: now, or after the one running (requests while one waits are one request)."""
        with self._condition:
            if not self._wanted:
                self._requested_at = _now()
            self._wanted = True
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="claimgraph-relink", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            with self._condition:
                if not self._wanted:
                    self._running = False
                    self._thread = None
                    self._condition.notify_all()
                    return
                self._wanted = False
                self._running = True
                self._started_at = _now()
            started = time.perf_counter()
            error = None
            claims = None
            try:
                link = self.link()
                graph = link(load_records(self.engine), overrides=load_overrides(self.engine))
                with self.write_lock:
                    replace_graph(self.engine, graph)
                claims = len(graph.claims)
            except Exception as err:  # a failed relink keeps the old graph; the next request retries
                error = f"{type(err).__name__}: {err}"
                log.exception("relinking the corpus failed; the previous claim graph is kept")
            with self._condition:
                self._seconds = time.perf_counter() - started
                self._finished_at = _now()
                self._error = error
                if claims is not None:
                    self._claims = claims

    def status(self) -> dict[str, Any]:
        """``state`` (``idle``, ``pending``: asked for and not started, or ``linking``), when the pending
        request was made and the running relink started, and the last run's end, ``seconds``, ``claims``
        and ``error`` (null when it succeeded)."""
        with self._condition:
            state = "linking" if self._running else "pending" if self._wanted else "idle"
            return {
                "state": state,
                "requested_at": self._requested_at if self._wanted else None,
                "started_at": self._started_at if self._running else None,
                "last": {
                    "finished_at": self._finished_at,
                    "seconds": round(self._seconds, 3) if self._seconds is not None else None,
                    "claims": self._claims,
                    "error": self._error,
                },
            }

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until no relink is running or asked for; False when `timeout` seconds passed first."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._condition:
            while self._wanted or self._running:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._condition.wait(remaining)
            return True
