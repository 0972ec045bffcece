# shellcheck shell=bash
# Source this file (". scripts/node24.sh"): it makes Node 24 LTS the `node` of this shell.
# When the machine's node is older, a pinned node-linux-<arch> package from the npm registry is
# installed into .tools/node24 (git-ignored) and put first on PATH. npm_config_nodedir points
# node-gyp at that package's headers so native addons are built for Node 24, not the system node.
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
_dj_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_dj_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$_dj_major" != "24" ]; then
  _dj_arch="$(uname -m)"
  case "$_dj_arch" in x86_64) _dj_arch=x64 ;; aarch64) _dj_arch=arm64 ;; esac
  _dj_pkg="node-linux-${_dj_arch}"
  _dj_tools="$_dj_root/.tools/node24"
  _dj_home="$_dj_tools/node_modules/$_dj_pkg"
  if [ ! -x "$_dj_home/bin/node" ] || [ "$("$_dj_home/bin/node" -v 2>/dev/null)" != "v$NODE24_VERSION" ]; then
    if ! command -v npm >/dev/null 2>&1; then
      echo "node24.sh: npm is required to fetch Node $NODE24_VERSION" >&2
      return 1 2>/dev/null || exit 1
    fi
    echo "node24.sh: installing Node $NODE24_VERSION into .tools/node24 (one time)" >&2
    mkdir -p "$_dj_tools"
    [ -f "$_dj_tools/package.json" ] || echo '{"private":true}' > "$_dj_tools/package.json"
    npm install --prefix "$_dj_tools" --no-audit --no-fund --loglevel=error --no-package-lock \
      "$_dj_pkg@$NODE24_VERSION" >&2 || { echo "node24.sh: could not install Node 24" >&2; return 1 2>/dev/null || exit 1; }
  fi
  export PATH="$_dj_home/bin:$PATH"
  export npm_config_nodedir="$_dj_home"
  hash -r
else
  # Node 24 already; make sure node-gyp builds against it and not a stale npmrc nodedir.
  export npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")"
fi
# npm 11 warns about nodedir in npmrc/env on every call; the value still reaches node-gyp.
export npm_config_loglevel="${npm_config_loglevel:-error}"
unset _dj_major _dj_arch _dj_pkg _dj_tools _dj_home
