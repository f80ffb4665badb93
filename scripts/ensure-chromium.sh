#!/usr/bin/env bash
# Makes sure Debian's chromium is at /usr/bin/chromium for the browser test (apps/at-daemon).
# Idempotent: does nothing when it is already installed; installs it with apt-get when run as root;
# otherwise says how. Never fails the caller: the browser test itself decides (it must run in CI).
set -uo pipefail
CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "kennel: installing chromium for the browser test (apt-get)" >&2
  # Another apt/dpkg run may hold the lock: wait for it rather than fail.
  for attempt in 1 2 3 4 5 6; do
    if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; then
      exit 0
    fi
    echo "kennel: apt-get failed (attempt $attempt; dpkg lock held?), retrying in 10 s" >&2
    sleep 10
  done
  echo "kennel: could not install chromium" >&2
else
  echo "kennel: $CHROMIUM is missing; the browser test needs it. Install it with: sudo apt-get install -y chromium" >&2
fi
exit 0
