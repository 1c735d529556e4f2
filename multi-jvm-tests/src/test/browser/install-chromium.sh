#!/usr/bin/env bash
# Installs Debian's headless-capable Chromium for the browser scenarios (NetworkServesBlobsTest, the dashboard in
# NetworkSurvivesNodeFailuresTest), when it is missing and this build runs as root. Never fails the build: without Chromium the scenario is skipped and says why.
set -u
CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "[floe] $CHROMIUM is missing and this build is not root: the browser scenario will be skipped" \
       "(install Debian's 'chromium' package to run it)." >&2
  exit 0
fi
echo "[floe] installing Debian's chromium package for the browser scenario" >&2
if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; } >/dev/null; then
  echo "[floe] apt-get could not install chromium: the browser scenario will be skipped." >&2
fi
exit 0
