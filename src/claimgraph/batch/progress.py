"""The progress bar of ``claimgraph ingest``: documents done, documents/s, ok / failed / skipped, and an ETA.

Shown on standard error only when it is a terminal and ``--quiet`` is not given. The total (for the ETA) is
counted beforehand only when that is cheap and streaming: files in directories, lines of JSONL files and
URL lists; with WARC files, feeds or URL arguments it is unknown and the bar shows the rate alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from claimgraph.batch.pipeline import Outcome
from claimgraph.ingest.corpus import JSONL_SUFFIX, is_url_list, walk_corpus
from claimgraph.ingest.feeds import is_feed_file
from claimgraph.ingest.fetch import is_url
from claimgraph.ingest.warc import is_warc


def count_inputs(paths: Iterable[str], url_lists: Iterable[str] = ()) -> int | None:
    """How many inputs ``paths`` hold, when it can be counted without parsing; else None."""
    total = 0
    files: list[Path] = []
    for name in paths:
        if is_url(name):
            return None
        path = Path(name)
        files.extend(walk_corpus(path) if path.is_dir() else [path])
        for file in files:
            lowered = str(file).lower()
            if is_warc(lowered) or is_feed_file(lowered):
                return None
            total += _lines(file) if lowered.endswith(JSONL_SUFFIX) or is_url_list(str(file)) else 1
        files.clear()
    for name in url_lists:
        total += _lines(Path(name))
    return total


def _lines(path: Path) -> int:
    try:
        with path.open("rb") as handle:
            return sum(1 for line in handle if line.strip() and not line.startswith(b"#"))
    except OSError:
        return 1


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} docs/s" if speed else "", style="progress.data.speed")


class IngestProgress:
    """A context manager; :meth:`advance` after each stored outcome."""

    def __init__(self, *, enabled: bool, total: int | None = None, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self.enabled = enabled and self.console.is_terminal
        self.counts = {"ok": 0, "failed": 0, "skipped": 0}
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        self._total = total

    def __enter__(self) -> IngestProgress:
        if self.enabled:
            self._progress = Progress(
                TextColumn("ingest"),
                BarColumn(),
                TextColumn("{task.completed}/{task.total}" if self._total else "{task.completed}"),
                _RateColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=self.console,
                transient=False,
            )
            self._progress.__enter__()
            self._task = self._progress.add_task(self._describe(), total=self._total)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if self._progress is not None:
            self._progress.__exit__(kind, value, traceback)

    def _describe(self) -> str:
        return f"ok {self.counts['ok']} · failed {self.counts['failed']} · skipped {self.counts['skipped']}"

    def advance(self, outcome: Outcome) -> None:
        key = "ok" if outcome.status in ("analyzed", "unchanged") else outcome.status
        self.counts[key] = self.counts.get(key, 0) + 1
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, advance=1, description=self._describe())
