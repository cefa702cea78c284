"""Ingest: turn an input name into raw bytes and what is known about them, nothing parsed yet.

The readers check what can be checked without parsing (the file exists, is a file, is readable, is not
empty, is not larger than the limit) and guess the media type from the name or the first bytes. Decoding,
extraction and boilerplate belong to :mod:`claimgraph.clean`.
"""

from claimgraph.ingest.readers import DEFAULT_MAX_BYTES, RawInput, detect_media_type, read_input

__all__ = ["DEFAULT_MAX_BYTES", "RawInput", "detect_media_type", "read_input"]
