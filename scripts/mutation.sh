#!/usr/bin/env bash
# `npm run mutation`: StrykerJS mutation testing of the modules where a silent bug costs most (each
# package's stryker.config.json names them), then the score of each module. Not part of `npm test` or CI:
# it takes minutes of CPU. Incremental: a rerun tests only the mutants whose code or tests changed (state
# and reports in <package>/.stryker/). Extra arguments go to `stryker run` (e.g. `--force` for a full run).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
for pkg in apps/backend packages/sdk; do
  echo "[mutation] $pkg" >&2
  (cd "$pkg" && stryker run "$@")
done
node scripts/mutation-scores.ts apps/backend/.stryker/mutation.json packages/sdk/.stryker/mutation.json
