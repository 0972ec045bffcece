#!/usr/bin/env bash
# `npm test`: Node 24, dependencies, PostgreSQL + Redis, then every suite (scripts/test.mjs).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/node24.sh
. scripts/ensure-install.sh
exec node scripts/test.mjs "$@"
