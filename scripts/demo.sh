#!/usr/bin/env bash
# `npm run demo`: on a fresh machine does all set-up (Node 24, npm ci, the Kubernetes build, the build),
# starts a real local cluster seeded with workloads and the backend pointed at it, prints the URL, and
# stops everything on Ctrl-C. PORT (default 4466) and HOST (default 127.0.0.1) pick where it listens.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
porthole_ensure_k8s
turbo run build --output-logs=errors-only

name=demo
cleanup() {
  trap - EXIT INT TERM
  trap '' HUP INT
  [[ -n "${backend_pid:-}" ]] && kill "$backend_pid" 2>/dev/null && wait "$backend_pid" 2>/dev/null
  porthole-testcluster down --name "$name" || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --owner-pid: the cluster stops by itself if this script dies without cleaning up (terminal closed, kill -9).
kubeconfig="$(porthole-testcluster up --name "$name" --seed --owner-pid $$ | tail -1)"
porthole serve --kubeconfig "$kubeconfig" --port "${PORT:-4466}" --host "${HOST:-127.0.0.1}" &
backend_pid=$!
for _ in $(seq 1 100); do
  curl -fsS "http://${HOST:-127.0.0.1}:${PORT:-4466}/healthz" >/dev/null 2>&1 && break
  kill -0 "$backend_pid" 2>/dev/null || { echo "[demo] the backend exited" >&2; exit 1; }
  sleep 0.1
done
cat <<MSG

  Porthole is running: http://${HOST:-127.0.0.1}:${PORT:-4466}/
  Cluster "$name" (seeded): kubectl --kubeconfig $kubeconfig get pods -A
  Press Ctrl-C to stop everything.

MSG
wait "$backend_pid"
