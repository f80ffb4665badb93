#!/usr/bin/env bash
# README test command: bootstrap the toolchain, install (frozen lockfile), build, run every test.
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh"
cd "$KENNEL_ROOT"
pnpm install --frozen-lockfile
pnpm run build
pnpm run lint        # publint + attw on every published package
pnpm run typecheck   # tsc --noEmit, sources and tests
bash scripts/ensure-chromium.sh  # the at-daemon browser test drives Debian chromium
pnpm run test:all
