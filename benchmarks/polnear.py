"""Reading PolNeAR (Political News Attribution Relations, networkdynamics/PolNeAR) from a checkout or a bare
git directory, without ever touching its test split.

Layout: ``data/{train,dev,test}/text/NAME.txt`` and ``data/{split}/attributions/NAME_ANNOTATOR.ann`` in brat
standoff. The ``.ann`` lines are (tab-separated):

    T1	Source 110 112	we
    T2	Cue 113 119	mocked
    T3	Content 120 211;215 240	the presidential ambitions ...      (Content may be discontinuous)
    T4	Attribution 113 119	mocked                               (event trigger; or Attribution-no-source)
    E1	Attribution:T4 Content:T3 Cue:T2 Source:T1                   (arguments in any order;
                                                                   a second content is Content2:T9)
    T50	Discard 4208 4247	...                                  (also Discuss: notes, ignored)
    #1	AnnotatorNotes T66	...                                  (ignored)

A span text holding a newline continues on the next physical line; such continuation lines are skipped
(offsets index the ``.txt``, whose text is what counts). Articles annotated by several annotators have one
file each; the first by file name is used.

The corpus has no license: nothing read here may be committed. Only train and dev may be read; the test
split is reserved for one final evaluation and this module refuses it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from benchmarks.scoring import Attribution, Fragment
from claimgraph.errors import ConfigError
from claimgraph.train.corpus import CorpusFiles

SPLITS: tuple[str, ...] = ("train", "dev")  # "test" is deliberately absent

_TEXTBOUND = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t")
_EVENT = re.compile(r"^(E\d+)\t(\S+)")
_ANNOTATOR_SUFFIX = re.compile(r"_[0-9a-f]{4}\.ann$")


@dataclass(frozen=True, slots=True)
class Article:
    name: str  # file stem, e.g. "breitbart_2016-09-12_stealth-over-health-hillary-clin"
    annotator: str
    text: str
    attributions: tuple[Attribution, ...]
    skipped: int = 0  # attributions without any content fragment (unusable for matching)
    offset_mismatches: int = 0  # text-bound spans whose .ann text does not match the .txt at its offsets


class PolnearError(Exception):
    """The path is not PolNeAR, or a split that may not be read was asked for."""


def _check_split(split: str) -> None:
    if split not in SPLITS:
        raise PolnearError(f"split {split!r} is not available here; use one of {SPLITS} "
                           "(the test split is reserved and never read by the benchmarks)")


class _Store(CorpusFiles):
    """Files of the corpus (claimgraph.train.corpus.CorpusFiles), with the benchmark's error type."""

    def __init__(self, path: Path) -> None:
        try:
            super().__init__(path)
        except ConfigError as error:
            raise PolnearError(str(error)) from None


def parse_ann(ann: str, text: str) -> tuple[list[Attribution], int, int]:
    """Attributions of one .ann file; also how many were skipped (no content) and offset mismatches."""
    spans: dict[str, tuple[str, tuple[Fragment, ...]]] = {}
    mismatches = 0
    events: list[tuple[str, str]] = []
    for line in ann.splitlines():
        if m := _TEXTBOUND.match(line):
            fragments = tuple((int(a), int(b)) for a, b in
                              (part.split() for part in m.group(3).split(";")))
            spans[m.group(1)] = (m.group(2), fragments)
            # brat joins discontinuous fragments with a space; continuation lines hold the rest of the text
            annotated = line.split("\t", 2)[2]
            expected = " ".join(text[a:b] for a, b in fragments)
            if not expected.startswith(annotated) and not annotated.startswith(expected.split("\n")[0]):
                mismatches += 1
        elif m := _EVENT.match(line):
            events.append((m.group(1), line.split("\t", 1)[1]))
    attributions: list[Attribution] = []
    skipped = 0
    for event_id, arguments in events:
        roles: dict[str, list[Fragment]] = {"Source": [], "Cue": [], "Content": []}
        for argument in arguments.split()[1:]:  # the first is the trigger, Attribution[-no-source]:T4
            role, _, target = argument.partition(":")
            role = role.rstrip("0123456789")  # Content2 -> Content
            if role in roles and target in spans:
                roles[role].extend(spans[target][1])
        if not roles["Content"]:
            skipped += 1
            continue
        attributions.append(Attribution(source=tuple(sorted(roles["Source"])),
                                        cue=tuple(sorted(roles["Cue"])),
                                        content=tuple(sorted(roles["Content"])), id=event_id))
    return attributions, skipped, mismatches


def _annotation_files(store: _Store, ann_folder: str) -> dict[str, list[str]]:
    """The .ann files of each article stem, sorted by name (one per annotator)."""
    files: dict[str, list[str]] = {}
    for ann_name in sorted(store.list(ann_folder)):
        stem = _ANNOTATOR_SUFFIX.sub("", ann_name)
        if stem != ann_name:
            files.setdefault(stem, []).append(ann_name)
    return files


def read_split(path: Path, split: str, *, limit: int | None = None) -> Iterator[Article]:
    """The articles of a split in file-name order, one annotator each (the first .ann file by name)."""
    _check_split(split)
    store = _Store(path)
    text_folder, ann_folder = f"data/{split}/text", f"data/{split}/attributions"
    first_ann = {stem: names[0] for stem, names in _annotation_files(store, ann_folder).items()}
    texts = [name for name in store.list(text_folder) if name.endswith(".txt")]
    if not texts:
        raise PolnearError(f"no texts under {path}/{text_folder}")
    count = 0
    for text_name in texts:
        stem = text_name[: -len(".txt")]
        if stem not in first_ann:
            continue
        if limit is not None and count >= limit:
            return
        count += 1
        yield _article(store, ann_folder, stem, first_ann[stem], store.read(f"{text_folder}/{text_name}"))


def read_annotators(path: Path, split: str) -> Iterator[list[Article]]:
    """Every article of a split that several annotators annotated: one ``Article`` per annotator, in file-name
    order (PolNeAR had 16 train articles annotated by five or six annotators each, and 2 dev articles)."""
    _check_split(split)
    store = _Store(path)
    text_folder, ann_folder = f"data/{split}/text", f"data/{split}/attributions"
    for stem, names in sorted(_annotation_files(store, ann_folder).items()):
        if len(names) < 2:
            continue
        text = store.read(f"{text_folder}/{stem}.txt")
        yield [_article(store, ann_folder, stem, ann_name, text) for ann_name in names]


def _article(store: _Store, ann_folder: str, stem: str, ann_name: str, text: str) -> Article:
    """The article `stem` as one annotator (the file `ann_name`) annotated it."""
    attributions, skipped, mismatches = parse_ann(store.read(f"{ann_folder}/{ann_name}"), text)
    return Article(name=stem, annotator=ann_name[len(stem) + 1: -len(".ann")], text=text,
                   attributions=tuple(attributions), skipped=skipped, offset_mismatches=mismatches)


def corpus_revision(path: Path) -> str | None:
    """The corpus's git commit, to pin results to the data they were computed on."""
    return _Store(path).revision()
