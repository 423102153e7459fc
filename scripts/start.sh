#!/usr/bin/env bash
# `npm start -- ARGS`: builds what is stale (turbo's cache makes this quick), then runs `porthole serve ARGS`.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
turbo run build --output-logs=errors-only >&2
if [[ $# -gt 0 && "$1" != -* ]]; then exec porthole "$@"; fi
exec porthole serve "$@"
