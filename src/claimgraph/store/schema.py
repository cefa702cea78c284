"""The tables of the store, as they are at the newest schema version (SQLAlchemy Core).

Portable on purpose: only types and constraints SQLite and PostgreSQL both have, JSON through ``sa.JSON``
(``json`` on PostgreSQL, text on SQLite). Offsets are character offsets into ``documents.text``, as in the
analysis record. Three groups:

- the documents and their analysis (written once per document, never changed): ``documents`` (with the full
  analysis record, so linking can be rerun), ``entities``, ``mentions``, ``attributions``, ``no_comment``;
- the claim graph (replaced as a whole each time the corpus is linked): ``corpus_entities``,
  ``entity_members``, ``claims``, ``claim_sources``, ``disputes``, ``timeline``;
- what people and runs add: ``entity_overrides`` (merges and splits) and ``errors`` (inputs that failed).

:mod:`claimgraph.store.migrations` creates these tables version by version; a test checks that a migrated
database has exactly the columns defined here.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

_ID = sa.String(64)     # a document id: sha256 hex of the text
_LOCAL = sa.String(16)  # a document-local id (e1, a3) or a corpus id (E…, C…)
_LABEL = sa.String(32)  # a kind, type, stance, status, ISO date or timestamp


def _json() -> sa.JSON:
    return sa.JSON(none_as_null=True)


def _document_fk() -> sa.ForeignKey:
    return sa.ForeignKey("documents.id", ondelete="CASCADE")


schema_version = sa.Table(
    "schema_version", metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("applied_at", _LABEL, nullable=False),
)

# -- documents and their analysis (schema version 1) ---------------------------------------------------
documents = sa.Table(
    "documents", metadata,
    sa.Column("id", _ID, primary_key=True),
    sa.Column("url", sa.Text, index=True),
    sa.Column("outlet", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("published", _LABEL),
    sa.Column("language", _LABEL),
    sa.Column("path", sa.Text, nullable=False),                          # the input it was read from
    sa.Column("revision_of", _ID, sa.ForeignKey("documents.id")),         # the earlier text at the same URL
    sa.Column("ingested_at", _LABEL, nullable=False),
    sa.Column("text", sa.Text, nullable=False),                           # what the offsets index
    sa.Column("record", _json(), nullable=False),                        # the analysis record as analyzed
)

entities = sa.Table(
    "entities", metadata,
    sa.Column("document_id", _ID, _document_fk(), primary_key=True),
    sa.Column("entity_id", _LOCAL, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("type", _LABEL, nullable=False),
)

mentions = sa.Table(
    "mentions", metadata,
    sa.Column("document_id", _ID, _document_fk(), primary_key=True),
    sa.Column("entity_id", _LOCAL, primary_key=True),
    sa.Column("n", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
)

attributions = sa.Table(
    "attributions", metadata,
    sa.Column("document_id", _ID, _document_fk(), primary_key=True),
    sa.Column("attribution_id", _LOCAL, primary_key=True),
    sa.Column("parent", _LOCAL),
    sa.Column("continues", _LOCAL),
    sa.Column("source_start", sa.Integer),
    sa.Column("source_end", sa.Integer),
    sa.Column("source_text", sa.Text),
    sa.Column("source_entity", _LOCAL),
    sa.Column("source_kind", _LABEL, nullable=False),
    sa.Column("anonymous", _json()),
    sa.Column("cue_start", sa.Integer),
    sa.Column("cue_end", sa.Integer),
    sa.Column("cue_text", sa.Text),
    sa.Column("cue_lemma", sa.Text),
    sa.Column("content", _json(), nullable=False),                       # spans, as in the record
    sa.Column("content_text", sa.Text, nullable=False),                  # the spans' text joined by " … "
    sa.Column("quote", _LABEL, nullable=False),
    sa.Column("stance", _LABEL, nullable=False),
    sa.Column("hedges", _json(), nullable=False),
    sa.Column("times", _json(), nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("rule", _LABEL),
)

no_comment = sa.Table(
    "no_comment", metadata,
    sa.Column("document_id", _ID, _document_fk(), primary_key=True),
    sa.Column("n", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("entity_id", _LOCAL),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("subject_start", sa.Integer),
    sa.Column("subject_end", sa.Integer),
    sa.Column("subject_text", sa.Text),
)

errors = sa.Table(
    "errors", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("input", sa.Text, nullable=False),       # the path, or PATH:LINE for a JSONL line
    sa.Column("document_id", _ID),                     # known when the text was read (no foreign key:
    sa.Column("kind", _LABEL, nullable=False),         # a failed document is not stored)
    sa.Column("message", sa.Text, nullable=False),
    sa.Column("occurred_at", _LABEL, nullable=False),
)

# -- the claim graph and its corrections (schema version 2) --------------------------------------------
corpus_entities = sa.Table(
    "corpus_entities", metadata,
    sa.Column("id", _LOCAL, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("type", _LABEL, nullable=False),
    sa.Column("aliases", _json(), nullable=False),
    sa.Column("documents", sa.Integer, nullable=False),
    sa.Column("merge_reasons", _json(), nullable=False),
)

entity_members = sa.Table(
    "entity_members", metadata,
    sa.Column("member", sa.Text, primary_key=True),                      # "<document id>#e1"
    sa.Column("entity_id", _LOCAL, sa.ForeignKey("corpus_entities.id", ondelete="CASCADE"), nullable=False,
              index=True),
    sa.Column("document_id", _ID, nullable=False),
    sa.Column("local_id", _LOCAL, nullable=False),
)

claims = sa.Table(
    "claims", metadata,
    sa.Column("id", _LOCAL, primary_key=True),
    sa.Column("summary", sa.Text, nullable=False),
    sa.Column("status", _LABEL, nullable=False),
    sa.Column("independent_sources", sa.Integer, nullable=False),
    sa.Column("first_seen", _LABEL),
    sa.Column("documents", _json(), nullable=False),
    sa.Column("entities", _json(), nullable=False),
)

claim_sources = sa.Table(
    "claim_sources", metadata,
    sa.Column("claim_id", _LOCAL, sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("n", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("attribution", sa.Text, nullable=False),                   # "<document id>#a3"
    sa.Column("document_id", _ID, nullable=False),
    sa.Column("entity_id", _LOCAL),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", _LABEL, nullable=False),
    sa.Column("stance", _LABEL, nullable=False),
    sa.Column("outlet", sa.Text),
    sa.Column("repeats", sa.Text),
    sa.Column("original", sa.Text),
    sa.Column("independent", sa.Boolean, nullable=False),
)

disputes = sa.Table(
    "disputes", metadata,
    sa.Column("claim_id", _LOCAL, sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("n", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("disputed", sa.Text, nullable=False),                      # Dispute.claim: the disputed claim
    sa.Column("by", sa.Text, nullable=False),                            # the disputing claim or attribution
    sa.Column("kind", _LABEL, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
)

timeline = sa.Table(
    "timeline", metadata,
    sa.Column("n", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("when", sa.Text, nullable=False),
    sa.Column("kind", _LABEL, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("summary", sa.Text, nullable=False),
    sa.Column("document_id", _ID, nullable=False),
    sa.Column("attribution", sa.Text),
    sa.Column("claim_id", _LOCAL),
    sa.Column("entities", _json(), nullable=False),
)

entity_overrides = sa.Table(
    "entity_overrides", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("action", _LABEL, nullable=False),       # merge | split
    sa.Column("a", sa.Text, nullable=False),           # merge: entity or alias; split: the entity
    sa.Column("b", sa.Text, nullable=False),           # merge: entity or alias; split: member ref or alias
    sa.Column("created_at", _LABEL, nullable=False),
)

# Which claims and which timeline events name which corpus entity (schema version 4): the entity pages and
# the entity filters read these instead of every claim's and every event's JSON list of entities.
claim_entities = sa.Table(
    "claim_entities", metadata,
    sa.Column("claim_id", _LOCAL, sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("entity_id", _LOCAL, primary_key=True),
    sa.Index("ix_claim_entities_entity_id", "entity_id"),
)

timeline_entities = sa.Table(
    "timeline_entities", metadata,
    sa.Column("n", sa.Integer, sa.ForeignKey("timeline.n", ondelete="CASCADE"), primary_key=True,
              autoincrement=False),
    sa.Column("entity_id", _LOCAL, primary_key=True),
    sa.Index("ix_timeline_entities_entity_id", "entity_id"),
)

# Every event that involves an entity, with the event's place in the timeline's order (schema version 5):
# the events that name it and the events of the claims about it or by it, as the entity filter of the
# timeline reads them. An entity page shows its latest events: read in this table's key order, they are a
# range of an index, where a union of those three sets had to be collected and sorted on each request
# (150 ms for an entity in 25,000 events; 1 ms now). Filled with the graph; ``ordinal`` follows
# :func:`timeline_order`.
entity_events = sa.Table(
    "entity_events", metadata,
    sa.Column("entity_id", _LOCAL, primary_key=True),
    sa.Column("ordinal", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("n", sa.Integer, sa.ForeignKey("timeline.n", ondelete="CASCADE"), nullable=False),
)


def timeline_order(when: str, kind: str, n: int) -> tuple[str, bool, int]:
    """The order the timeline is read in: by date ("< 2022" and "> 2022-10" with 2022 and 2022-10,
    "2022-10/2024" with 2022-10), events before reports of the same date, then as linking ordered them."""
    return when.lstrip("<> ").split("/")[0], kind == "report", n


# -- indexes for reading one page (schema version 3) ---------------------------------------------------
# The web UI reads one document, one claim or one page of documents at a time; on a large corpus these
# lookups must not scan the wide documents rows (text and record) or the graph tables.
#: Indexes added after their tables were created: a migration creates them (``checkfirst``, since a table
#: created at a newer version already has them).
PAGE_INDEXES: tuple[sa.Index, ...] = (
    sa.Index("ix_documents_published", documents.c.published, documents.c.ingested_at),
    sa.Index("ix_documents_outlet", documents.c.outlet),
    sa.Index("ix_documents_revision_of", documents.c.revision_of),
    sa.Index("ix_attributions_stance", attributions.c.stance, attributions.c.document_id),
    sa.Index("ix_claim_sources_document_id", claim_sources.c.document_id),
    sa.Index("ix_claim_sources_entity_id", claim_sources.c.entity_id),
    sa.Index("ix_entity_members_document_id", entity_members.c.document_id),
    sa.Index("ix_timeline_claim_id", timeline.c.claim_id),
)

# -- the source graph's index (schema version 4) ----------------------------------------------------------
# The graph page counts who cites whom over every claim source: in the order of this index the grouping
# reads it alone, without sorting (a 10,000-document store: 140 ms -> 22 ms).
GRAPH_INDEXES: tuple[sa.Index, ...] = (
    sa.Index(
        "ix_claim_sources_citation",
        claim_sources.c.outlet,
        claim_sources.c.name,
        claim_sources.c.repeats,
        claim_sources.c.kind,
        claim_sources.c.attribution,
    ),
)

# An entity page (schema version 5) lists the claims it is a source of in claim order, read from the first
# index alone (no sort of the entity's thousands of sources); the claims about it with the most independent
# sources first, read in the order of the second, stopping at the page's end; and what it said, the
# attributions whose source is one of its members, found by the third (not among all of a document's
# attributions). On 10,000 documents, for the largest entity: 69 -> 14 ms, 56 -> 4 ms, 58 -> 22 ms.
ENTITY_PAGE_INDEXES: tuple[sa.Index, ...] = (
    sa.Index("ix_claim_sources_entity_claim", claim_sources.c.entity_id, claim_sources.c.claim_id,
             claim_sources.c.stance),
    sa.Index("ix_claims_independent", claims.c.independent_sources.desc(), claims.c.id),
    sa.Index("ix_attributions_source", attributions.c.document_id, attributions.c.source_entity),
)

#: The tables of the claim graph, children before parents (the order to delete them in).
GRAPH_TABLES: tuple[sa.Table, ...] = (entity_events, claim_entities, timeline_entities, claim_sources,
                                      disputes, timeline, claims, entity_members, corpus_entities)
#: The tables a document's analysis is spread over, children before parents.
DOCUMENT_TABLES: tuple[sa.Table, ...] = (mentions, entities, attributions, no_comment, documents)
#: Every data table, in the order the export writes them.
DATA_TABLES: tuple[sa.Table, ...] = (documents, entities, mentions, attributions, no_comment, corpus_entities,
                                     entity_members, claims, claim_sources, disputes, timeline,
                                     entity_overrides, errors)
