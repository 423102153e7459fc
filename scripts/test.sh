#!/usr/bin/env bash
# `npm test`: installs what the tests need (Node 24, npm dependencies, the Kubernetes binaries, Debian's Chromium and nginx),
# then lint, typecheck, build, and every package's tests: unit, against the real cluster, and e2e in Chromium.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
porthole_ensure_k8s
porthole_ensure_chromium
porthole_ensure_nginx
rm -rf .test-results
status=0
turbo run build || exit $?
# Lint, typecheck and API-report failures (a published package's public API changed without its report,
# docs/api-stability.md) fail the run, but the tests still run and report.
turbo run lint typecheck api --continue || status=$?
# One package at a time: the cluster tests each start real API servers on a small machine.
turbo run test --concurrency=1 --continue || status=$?
node scripts/test-summary.mjs || status=$?
exit $status
