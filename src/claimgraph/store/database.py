"""Opening a store: where the database is, the engine, and the schema brought up to date."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from claimgraph.errors import StoreError
from claimgraph.store.migrations import migrate

#: The database used when neither ``--db`` nor ``CLAIMGRAPH_DB`` names one: a SQLite file in the working dir.
DEFAULT_DB = "claimgraph.db"
DB_ENV = "CLAIMGRAPH_DB"


def database_url(db: str | None = None) -> sa.URL:
    """The SQLAlchemy URL of ``db`` (a file path or a URL), else of ``$CLAIMGRAPH_DB``, else of claimgraph.db.

    A value with ``://`` is a URL (``postgresql+psycopg://user@host/claims``, ``sqlite:///x.db``); anything
    else is the path of a SQLite file.
    """
    value = db or os.environ.get(DB_ENV) or DEFAULT_DB
    if "://" in value:
        try:
            return sa.make_url(value)
        except sa.exc.ArgumentError as err:
            raise StoreError(f"--db: {value!r} is not a database URL ({err})") from None
    return sa.URL.create("sqlite", database=str(Path(value).expanduser().resolve()))


def _enable_sqlite_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    # PostgreSQL always checks foreign keys; SQLite only when asked, per connection. Asking keeps both alike.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # Write-ahead logging: readers (the web UI) do not block the writer, and with synchronous=NORMAL a
    # commit is one append instead of two fsyncs. A crash of the process (SIGKILL) still loses nothing
    # committed; only a power cut can lose the last transactions, never corrupt the file.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def open_store(db: str | sa.URL | None = None, *, create: bool = True) -> sa.Engine:
    """An engine on the database, its schema migrated to the newest version.

    ``create=False`` refuses to create a SQLite file that does not exist yet (the query commands use it, so
    a mistyped path is an error rather than an empty answer).

    Raises:
        StoreError: no such database (with ``create=False``), it cannot be opened, or it is too new.
    """
    url = db if isinstance(db, sa.URL) else database_url(db)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        path = Path(url.database)
        if not create and not path.exists():
            raise StoreError(f"no database at {path} (run `claimgraph ingest` first, or give --db)")
        if not path.parent.is_dir():
            raise StoreError(f"cannot create the database {path}: no such directory {path.parent}")
    try:
        engine = sa.create_engine(url)
    except (sa.exc.ArgumentError, ImportError) as err:
        raise StoreError(f"cannot open the database {url.render_as_string()}: {err}") from None
    if url.get_backend_name() == "sqlite":
        sa.event.listen(engine, "connect", _enable_sqlite_foreign_keys)
    try:
        migrate(engine)
    except sa.exc.OperationalError as err:
        engine.dispose()
        raise StoreError(f"cannot open the database {url.render_as_string()}: {err.orig}") from None
    return engine
