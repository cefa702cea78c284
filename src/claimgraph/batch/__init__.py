"""Batch work: reading a corpus, analyzing it and storing it document by document, then linking it."""

from claimgraph.batch.ingest import Failure, IngestReport, default_linker, ingest_corpus

__all__ = ["Failure", "IngestReport", "default_linker", "ingest_corpus"]
