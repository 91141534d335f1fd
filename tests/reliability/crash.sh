#!/usr/bin/env bash
# The crash campaign: load on the built server, kill -9 at seeded random moments, restart on the
# same database, check that what was answered before the crash holds after it (docs/reliability.md).
#   tests/reliability/crash.sh sqlite|postgres [--crashes N] [--seed S] [other tool options, see Program.cs]
# Defaults: 20 crashes on SQLite, 5 on PostgreSQL, seed 1, at most 900 s. NO_BUILD=1 skips the build;
# KEEP=1 keeps the work directory (server.log). Ends with "reliability: N passed, M failed"; exit 1 if M > 0.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
database="${1:?usage: crash.sh sqlite|postgres [tool options]}"; shift
[ "$database" = postgres ] && crashes=5 || crashes=20
build_once
run_campaign crash "$database" --crashes "$crashes" --seed 1 --max-seconds 900 "$@"
