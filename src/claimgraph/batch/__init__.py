"""Batch work: reading a corpus, analyzing it and storing it document by document, then linking it."""

from claimgraph.batch.ingest import Failure, IngestReport, default_linker, ingest_corpus
from claimgraph.batch.pipeline import Outcome, PipelineOptions, SpacyAnalyze
from claimgraph.ingest.fetch import FetchOptions

__all__ = [
    "FetchOptions",
    "Failure",
    "IngestReport",
    "Outcome",
    "PipelineOptions",
    "SpacyAnalyze",
    "default_linker",
    "ingest_corpus",
]
