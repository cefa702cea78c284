"""Time expressions in news text, normalized against the publication date (pure functions, no I/O)."""

from claimgraph.temporal.extract import extract_times, is_deadline
from claimgraph.temporal.normalize import load_dateparser, normalize_time

__all__ = ["extract_times", "is_deadline", "load_dateparser", "normalize_time"]
