#!/usr/bin/env bash
# Starts the built server as a deployment would (Production, a configured key, a fresh SQLite file
# or the PostgreSQL database given), registers the two suite users through /api/register/, runs
# ../shared/acceptance/acceptance.py with the given arguments, and stops the server.
#   tests/acceptance/run.sh [acceptance.py args...]     env: SERVER_DLL, DATABASE_PROVIDER, POSTGRES_CONNECTION
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SUITE="${ACCEPTANCE_SUITE:-$ROOT/../shared/acceptance/acceptance.py}"
SERVER_DLL="${SERVER_DLL:-$ROOT/src/JwtAuth.Server/bin/Release/net10.0/JwtAuth.Server.dll}"
[ -f "$SUITE" ] || { echo "acceptance suite not found at $SUITE" >&2; exit 1; }
[ -f "$SERVER_DLL" ] || { echo "server not built: dotnet build -c Release src/JwtAuth.Server" >&2; exit 1; }

RUNDIR="$(mktemp -d /tmp/jwtauth-acceptance.XXXXXX)"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
KEY="acceptance-$(python3 -c 'import secrets; print(secrets.token_hex(32))')"
BASE="http://127.0.0.1:$PORT"
export ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$BASE" JwtAuth__SigningKey="$KEY" RateLimiting__Enabled=false
if [ "${DATABASE_PROVIDER:-Sqlite}" = "Postgres" ]; then
  export Database__Provider=Postgres ConnectionStrings__Default="${POSTGRES_CONNECTION:?POSTGRES_CONNECTION is required for Postgres}"
else
  export Database__Provider=Sqlite ConnectionStrings__Default="Data Source=$RUNDIR/jwtauth.db"
fi

(cd "$RUNDIR" && exec dotnet "$SERVER_DLL" >"$RUNDIR/server.log" 2>&1) &
PID=$!
cleanup() { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$RUNDIR"; }
trap cleanup EXIT

for _ in $(seq 1 150); do
  if ! kill -0 "$PID" 2>/dev/null; then echo "server exited early:" >&2; cat "$RUNDIR/server.log" >&2; exit 1; fi
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/me/" || true)" = 401 ] && break
  sleep 0.2
done

for user in "${USER1:-alice}:${PASS1:-alice-password-1}" "${USER2:-bob}:${PASS2:-bob-password-1}"; do
  code="$(curl -s -o "$RUNDIR/register.json" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    -d "{\"username\": \"${user%%:*}\", \"password\": \"${user#*:}\"}" "$BASE/api/register/")"
  # 400 means the user exists already (a shared PostgreSQL database): the suite only adds state.
  [ "$code" = 201 ] || [ "$code" = 400 ] || { echo "registering ${user%%:*} answered $code" >&2; cat "$RUNDIR/register.json" >&2; exit 1; }
done

set +e
BASE_URL="$BASE" JWT_SIGNING_KEY="$KEY" python3 "$SUITE" "$@"
status=$?
set -e
if grep -q "Unhandled exception\|fail: Microsoft.AspNetCore" "$RUNDIR/server.log"; then
  echo "--- server log (errors) ---"; grep -A5 "Unhandled exception\|fail: Microsoft.AspNetCore" "$RUNDIR/server.log" | head -60
fi
exit $status
