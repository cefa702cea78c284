"""claimgraph: take news reports apart into attributed claims.

Who claims what, citing whom (named or anonymous), who denies it, and when things happened.
The library entry points are :func:`claimgraph.analyze.analyze_path` and
:class:`claimgraph.analyze.Analyzer`; the record format is documented in ``docs/analysis-json.md``.
"""

__version__ = "0.1.0"
