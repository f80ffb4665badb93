# shellcheck shell=bash
# Sourced by the README commands: makes Node >= 22 and pnpm 10.34.9 available on PATH,
# installing them into ./.tools from the npm registry when the machine lacks them.
set -euo pipefail
KENNEL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KENNEL_TOOLS="$KENNEL_ROOT/.tools"
PNPM_VERSION="10.34.9"
NODE_MAJOR_MIN=22
export CI="${CI:-true}"   # no-TTY installs abort on pnpm's interactive prompts otherwise

node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e "process.exit(+process.versions.node.split('.')[0] >= $NODE_MAJOR_MIN ? 0 : 1)" 2>/dev/null
}
pnpm_ok() { command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null)" = "$PNPM_VERSION" ]; }

if [ -x "$KENNEL_TOOLS/node_modules/.bin/node" ]; then
  export PATH="$KENNEL_TOOLS/node_modules/.bin:$PATH"
fi
if ! node_ok || ! pnpm_ok; then
  echo "kennel: installing node@24 and pnpm@$PNPM_VERSION into .tools/ (system node: $(node --version 2>/dev/null || echo none))" >&2
  command -v npm >/dev/null 2>&1 || { echo "kennel: npm is required to bootstrap the toolchain" >&2; exit 1; }
  mkdir -p "$KENNEL_TOOLS"
  [ -f "$KENNEL_TOOLS/package.json" ] || echo '{"private":true,"name":"kennel-tools"}' >"$KENNEL_TOOLS/package.json"
  npm install --prefix "$KENNEL_TOOLS" --no-audit --no-fund --loglevel=error "node@24" "pnpm@$PNPM_VERSION" >&2
  export PATH="$KENNEL_TOOLS/node_modules/.bin:$PATH"
fi
node_ok || { echo "kennel: could not provide Node >= $NODE_MAJOR_MIN" >&2; exit 1; }
pnpm_ok || { echo "kennel: could not provide pnpm $PNPM_VERSION" >&2; exit 1; }
export COREPACK_ENABLE_STRICT=0
echo "kennel: node $(node --version), pnpm $(pnpm --version)" >&2
