#!/usr/bin/env bash
# Packaging as a user meets it. Packs every library under src/ into a temporary folder feed (with a
# version no cache can hold already), checks each package (its README, XML docs, licence expression,
# symbols package), builds samples/HostApp against the packages from that feed instead of the
# sources and runs its smoke test; then publishes the server with its self-contained profile and
# starts the published executable, which must answer without an installed .NET being used.
# Ends with one line "packaging: N passed, M failed"; exits non-zero on any failure.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
WORK="$(mktemp -d /tmp/jwtauth-packaging.XXXXXX)"
FEED="$WORK/feed"
SUFFIX="ci.$(date +%s).$$"
passed=0; failed=0
ok() { echo "ok   - $1"; passed=$((passed + 1)); }
fail() { echo "FAIL - $1" >&2; failed=$((failed + 1)); }
PID=""
cleanup() { [ -n "$PID" ] && { kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; }; rm -rf "$WORK"; }
trap cleanup EXIT

for project in src/*/*.csproj; do
  name="$(basename "$project" .csproj)"
  [ "$name" = JwtAuth.Server ] && continue
  if ! dotnet pack "$project" -o "$FEED" --version-suffix "$SUFFIX" -v q -nologo >"$WORK/pack-$name.txt" 2>&1; then
    cat "$WORK/pack-$name.txt" >&2; fail "$name: dotnet pack"; continue
  fi
  package="$(ls "$FEED/$name".0.*-"$SUFFIX".nupkg)"
  version="$(basename "$package" .nupkg)"; version="${version#"$name".}"
  entries="$(unzip -Z1 "$package")"
  nuspec="$(unzip -p "$package" "$name.nuspec")"
  missing=""
  for entry in README.md "lib/net10.0/$name.dll" "lib/net10.0/$name.xml"; do
    grep -qxF "$entry" <<<"$entries" || missing="$missing $entry"
  done
  grep -q '<license type="expression">MIT</license>' <<<"$nuspec" || missing="$missing licence-expression"
  grep -q '<readme>README.md</readme>' <<<"$nuspec" || missing="$missing readme-metadata"
  [ -f "$FEED/$name.$version.snupkg" ] || missing="$missing symbols-package"
  if [ -z "$missing" ]; then ok "$name $version: README, XML docs, licence, symbols"; else fail "$name $version lacks:$missing"; fi
done
VERSION="$(ls "$FEED"/JwtAuth.Core.*.nupkg | sed -E 's/.*JwtAuth\.Core\.(.*)\.nupkg/\1/')"

# The sample as an app outside this repository builds it: package references, the folder feed.
if dotnet build samples/HostApp -p:JwtAuthPackageVersion="$VERSION" -p:RestoreAdditionalProjectSources="$FEED" \
     -v q -nologo >"$WORK/sample-build.txt" 2>&1 \
   && grep -q "\"JwtAuth.AspNetCore/$VERSION\"" samples/HostApp/obj/project.assets.json; then
  ok "samples/HostApp builds against the packages $VERSION"
  if samples/HostApp/smoke.sh >"$WORK/smoke.txt" 2>&1; then ok "samples/HostApp on the packages: $(tail -1 "$WORK/smoke.txt")"; else cat "$WORK/smoke.txt" >&2; fail "samples/HostApp smoke test on the packages"; fi
else
  cat "$WORK/sample-build.txt" >&2; fail "samples/HostApp against the packages $VERSION"
fi

# The self-contained server: published, then started from another directory with no dotnet on PATH.
if dotnet publish src/JwtAuth.Server -p:PublishProfile=linux-x64 -p:PublishDir="$WORK/server/" -v q -nologo >"$WORK/publish.txt" 2>&1 \
   && [ -x "$WORK/server/JwtAuth.Server" ]; then
  ok "dotnet publish -p:PublishProfile=linux-x64 makes a self-contained JwtAuth.Server"
  PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
  (cd / && exec env -i PATH=/usr/bin:/bin HOME="$WORK" ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$PORT" \
     JwtAuth__SigningKey="packaging-$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')" \
     ConnectionStrings__Default="Data Source=$WORK/server.db" "$WORK/server/JwtAuth.Server" >"$WORK/server.log" 2>&1) &
  PID=$!
  code=000
  for _ in $(seq 1 150); do
    code="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/.well-known/openid-configuration" || true)"
    [ "$code" = 200 ] && break
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.2
  done
  if [ "$code" = 200 ]; then ok "the published server starts without dotnet on PATH and answers"; else cat "$WORK/server.log" >&2; fail "the published server did not answer (last status $code)"; fi
else
  cat "$WORK/publish.txt" >&2; fail "dotnet publish -p:PublishProfile=linux-x64"
fi

echo "packaging: $passed passed, $failed failed"
[ "$failed" = 0 ]
