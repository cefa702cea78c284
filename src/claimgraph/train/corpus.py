"""Reading a brat standoff corpus in PolNeAR's layout for training, from a checkout or a bare git directory.

Layout: ``data/{split}/text/NAME.txt`` and ``data/{split}/attributions/NAME_ANNOTATOR.ann`` (``Source``,
``Cue``, ``Content`` text-bound spans, possibly discontinuous, linked by ``Attribution`` events). Articles
with several annotators' files: the first by name is used. Only ``train`` and ``dev`` are ever read: the test
split is held out for an independent check, and this module refuses it.

(``benchmarks/polnear.py`` is the benchmarks' reader of the same files; this one ships with the package,
which cannot import the benchmarks.)
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from claimgraph.errors import ConfigError

SPLITS: tuple[str, ...] = ("train", "dev")  # "test" is deliberately absent

Fragment = tuple[int, int]
_TEXTBOUND = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t")
_EVENT = re.compile(r"^(E\d+)\t(\S+)")
_ANNOTATOR_SUFFIX = re.compile(r"_[0-9a-f]{4}\.ann$|\.ann$")


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    source: tuple[Fragment, ...]
    cue: tuple[Fragment, ...]
    content: tuple[Fragment, ...]


@dataclass(frozen=True, slots=True)
class Article:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


def parse_ann(ann: str) -> list[GoldAttribution]:
    """The attributions of one ``.ann`` file (those without content are skipped)."""
    spans: dict[str, tuple[Fragment, ...]] = {}
    events: list[str] = []
    for line in ann.splitlines():
        if m := _TEXTBOUND.match(line):
            spans[m.group(1)] = tuple(
                (int(a), int(b)) for a, b in (part.split() for part in m.group(3).split(";"))
            )
        elif _EVENT.match(line):
            events.append(line.split("\t", 1)[1])
    out = []
    for arguments in events:
        roles: dict[str, list[Fragment]] = {"Source": [], "Cue": [], "Content": []}
        for argument in arguments.split()[1:]:
            role, _, target = argument.partition(":")
            role = role.rstrip("0123456789")
            if role in roles and target in spans:
                roles[role].extend(spans[target])
        if roles["Content"]:
            out.append(
                GoldAttribution(
                    tuple(sorted(roles["Source"])),
                    tuple(sorted(roles["Cue"])),
                    tuple(sorted(roles["Content"])),
                )
            )
    return out


class CorpusFiles:
    """Files of a brat corpus, from a working tree or from a bare git directory (read at HEAD).
    The PolNeAR benchmark reads through this class too."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if (path / "data").is_dir():
            self.bare = False
        elif (path / "HEAD").is_file() and (path / "objects").is_dir():
            self.bare = True
        else:
            raise ConfigError(f"{path}: neither a corpus checkout (no data/) nor a bare git directory")

    def list(self, folder: str) -> list[str]:
        if not self.bare:
            directory = self.path / folder
            return sorted(p.name for p in directory.iterdir()) if directory.is_dir() else []
        out = subprocess.run(
            ["git", "-C", str(self.path), "ls-tree", "--name-only", f"HEAD:{folder}"],
            capture_output=True,
            text=True,
            check=False,
        )
        return sorted(out.stdout.split()) if out.returncode == 0 else []

    def read(self, path: str) -> str:
        if not self.bare:
            return (self.path / path).read_text(encoding="utf-8")
        out = subprocess.run(
            ["git", "-C", str(self.path), "show", f"HEAD:{path}"], capture_output=True, check=True
        )
        return out.stdout.decode("utf-8")

    def revision(self) -> str | None:
        out = subprocess.run(
            ["git", "-C", str(self.path), "rev-parse", "HEAD"], capture_output=True, text=True, check=False
        )
        return out.stdout.strip() if out.returncode == 0 else None


def read_split(path: Path, split: str, *, limit: int | None = None) -> Iterator[Article]:
    """The annotated articles of `split` (``train`` or ``dev``) in file-name order."""
    if split not in SPLITS:
        raise ConfigError(f"split {split!r} is never read (use one of {SPLITS}; the test split is held out)")
    store = CorpusFiles(Path(path))
    text_folder, ann_folder = f"data/{split}/text", f"data/{split}/attributions"
    first_ann: dict[str, str] = {}
    for ann_name in store.list(ann_folder):
        if ann_name.endswith(".ann"):
            first_ann.setdefault(_ANNOTATOR_SUFFIX.sub("", ann_name), ann_name)
    count = 0
    for text_name in store.list(text_folder):
        stem = text_name[: -len(".txt")]
        if not text_name.endswith(".txt") or stem not in first_ann:
            continue
        if limit is not None and count >= limit:
            return
        count += 1
        text = store.read(f"{text_folder}/{text_name}")
        yield Article(stem, text, tuple(parse_ann(store.read(f"{ann_folder}/{first_ann[stem]}"))))
