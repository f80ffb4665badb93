#!/usr/bin/env bash
# README demo command: bootstrap the toolchain, install, build, start the local agent + demo daemon.
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh"
cd "$KENNEL_ROOT"
pnpm install --frozen-lockfile
pnpm run build
exec pnpm run demo
