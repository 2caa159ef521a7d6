#!/bin/bash
# Builds and tests the web app with Debian 12's own Node.js (18) and npm (9), as a stock Debian 12
# machine has them, on a machine whose `node` is another one (docs/web.md, "Checking on
# Debian 12's own Node.js"). Nothing is installed: apt-get downloads the packages that
# `apt-get install npm nodejs` would install from Debian's archive, dpkg-deb unpacks them into a
# folder, and the checks run in a private mount namespace that lays that folder over /usr/bin,
# /usr/lib and /usr/share (Debian's node loads parts of itself, and npm its modules, from fixed
# paths under /usr/share/nodejs). The rest of the machine never sees them.
#
#   web/check-debian-node.sh                          # builds build/continuum first (make build)
#   CONTINUUM_BIN=/path/to/continuum web/check-debian-node.sh
#
# Run it as root, or as a user allowed user namespaces (Debian 12's default). It needs Debian's
# chromium for the browser tests (make web-test installs it). NODE_VERSION chooses the nodejs
# version (default: the newest Debian 12 one apt knows); the packages are kept in
# ${TMPDIR:-/tmp}/continuum-debian-node-VERSION for the next run. web/node_modules is left as
# npm ci made it under Node.js 18, which works with newer Node.js too.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)

if [ "${1:-}" = --inside ]; then
  root=$2
  for dir in bin lib share; do
    mount -t overlay overlay -o "lowerdir=$root/usr/$dir:/usr/$dir" "/usr/$dir"
  done
  echo "== Node.js $(node --version) and npm $(npm --version) from $root"
  cd "$repo/web"
  rm -rf node_modules
  echo "== make web (npm ci --engine-strict, tsc, vite build)"
  make -C "$repo" --no-print-directory web
  echo "== the browser tests (node --test tests/)"
  node --test tests/
  echo "== Passed with Debian's Node.js $(node --version) and npm $(npm --version)"
  exit 0
fi

version=${NODE_VERSION:-$(apt-cache madison nodejs | awk -F' *[|] *' '$3 ~ /bookworm/ { print $2; exit }')}
if [ -z "$version" ]; then
  echo "check-debian-node.sh: apt knows no Debian 12 (bookworm) nodejs; run apt-get update" >&2
  exit 1
fi
work=${TMPDIR:-/tmp}/continuum-debian-node-$version
root=$work/root

if [ ! -x "$root/usr/bin/node" ] || [ ! -e "$root/usr/bin/npm" ]; then
  echo "== Downloading Debian's nodejs $version and npm with what they need into $work"
  rm -rf "$work"
  mkdir -p "$work/debs" "$root"
  # What apt would install beside what is installed already, at the versions it would choose.
  packages=$(apt-get -s install --no-install-recommends npm "nodejs=$version" 2>/dev/null |
    awk '/^Inst / { v = $3; if (v ~ /^\[/) v = $4; gsub(/[()]/, "", v); print $2 "=" v }' || true)
  if [ -z "$packages" ]; then
    if [ "$(dpkg-query -W -f='${Version}' nodejs 2>/dev/null)" = "$version" ]; then
      echo "check-debian-node.sh: Debian's nodejs $version is the machine's own; run make web web-test" >&2
    else
      echo "check-debian-node.sh: apt-get cannot resolve npm and nodejs=$version" >&2
    fi
    exit 1
  fi
  (cd "$work/debs" && apt-get download -q $packages 2>&1 |
    { grep -Ev '^(Get:|W: Download is performed unsandboxed)' || true; })
  for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$root"; done
  echo "   $(ls "$work/debs" | wc -l) packages unpacked"
fi

if [ -z "${CONTINUUM_BIN:-}" ]; then
  make -C "$repo" --no-print-directory build
  export CONTINUUM_BIN=$repo/build/continuum
fi
export CONTINUUM_BIN=$(realpath "$CONTINUUM_BIN")
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "check-debian-node.sh: the browser tests need Debian's chromium (apt-get install chromium)" >&2
  exit 1
fi

if [ "$(id -u)" = 0 ]; then
  exec unshare --mount --propagation private "$0" --inside "$root"
else
  exec unshare --map-root-user --mount --propagation private "$0" --inside "$root"
fi
