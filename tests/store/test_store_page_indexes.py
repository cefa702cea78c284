"""The page indexes (schema version 3): a database made at version 2 gets them; a new one has them once."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from claimgraph.store import database_url, migrate, open_store, schema


def index_names(engine: sa.Engine) -> set[str]:
    inspector = sa.inspect(engine)
    return {ix["name"] for table in inspector.get_table_names() for ix in inspector.get_indexes(table)}


def test_a_version_2_database_gets_the_page_indexes(tmp_path: Path) -> None:
    old = sa.create_engine(database_url(str(tmp_path / "v2.db")))
    assert migrate(old, target=2) == [1, 2]
    with old.begin() as connection:  # as a claimgraph of version 2 left it: without the page indexes
        for index in schema.PAGE_INDEXES:
            index.drop(connection, checkfirst=True)
    assert not {ix.name for ix in schema.PAGE_INDEXES} & index_names(old)
    old.dispose()
    engine = open_store(str(tmp_path / "v2.db"))
    assert {ix.name for ix in schema.PAGE_INDEXES} <= index_names(engine)
    engine.dispose()


def test_a_new_database_has_each_page_index(tmp_path: Path) -> None:
    engine = open_store(str(tmp_path / "new.db"))
    assert {ix.name for ix in schema.PAGE_INDEXES} <= index_names(engine)
    engine.dispose()
