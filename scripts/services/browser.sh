#!/bin/sh
# Test service: Debian's Chromium for the browser tests (tests/web/test_web_browser.py drives it through
# Playwright with executable_path=/usr/bin/chromium; Playwright never downloads a browser of its own).
# Idempotent and quiet: nothing happens when it is already installed. Fails loudly when it cannot be installed,
# so that the browser tests fail rather than skip.
set -eu
CHROMIUM=/usr/bin/chromium
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo -n"; fi
  echo "services/browser.sh: installing chromium (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  tries=0
  until $SUDO apt-get install -y -qq --no-install-recommends chromium >/tmp/claimgraph-chromium-install.log 2>&1; do
    tries=$((tries + 1))
    if [ "$tries" -ge 3 ]; then
      echo "services/browser.sh: apt-get install chromium failed; see /tmp/claimgraph-chromium-install.log" >&2
      tail -n 20 /tmp/claimgraph-chromium-install.log >&2
      exit 1
    fi
    # the package lists may be missing or stale on a fresh machine: update them, then try again
    $SUDO apt-get update -qq >/dev/null 2>&1 || true
    sleep 2
  done
fi
"$CHROMIUM" --headless --no-sandbox --version >/dev/null 2>&1 || {
  echo "services/browser.sh: $CHROMIUM is installed but does not run" >&2
  exit 1
}
mkdir -p "${VENV:-.venv}/services"
echo "$CHROMIUM" > "${VENV:-.venv}/services/chromium"
