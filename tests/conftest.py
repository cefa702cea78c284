"""Shared fixtures: the spaCy pipeline is loaded once per test session (model-dependent tests are marked)."""

from __future__ import annotations

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
