"""Loading the spaCy pipeline and registering claimgraph's components (thin: no rules here)."""
