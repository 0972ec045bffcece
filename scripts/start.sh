#!/usr/bin/env bash
# `npm start`: production mode. Builds the backend, runs pending migrations, then runs the API
# and the bee-queue worker against the configured PostgreSQL and Redis (environment variables
# or backend/.env; see backend/.env.example). Frontends are static builds: `npm run build`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/node24.sh
. scripts/ensure-install.sh
export NODE_ENV="${NODE_ENV:-production}"

echo "==> building the backend"
(cd backend && node ace build)
[ -f backend/.env ] && cp backend/.env backend/build/.env

cd backend/build
echo "==> running pending migrations"
node ace migration:run --force

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT
node bin/server.js & pids+=($!)
node ace queue:work & pids+=($!)
echo "==> API (pid ${pids[0]}) and worker (pid ${pids[1]}) running; Ctrl-C stops both"
# If either process dies, stop the other so a supervisor can restart the pair.
wait -n
exit 1
