# Sourced by the entry points: Node 24 on PATH, dependencies installed, repo binaries on PATH.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
source "$REPO_ROOT/scripts/node24.sh"
export TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  # `npm install` with the lockfile rather than `npm ci`: the registry here serves only this platform's
  # optional binaries (biome, turbo), so the lockfile can't list the others and `npm ci` refuses it.
  echo "[setup] installing dependencies (npm install from package-lock.json)" >&2
  npm install --no-audit --no-fund --loglevel=error
fi
export PATH="$REPO_ROOT/node_modules/.bin:$PATH"

# Builds or finds the real Kubernetes binaries (minutes once per machine, then cached in ~/.cache/porthole).
porthole_ensure_k8s() {
  bash "$REPO_ROOT/packages/testcluster/scripts/ensure-k8s.sh"
}

# Debian's Chromium for the browser tests (Playwright never downloads a browser here).
porthole_ensure_chromium() {
  [[ -x /usr/bin/chromium ]] && return 0
  if [[ "$(id -u)" != 0 ]]; then
    echo "[setup] error: /usr/bin/chromium is missing; install Debian's chromium package (apt-get install chromium)" >&2
    return 1
  fi
  echo "[setup] installing Debian's chromium" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
}

# Debian's nginx for the replicas test (two backends behind a real load balancer; the test starts it
# itself with its own config and prefix, never the system service).
porthole_ensure_nginx() {
  [[ -x /usr/sbin/nginx ]] && return 0
  if [[ "$(id -u)" != 0 ]]; then
    echo "[setup] error: /usr/sbin/nginx is missing; install Debian's nginx-light package (apt-get install nginx-light)" >&2
    return 1
  fi
  echo "[setup] installing Debian's nginx-light" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
}
