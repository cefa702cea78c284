"""Schema versions and the ordered migrations between them.

The database records its version in ``schema_version`` (one row per applied migration). Opening a store
applies, in order and each in its own transaction, every migration newer than the database; a database newer
than this claimgraph is refused rather than guessed at.

A migration creates tables from :mod:`claimgraph.store.schema`. That is only right while the table is
unchanged since: when a later version alters a table, the migration that created it must get a frozen copy
of the old definition (``tests/store/test_migrations.py`` compares a migrated database with the schema and
fails otherwise). Only portable DDL: ``CREATE TABLE``/``INDEX`` through SQLAlchemy, ``ALTER TABLE ... ADD
COLUMN`` if ever needed; nothing SQLite- or PostgreSQL-only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa

from claimgraph.errors import StoreError
from claimgraph.store import schema


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    apply: Callable[[sa.Connection], None]


def _create(connection: sa.Connection, *tables: sa.Table) -> None:
    for table in tables:
        table.create(connection)


def _v1_documents(connection: sa.Connection) -> None:
    _create(connection, schema.documents, schema.entities, schema.mentions, schema.attributions,
            schema.no_comment, schema.errors)


def _v2_claim_graph(connection: sa.Connection) -> None:
    _create(connection, schema.corpus_entities, schema.entity_members, schema.claims, schema.claim_sources,
            schema.disputes, schema.timeline, schema.entity_overrides)


def _v3_page_indexes(connection: sa.Connection) -> None:
    for index in schema.PAGE_INDEXES:
        index.create(connection, checkfirst=True)


def _v4_entity_index(connection: sa.Connection) -> None:
    from claimgraph.store.writes import write_entity_index

    _create(connection, schema.claim_entities, schema.timeline_entities)
    for index in schema.GRAPH_INDEXES:
        index.create(connection, checkfirst=True)
    c, t = schema.claims, schema.timeline  # the graph stored so far, indexed as a relink would
    claims = [row._asdict() for row in connection.execute(sa.select(c.c.id, c.c.entities))]
    events = [row._asdict() for row in connection.execute(sa.select(t.c.n, t.c.entities))]
    write_entity_index(connection, claims, events)


def _v5_entity_pages(connection: sa.Connection) -> None:
    from claimgraph.store.writes import index_stored_entity_events

    _create(connection, schema.entity_events)
    for index in schema.ENTITY_PAGE_INDEXES:
        index.create(connection, checkfirst=True)
    index_stored_entity_events(connection)  # the graph stored so far, indexed as a relink would


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "documents and their analysis", _v1_documents),
    Migration(2, "the claim graph and entity overrides", _v2_claim_graph),
    Migration(3, "indexes for reading one page (web UI and API)", _v3_page_indexes),
    Migration(4, "which claims and events name which entity; a source-graph index", _v4_entity_index),
    Migration(5, "every event involving each entity, in time order; entity-page indexes", _v5_entity_pages),
)

#: The version this claimgraph writes.
SCHEMA_VERSION = MIGRATIONS[-1].version


def current_version(connection: sa.Connection) -> int:
    """The database's schema version; 0 for an empty database."""
    if not sa.inspect(connection).has_table(schema.schema_version.name):
        return 0
    version = connection.execute(sa.select(sa.func.max(schema.schema_version.c.version))).scalar()
    return int(version or 0)


def migrate(engine: sa.Engine, *, target: int = SCHEMA_VERSION) -> list[int]:
    """Bring the database to ``target`` (the newest version by default); the versions applied, in order.

    Raises:
        StoreError: the database is newer than this claimgraph knows.
    """
    with engine.begin() as connection:
        schema.schema_version.create(connection, checkfirst=True)
        version = current_version(connection)
    if version > SCHEMA_VERSION:
        raise StoreError(f"the database has schema version {version}, newer than this claimgraph's "
                         f"{SCHEMA_VERSION}: upgrade claimgraph")
    applied = []
    for migration in MIGRATIONS:
        if version < migration.version <= target:
            # One transaction per step: an interrupted upgrade leaves the database at the last full version.
            with engine.begin() as connection:
                migration.apply(connection)
                connection.execute(schema.schema_version.insert().values(
                    version=migration.version, description=migration.description,
                    applied_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds")))
            applied.append(migration.version)
    return applied
