"""Loading the spaCy pipeline and registering claimgraph's components (thin: no rules here).

Importing this package does not import spaCy (the batch runner reads :data:`BATCH_SIZE` before it loads a
model in each worker).
"""

#: Documents parsed together (``nlp.pipe``). On a CPU spaCy's speed is flat from 2 to 16 news articles per
#: batch, while the peak memory grows with the batch: a bare parse of PolNeAR dev peaks at 254 MB with 2,
#: 298 MB with 4, 400 MB with 8 and 521 MB with 16 (docs/benchmarks.md, "Throughput").
BATCH_SIZE = 4
