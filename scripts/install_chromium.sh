#!/bin/sh
# Install Debian's headless-capable Chromium for the browser test (tests/test_browser.py).
# Idempotent and quick when a browser is already there; never downloads a browser build of
# its own (only the distribution package). Exits 0 when Chromium cannot be installed here
# (no root, no apt): the browser test then skips and says why.
set -u

found() {
    for name in chromium chromium-browser google-chrome; do
        if command -v "$name" >/dev/null 2>&1; then
            echo "install_chromium: found $(command -v "$name")"
            return 0
        fi
    done
    return 1
}

found && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install_chromium: apt-get not available; the browser test will skip" >&2
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "install_chromium: not root and no sudo; the browser test will skip" >&2
        exit 0
    fi
else
    SUDO=""
fi

export DEBIAN_FRONTEND=noninteractive
# An old package list can name files the mirror no longer has: update first.
$SUDO apt-get update -qq >/dev/null 2>&1 || echo "install_chromium: apt-get update failed" >&2
if $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null; then
    found && exit 0
fi
echo "install_chromium: could not install chromium; the browser test will skip" >&2
exit 0
