#!/usr/bin/env bash
# Smoke test of the built sample: starts HostApp as a deployment would (Production, the signing key
# from JwtAuth__SigningKey, a fresh SQLite file in a temp folder, a free 127.0.0.1 port), logs in as
# the demo user, calls GET /hello, refreshes, logs out, checks that the logged-out access tokens are
# refused at once, and stops the app. Builds nothing: run `dotnet build samples/HostApp` first.
# Ends with one line "sample: N passed, M failed"; exits non-zero on any failure.
#   samples/HostApp/smoke.sh [path/to/HostApp.dll]     (default: bin/Debug/net10.0/HostApp.dll here)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DLL="$(realpath -m "${1:-$HERE/bin/Debug/net10.0/HostApp.dll}")"
[ -f "$DLL" ] || { echo "sample not built ($DLL missing): dotnet build samples/HostApp" >&2; exit 1; }
for tool in dotnet curl jq; do
  command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 1; }
done

RUNDIR="$(mktemp -d /tmp/hostapp-smoke.XXXXXX)"
USERNAME="smoke-user" PASSWORD="smoke-password-$RANDOM"
# Port 0: Kestrel takes a free port and logs it ("Now listening on: http://127.0.0.1:PORT").
export ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:0" \
  JwtAuth__SigningKey="smoke-$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')" \
  ConnectionStrings__Default="Data Source=$RUNDIR/hostapp.db" \
  DemoUser__UserName="$USERNAME" DemoUser__Password="$PASSWORD"

# The app's folder is its content root (appsettings.json); the database is in RUNDIR.
(cd "$(dirname "$DLL")" && exec dotnet "$(basename "$DLL")") >"$RUNDIR/app.log" 2>&1 &
PID=$!
cleanup() { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$RUNDIR"; }
trap cleanup EXIT

BASE=""
for _ in $(seq 1 150); do
  if ! kill -0 "$PID" 2>/dev/null; then echo "the app exited early:" >&2; cat "$RUNDIR/app.log" >&2; exit 1; fi
  BASE="$(grep -oE 'Now listening on: http://127\.0\.0\.1:[0-9]+' "$RUNDIR/app.log" | head -1 | sed 's/^Now listening on: //' || true)"
  [ -n "$BASE" ] && break
  sleep 0.2
done
[ -n "$BASE" ] || { echo "the app did not start listening within 30 s:" >&2; cat "$RUNDIR/app.log" >&2; exit 1; }
echo "app at $BASE (Production, $RUNDIR/hostapp.db)"

passed=0; failed=0
check() { # check NAME EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then
    passed=$((passed + 1)); echo "ok   - $1"
  else
    failed=$((failed + 1)); echo "FAIL - $1: expected $2, got $3"
    [ -s "$RUNDIR/body" ] && echo "       body: $(head -c 300 "$RUNDIR/body")"
  fi
  return 0
}
request() { # request METHOD PATH [ACCESS_TOKEN] [JSON_BODY]: prints the status, the body goes to $RUNDIR/body
  local args=(-s -o "$RUNDIR/body" -w '%{http_code}' -X "$1" "$BASE$2")
  [ -n "${3:-}" ] && args+=(-H "Authorization: Bearer $3")
  [ -n "${4:-}" ] && args+=(-H 'Content-Type: application/json' -d "$4")
  [ -n "${EXTRA_HEADER:-}" ] && args+=(-H "$EXTRA_HEADER")
  curl "${args[@]}" || true
}
field() { jq -r --arg name "$1" '.[$name] // empty' "$RUNDIR/body" 2>/dev/null || true; }
present() { [ -n "$1" ] && echo present || echo missing; }

# Log in as the demo user the app created at start-up.
check "POST /api/token/ as the demo user" 200 "$(request POST /api/token/ "" "$(jq -nc --arg u "$USERNAME" --arg p "$PASSWORD" '{username: $u, password: $p}')")"
access1="$(field access)"; refresh1="$(field refresh)"
check "login answers an access and a refresh token" "present present" "$(present "$access1") $(present "$refresh1")"

check "GET /hello without a token" 401 "$(request GET /hello)"

# The language of the error texts follows Accept-Language; the code does not (the packages carry the translations).
wrong="$(jq -nc --arg u "$USERNAME" '{username: $u, password: "wrong"}')"
check "POST /api/token/ with a wrong password" 401 "$(request POST /api/token/ "" "$wrong")"
check "... answers the English detail by default" "No active account found with the given credentials" "$(field detail)"
check "POST /api/token/ with a wrong password, Accept-Language: ru" 401 "$(EXTRA_HEADER="Accept-Language: ru" request POST /api/token/ "" "$wrong")"
check "... answers the Russian detail with the same code" "Не найдено активной учётной записи с указанными учётными данными no_active_account" "$(field detail) $(field code)"
check "GET /hello with the access token" 200 "$(request GET /hello "$access1")"
check "GET /hello answers the user id claim" present "$(present "$(field user_id)")"

# Refresh: a new pair (rotation).
check "POST /api/token/refresh/" 200 "$(request POST /api/token/refresh/ "" "$(jq -nc --arg r "$refresh1" '{refresh: $r}')")"
access2="$(field access)"; refresh2="$(field refresh)"
check "refresh answers a new access and a new refresh token" "yes yes" \
  "$([ -n "$access2" ] && [ "$access2" != "$access1" ] && echo yes || echo no) $([ -n "$refresh2" ] && [ "$refresh2" != "$refresh1" ] && echo yes || echo no)"
check "GET /hello with the refreshed access token" 200 "$(request GET /hello "$access2")"

# Log out: the session ends, and every access token of it is refused from the next request on.
check "POST /api/logout/" 205 "$(request POST /api/logout/ "$access2" "$(jq -nc --arg r "$refresh2" '{refresh: $r}')")"
check "GET /hello with the first access token after logout" 401 "$(request GET /hello "$access1")"
check "GET /hello with the refreshed access token after logout" 401 "$(request GET /hello "$access2")"
check "POST /api/token/refresh/ with the logged-out refresh token" 401 \
  "$(request POST /api/token/refresh/ "" "$(jq -nc --arg r "$refresh2" '{refresh: $r}')")"

# Stop the app; its log must show no unhandled error.
kill "$PID" 2>/dev/null || true
wait "$PID" 2>/dev/null || true
check "the app logged no error" 0 "$(grep -cE '^(fail|crit):|Unhandled exception' "$RUNDIR/app.log" || true)"
if [ "$failed" -gt 0 ]; then echo "--- app log ---"; cat "$RUNDIR/app.log"; fi

echo "sample: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
