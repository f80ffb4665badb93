// The release path CI can run without credentials: `pnpm publish --dry-run` for every public package.
import { execFileSync } from 'node:child_process';
import { expect, test } from 'vitest';
import { publicPackages, ROOT } from './workspace.js';

test('pnpm -r publish --dry-run publishes every public package at its version', () => {
  const out = execFileSync('pnpm', ['-r', '--filter', './packages/**', 'publish', '--dry-run', '--no-git-checks'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const published = [...out.matchAll(/^\+ (@kennel\/[\w-]+)@(\S+)$/gm)].map(([, name, version]) => `${name}@${version}`).sort();
  expect(published).toEqual(publicPackages().map((p) => `${p.json.name}@${p.json.version}`).sort());
});
