#!/usr/bin/env bash
# Runs a command with Node 24 and the repo's dependencies in place: `bash scripts/run.sh turbo run build`.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
exec "$@"
