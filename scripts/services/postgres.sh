#!/bin/sh
# PostgreSQL for the store's tests: install Debian's postgresql when missing, start its cluster, create the
# test role and database (idempotently), and write the SQLAlchemy URL to $VENV/services/postgres.url.
# The store tests read that file and fail (not skip) without it unless CLAIMGRAPH_REQUIRE_POSTGRES=0.
# Needs root (or passwordless sudo) for apt-get and to act as the postgres user.
set -eu
VENV=${VENV:-.venv}
ROLE=claimgraph
PASSWORD=claimgraph
DATABASE=claimgraph_test
URL_FILE="$VENV/services/postgres.url"

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"; else
    echo "postgres.sh: needs root or sudo to run: $*" >&2; return 1; fi
}
as_postgres() { as_root runuser -u postgres -- "$@"; }

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "postgres.sh: installing Debian's postgresql"
  as_root apt-get update -qq >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -y -qq install postgresql >/dev/null
fi

version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk '{print $1 "/" $2}' | grep -qx "$version/main"; then
  as_root pg_createcluster "$version" main >/dev/null
fi
port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')
if ! as_root pg_ctlcluster "$version" main status >/dev/null 2>&1; then
  as_root pg_ctlcluster "$version" main start
fi
tries=0
until pg_isready -q -h 127.0.0.1 -p "$port"; do
  tries=$((tries + 1))
  [ "$tries" -lt 60 ] || { echo "postgres.sh: the server on port $port did not come up" >&2; exit 1; }
  sleep 0.5
done

psql_admin() { as_postgres psql -q -v ON_ERROR_STOP=1 -p "$port" -d postgres "$@"; }
if [ "$(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != 1 ]; then
  psql_admin -c "CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD'"
fi
if [ "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" != 1 ]; then
  psql_admin -c "CREATE DATABASE $DATABASE OWNER $ROLE"
fi

mkdir -p "$VENV/services"
echo "postgresql+psycopg://$ROLE:$PASSWORD@127.0.0.1:$port/$DATABASE" > "$URL_FILE"
echo "postgres.sh: PostgreSQL $version on port $port, URL in $URL_FILE"
