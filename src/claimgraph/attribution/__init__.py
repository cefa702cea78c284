"""Attribution extraction: pure rule functions over spaCy Docs (cues, quotes, sources, anonymity,
coreference, stance, hedges, no-comment)."""

from claimgraph.attribution.extract import DocumentAnalysis, extract_attributions

__all__ = ["DocumentAnalysis", "extract_attributions"]
