#!/usr/bin/env bash
# The concurrency campaign: refresh + session-end pairs of one session, a password change against
# old-password logins, duplicate registrations, on one running server (docs/reliability.md).
#   tests/reliability/concurrency.sh sqlite|postgres [--pairs N] [--password-trials N] [--registration-trials N] [--seed S] ...
# NO_BUILD=1 skips the build; KEEP=1 keeps the work directory (server.log).
# Ends with "reliability: N passed, M failed"; exit 1 if M > 0.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
database="${1:?usage: concurrency.sh sqlite|postgres [tool options]}"; shift
build_once
run_campaign concurrency "$database" --seed 1 "$@"
