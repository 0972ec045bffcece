#!/usr/bin/env bash
# Runs a command under Node 24: `bash scripts/with-node24.sh npm run lint -w backend`.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/node24.sh"
exec "$@"
