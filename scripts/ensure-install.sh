# shellcheck shell=bash
# Sourced after node24.sh: installs the workspaces when node_modules is missing or the lockfile
# or a package.json changed since the last install (fingerprint in node_modules/.duanju-install).
_dj_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_dj_fp="$(cat "$_dj_root/package-lock.json" "$_dj_root/package.json" "$_dj_root"/{backend,admin,uniapp}/package.json 2>/dev/null | sha256sum | cut -d' ' -f1)-$(node -v)"
if [ "$(cat "$_dj_root/node_modules/.duanju-install" 2>/dev/null)" != "$_dj_fp" ]; then
  echo "==> installing dependencies (npm ci)" >&2
  # flock: never two installs into one node_modules at once (parallel dev/test shells).
  _dj_lock=""; command -v flock >/dev/null 2>&1 && _dj_lock="flock /tmp/duanju-npm.lock"
  (cd "$_dj_root" && $_dj_lock npm ci --no-audit --no-fund) >&2 || return 1 2>/dev/null || exit 1
  echo "$_dj_fp" > "$_dj_root/node_modules/.duanju-install"
fi
unset _dj_root _dj_fp _dj_lock
