#!/usr/bin/env bash
# Builds kube-apiserver and kube-controller-manager v1.20.2 from Debian's source package and installs
# Debian's etcd-server. Binaries are cached in ~/.cache/porthole/k8s-v1.20.2/ and built only when missing.
# See shared/design/testcluster.md for why each step is here.
set -euo pipefail

K8S_VERSION=v1.20.2
CACHE_DIR="${PORTHOLE_CACHE:-$HOME/.cache/porthole}/k8s-${K8S_VERSION}"
BINARIES=(kube-apiserver kube-controller-manager)

say() { printf '[testcluster ensure] %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

have_binaries() {
  for b in "${BINARIES[@]}"; do [[ -x "$CACHE_DIR/$b" ]] || return 1; done
  command -v etcd >/dev/null 2>&1 || [[ -x /usr/bin/etcd ]] || return 1
}

if have_binaries; then
  say "cached: $CACHE_DIR ($(ls "$CACHE_DIR" | tr '\n' ' '))"
  exit 0
fi

[[ -r /etc/debian_version ]] || die "this needs a Debian machine (Debian's kubernetes source package); /etc/debian_version is missing"
[[ "$(id -u)" == 0 ]] || die "this needs root to install Debian packages (apt-get); run as root or put the binaries in $CACHE_DIR yourself"

SOURCES=/etc/apt/sources.list.d/debian.sources
if ! grep -rqs 'deb-src' /etc/apt/sources.list.d/ /etc/apt/sources.list; then
  say "adding a deb-src entry for bookworm main"
  cat > /etc/apt/sources.list.d/porthole-src.sources <<SRC
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi

say "apt-get update"
apt-get update -qq >/dev/null
say "installing build dependencies and etcd-server (golang-go jq rsync golang-github-modern-go-reflect2-dev etcd-server)"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-go jq rsync golang-github-modern-go-reflect2-dev etcd-server >/dev/null
# Debian starts the etcd service on install; the tests run their own etcd instances.
(systemctl stop etcd 2>/dev/null || service etcd stop 2>/dev/null || pkill -x etcd || true) >/dev/null 2>&1

for b in "${BINARIES[@]}"; do
  if [[ ! -x "$CACHE_DIR/$b" ]]; then need_build=1; fi
done
if [[ -n "${need_build:-}" ]]; then
  WORK="$(mktemp -d /tmp/porthole-k8s-build.XXXXXX)"
  trap 'rm -rf "$WORK"' EXIT
  cd "$WORK"
  say "downloading Debian's kubernetes source package"
  apt-get source --download-only kubernetes >/dev/null 2>&1 || die "apt-get source kubernetes failed (is a deb-src entry for bookworm main configured?)"
  tarball="$(ls kubernetes_*.orig.tar.gz | head -1)"
  [[ -n "$tarball" ]] || die "kubernetes_*.orig.tar.gz not found after apt-get source"
  mkdir src && tar -xzf "$tarball" -C src --strip-components=1
  say "replacing vendored modern-go/reflect2 with Debian's v1.0.2 (v1.0.1 breaks under Go >= 1.18)"
  rm -rf src/vendor/github.com/modern-go/reflect2
  cp -r /usr/share/gocode/src/github.com/modern-go/reflect2 src/vendor/github.com/modern-go/reflect2
  export GOPATH="$WORK/gopath" GO111MODULE=off GOFLAGS= CGO_ENABLED=0 GOCACHE="$WORK/gocache"
  mkdir -p "$GOPATH/src/k8s.io"
  ln -s "$WORK/src" "$GOPATH/src/k8s.io/kubernetes"
  cd "$GOPATH/src/k8s.io/kubernetes"
  export KUBE_GIT_VERSION="$K8S_VERSION" KUBE_GIT_TREE_STATE=clean
  for b in "${BINARIES[@]}"; do
    say "building $b (this takes minutes)"
    make WHAT="cmd/$b" >"$WORK/build-$b.log" 2>&1 || { tail -40 "$WORK/build-$b.log" >&2; die "building $b failed"; }
  done
  mkdir -p "$CACHE_DIR"
  for b in "${BINARIES[@]}"; do
    built="$(find _output -type f -name "$b" | head -1)"
    [[ -n "$built" ]] || die "$b not found under _output"
    install -m 0755 "$built" "$CACHE_DIR/$b"
  done
fi
say "ready: $CACHE_DIR"
