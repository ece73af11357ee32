#!/usr/bin/env bash
# Debian's prometheus package (prometheus and promtool 2.42) unpacked into a cache folder, for the
# tests: `make prometheus-fetch`. Nothing is installed system-wide and no service is started: the
# package is downloaded with apt-get and unpacked with dpkg-deb, and the tests run the binary on a
# free port themselves. Skipped when both tools are already on PATH or in the cache.
set -euo pipefail
dest="${1:-.cache/prometheus}"

if command -v prometheus >/dev/null && command -v promtool >/dev/null; then
    echo "prometheus: using $(command -v prometheus) and $(command -v promtool)"
    exit 0
fi
if [[ -x "$dest/usr/bin/prometheus" && -x "$dest/usr/bin/promtool" ]]; then
    exit 0
fi
if ! command -v apt-get >/dev/null || ! command -v dpkg-deb >/dev/null; then
    echo "prometheus: not on PATH and this is not a Debian-like system; install prometheus and promtool" >&2
    exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# apt-get download writes into the current folder; _apt cannot write to a private temp folder.
chmod 755 "$work"
if ! (cd "$work" && apt-get download prometheus 2>/dev/null); then
    # A fresh machine has no package lists yet (or stale ones): refresh them once, then retry.
    if [[ $(id -u) -ne 0 ]]; then
        echo "prometheus: apt-get download failed and refreshing package lists needs root (apt-get update)" >&2
        exit 1
    fi
    apt-get update -qq
    (cd "$work" && apt-get download prometheus)
fi
mkdir -p "$dest"
dpkg-deb -x "$work"/prometheus_*.deb "$work/root"
mkdir -p "$dest/usr/bin"
cp "$work/root/usr/bin/prometheus" "$work/root/usr/bin/promtool" "$dest/usr/bin/"
"$dest/usr/bin/prometheus" --version 2>&1 | head -1
