#!/bin/sh
# Installs what the end-to-end tests need from Debian's own archive:
# the chromium package (headless Chromium at /usr/bin/chromium) and
# fonts-noto-core (so Arabic, Tigrinya, Ukrainian and the rest render in
# screenshots and contrast checks). Never downloads a browser from
# anywhere else. Does nothing when Chromium is already installed.
# Run as root, or as a user who may use sudo without a password prompt
# (sudo -n: make test never waits for a password).
set -eu

if command -v chromium >/dev/null 2>&1; then
	echo "install-chromium: $(command -v chromium) is already installed; nothing to do"
	exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
	echo "install-chromium: no apt-get here; install Chromium with this system's package manager" \
		"and point BROEN_CHROMIUM at it" >&2
	exit 1
fi

SUDO=
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		SUDO="sudo -n"
	else
		echo "install-chromium: chromium is missing and this user cannot install packages;" \
			"run: sudo sh e2e/install-chromium.sh" >&2
		exit 1
	fi
fi

echo "install-chromium: chromium is missing; installing Debian's chromium and fonts-noto-core with apt-get"
echo "+ ${SUDO:+$SUDO }apt-get update"
$SUDO apt-get update
echo "+ ${SUDO:+$SUDO }apt-get install -y --no-install-recommends chromium fonts-noto-core"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-noto-core
if ! path=$(command -v chromium); then
	echo "install-chromium: apt-get finished but there is still no chromium on PATH" >&2
	exit 1
fi
echo "install-chromium: installed $path: $(chromium --version 2>/dev/null || echo '?')"
