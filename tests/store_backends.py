"""The store's backends for tests: a ``store_url`` fixture run once on SQLite and once on PostgreSQL.

PostgreSQL comes from ``scripts/services/postgres.sh`` (run by ``make test``), which writes its URL to
``.venv/services/postgres.url``. Without that file the PostgreSQL cases FAIL, so a CI run that lost its
database cannot pass by skipping; set ``CLAIMGRAPH_REQUIRE_POSTGRES=0`` to skip them instead (a laptop with
no PostgreSQL). Each PostgreSQL case starts from an empty database (every table dropped).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL_FILE = ROOT / ".venv" / "services" / "postgres.url"
REQUIRE_ENV = "CLAIMGRAPH_REQUIRE_POSTGRES"


def postgres_url() -> str:
    """The test database's URL, or fail (skip when CLAIMGRAPH_REQUIRE_POSTGRES=0)."""
    if not POSTGRES_URL_FILE.is_file():
        message = (
            f"no PostgreSQL for the store tests: {POSTGRES_URL_FILE} is missing (run `make services`, "
            f"or set {REQUIRE_ENV}=0 to skip the PostgreSQL cases)"
        )
        if os.environ.get(REQUIRE_ENV, "1") == "0":
            pytest.skip(message)
        pytest.fail(message)
    return POSTGRES_URL_FILE.read_text(encoding="utf-8").strip()


def empty_postgres(url: str) -> None:
    engine = sa.create_engine(url)
    try:
        with engine.begin() as connection:
            names = sa.inspect(connection).get_table_names()
            for name in names:
                connection.execute(sa.text(f'DROP TABLE IF EXISTS "{name}" CASCADE'))
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL with nothing in it, on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    url = postgres_url()
    empty_postgres(url)
    yield url
