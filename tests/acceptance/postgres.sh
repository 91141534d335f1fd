#!/usr/bin/env bash
# Runs tests/acceptance/run.sh against the server on PostgreSQL: starts a throw-away PostgreSQL
# (initdb into a temp dir, pg_ctl on a free loopback port, as the postgres user when run as root),
# passes the arguments on, and removes the cluster afterwards.
#   tests/acceptance/postgres.sh [acceptance.py args...]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$BIN/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }

DATA="$(mktemp -d /tmp/jwtauth-pg.XXXXXX)"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$DATA"
as_pg "$BIN/initdb" -D "$DATA/db" -U postgres -A trust >/dev/null
as_pg "$BIN/pg_ctl" -D "$DATA/db" -l "$DATA/postgres.log" -w \
  -o "-p $PORT -k $DATA -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
stop() { as_pg "$BIN/pg_ctl" -D "$DATA/db" -m fast stop >/dev/null 2>&1 || true; rm -rf "$DATA"; }
trap stop EXIT

DATABASE_PROVIDER=Postgres \
POSTGRES_CONNECTION="Host=127.0.0.1;Port=$PORT;Username=postgres;Database=postgres" \
  "$HERE/run.sh" "$@"
