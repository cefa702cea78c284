"""The store: schema, migrations, reads and writes (SQLAlchemy Core; SQLite by default, PostgreSQL by URL).

It knows records and SQL, not spaCy: analysis records come in, plain dicts and lists go out. Linking is
passed in as a function (:class:`Linker`), so the store never depends on how the graph is computed.
"""

from claimgraph.store.database import DB_ENV, DEFAULT_DB, database_url, open_store
from claimgraph.store.migrations import SCHEMA_VERSION, migrate
from claimgraph.store.writes import (
    Linker,
    OverrideOutcome,
    StoredDocument,
    add_override,
    apply_override,
    document_exists,
    load_overrides,
    load_records,
    record_error,
    relink,
    replace_graph,
    store_analysis,
    store_record,
)

__all__ = ["DB_ENV", "DEFAULT_DB", "SCHEMA_VERSION", "Linker", "OverrideOutcome", "StoredDocument",
           "add_override", "apply_override",
           "database_url", "document_exists", "load_overrides", "load_records", "migrate", "open_store",
           "record_error", "relink", "replace_graph", "store_analysis", "store_record"]
