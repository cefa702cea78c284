"""Evaluation and speed scripts for claimgraph (not part of the installed package)."""
