#!/usr/bin/env bash
# `npm run dev`: the zero-setup development stack. SQLite file, local-disk storage, inline jobs
# (no PostgreSQL or Redis needed), demo accounts, API + admin + H5 dev servers. Ctrl-C stops all.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/node24.sh
. scripts/ensure-install.sh

API_PORT="${PORT:-3333}"
ADMIN_PORT=5173
H5_PORT=5174

if [ ! -f backend/.env ]; then
  echo "==> creating backend/.env from backend/.env.example (SQLite, inline queue, local storage)"
  key="$(node -e "process.stdout.write(require('crypto').randomBytes(32).toString('base64url'))")"
  sed "s|^APP_KEY=.*|APP_KEY=${key}|" backend/.env.example > backend/.env
fi
if ! grep -q '^SANDBOX_PAYMENT_SECRET=.\+' backend/.env; then
  # The sandbox payment provider lets the demo recharge flow run end to end without real money.
  secret="$(node -e "process.stdout.write(require('crypto').randomBytes(16).toString('hex'))")"
  grep -v '^SANDBOX_PAYMENT_SECRET=' backend/.env > backend/.env.tmp && mv backend/.env.tmp backend/.env
  echo "SANDBOX_PAYMENT_SECRET=${secret}" >> backend/.env
fi

echo "==> database: migrate and seed demo accounts"
(cd backend && mkdir -p tmp storage && node ace migration:run && node ace db:seed)

pids=()
stop() {
  trap - INT TERM EXIT
  echo
  echo "==> stopping"
  for pid in "${pids[@]}"; do
    # `node ace serve` only stops both of its processes on SIGINT.
    pkill -INT -P "$pid" 2>/dev/null || true
    kill -INT "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

(cd backend && exec node ace serve --hmr) & pids+=($!)
(exec npm run dev -w admin -- --port "$ADMIN_PORT" --strictPort) & pids+=($!)
(exec npm run dev -w uniapp) & pids+=($!)

for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:${API_PORT}/health" >/dev/null 2>&1 && break
  sleep 0.5
done

# Demo videos: generated and uploaded through the admin API, transcoded by this server (inline
# queue). Only episodes without a video are processed, so after the first start this is a no-op.
(cd backend && exec node ace media:demo --api "http://127.0.0.1:${API_PORT}" 2>&1 | sed -u 's/^/[demo videos] /') & pids+=($!)

cat <<INFO

  Duanju is running (development mode: SQLite, local storage, inline jobs)

  API      http://localhost:${API_PORT}        (health: http://localhost:${API_PORT}/health)
  Admin    http://localhost:${ADMIN_PORT}
  H5       http://localhost:${H5_PORT}         (open in a phone-sized window)

  Demo admin logins (password Duanju@2026):
    admin@duanju.dev      admin     — everything
    operator@duanju.dev   operator  — catalog, media, marketing, users, orders (read)
    reviewer@duanju.dev   reviewer  — moderation queue only
    finance@duanju.dev    finance   — orders, ledger, refunds
  Viewers: the H5 client signs in as a guest automatically.
  Demo videos: on the first start every demo episode gets a generated video, uploaded and
  transcoded in the background (about 5 s per episode; first episodes of every drama first).

  Ctrl-C stops everything.

INFO
wait
