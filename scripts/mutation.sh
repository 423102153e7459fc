#!/usr/bin/env bash
# `npm run mutation`: StrykerJS mutation testing of the modules where a silent bug costs most (each
# package's stryker.config.json names them), then the score of each module. Not part of `npm test` or CI:
# it takes minutes of CPU. Incremental: a rerun tests only the mutants whose code or tests changed (state
# and reports in <package>/.stryker/). Extra arguments go to `stryker run` (e.g. `--force` for a full run).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# MUTATION_CLUSTER=1 also mutates the modules only cluster tests reach (the backend's log stream, the
# SDK's safe writes) with each package's stryker.cluster.config.json: a cluster start per mutant, hours.
reports=()
for pkg in apps/backend packages/sdk; do
  echo "[mutation] $pkg" >&2
  (cd "$pkg" && stryker run "$@")
  reports+=("$pkg/.stryker/mutation.json")
  if [ "${MUTATION_CLUSTER:-}" = 1 ]; then
    echo "[mutation] $pkg (cluster tests)" >&2
    (cd "$pkg" && stryker run stryker.cluster.config.json "$@")
    reports+=("$pkg/.stryker/mutation-cluster.json")
  fi
done
node scripts/mutation-scores.ts "${reports[@]}"
