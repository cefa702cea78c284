"""Shared fixtures: the spaCy pipeline is loaded once per test session (model-dependent tests are marked)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from claimgraph.nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def analyzer():  # type: ignore[no-untyped-def]
    from claimgraph.analyze import Analyzer

    return Analyzer()


def story_jsonl(path: Path) -> str:
    """The story's articles as claimgraph JSONL, with their outlets, dates and titles."""
    lines = []
    for line in (DATA / "story" / "metadata.jsonl").read_text(encoding="utf-8").splitlines():
        meta = json.loads(line)
        lines.append(
            json.dumps(
                {
                    "text": (DATA / "story" / meta["file"]).read_text(encoding="utf-8"),
                    "url": f"https://story.example/{meta['file']}",
                    "outlet": meta["outlet"],
                    "published": meta["published"],
                    "title": meta.get("title"),
                }
            )
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)
