// Registry metadata every public @kennel/* package must carry; a regression here fails CI before a release.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { packageByName, publicPackages, ROOT, type ExportConditions, type WorkspacePackage } from './workspace.js';

const rootJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
const REPO_URL = 'git+https://github.com/kennel-dev/kennel.git';
/** Libraries whose version belongs to the user: always peers, never bundled as dependencies. */
const USER_OWNED = ['dd-trace', 'hot-shots', 'express', 'fastify', 'openai', '@anthropic-ai/sdk', '@opentelemetry/api'];

const PACKAGE_SPECIFIER = /^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*(\/[\w.-]+)*$/;

const packages = publicPackages();

/** Third-party packages `name` loads through its dependencies (its own and its @kennel dependencies'), with the folder that declares each. */
function thirdPartyDependencies(name: string, found = new Map<string, string>(), seen = new Set<string>()): Map<string, string> {
  const pkg = packageByName(name);
  for (const dep of Object.keys({ ...pkg.json.dependencies })) {
    if (seen.has(dep)) continue;
    seen.add(dep);
    if (dep.startsWith('@kennel/')) thirdPartyDependencies(dep, found, seen);
    else found.set(dep, pkg.dir);
  }
  return found;
}

/** Bare module specifiers a built file loads (static, dynamic, require and createRequire(...)('x')). */
function importedPackages(dir: string): Set<string> {
  const found = new Set<string>();
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const file = join(folder, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.(c|m)?js$/.test(entry.name)) {
        const code = readFileSync(file, 'utf8');
        for (const [, spec] of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*|createRequire\)?\([^()]*\)\s*\(\s*)["']([^"'\s]+)["']/g)) {
          if (!spec || !PACKAGE_SPECIFIER.test(spec) || spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]!)) continue;
          found.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
        }
      }
    }
  };
  walk(join(dir, 'dist'));
  return found;
}

/** Loads `specifier` in a fresh process and reports what changed globally (globals, process listeners, live handles). */
function observableSideEffects(dir: string, name: string, specifier: string, kind: 'import' | 'require'): string[] {
  // Third-party dependencies' own load-time effects (some register globals) are not kennel's; stdio handles open lazily.
  const preload = [...thirdPartyDependencies(name)]
    .map(([dep, owner]) => `createRequire(${JSON.stringify(join(owner, 'package.json'))})(${JSON.stringify(dep)});`)
    .join('\n');
  const probe = `
    ${preload}
    process.stdout; process.stderr;
    const snapshot = () => ({
      globals: Object.keys(globalThis).sort(),
      listeners: ['exit', 'beforeExit', 'SIGTERM', 'SIGINT', 'uncaughtException', 'unhandledRejection', 'warning'].map((e) => e + '=' + process.listenerCount(e)),
      handles: process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap').sort(),
    });
    const before = snapshot();
    ${kind === 'import' ? `await import(${JSON.stringify(specifier)});` : `require(${JSON.stringify(specifier)});`}
    await new Promise((r) => setImmediate(r));
    const after = snapshot();
    const diff = [];
    for (const key of Object.keys(after)) {
      const was = [...before[key]]; // a multiset: a second Timeout handle counts too
      for (const item of after[key]) {
        const at = was.indexOf(item);
        if (at === -1) diff.push(key + ': ' + item);
        else was.splice(at, 1);
      }
    }
    console.log(JSON.stringify(diff));
  `;
  const header = `import { createRequire } from 'node:module'; const require = createRequire(${JSON.stringify(join(dir, 'package.json'))});`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', `${header}\n${probe}`], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
    timeout: 20_000,
  });
  if (run.status !== 0) throw new Error(`loading ${specifier} failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as string[];
}

const subpathEntries = (pkg: WorkspacePackage) =>
  Object.entries(pkg.json.exports ?? {}).filter((entry): entry is [string, ExportConditions] => entry[0] !== './package.json');

test('there are public packages to check', () => {
  expect(packages.map((p) => p.json.name)).toEqual(expect.arrayContaining(['@kennel/core', '@kennel/metrics', '@kennel/tracing', '@kennel/express', '@kennel/fastify']));
});

test('the repository has an MIT LICENSE', () => {
  expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
});

describe.each(packages.map((p) => [p.json.name, p] as const))('%s', (name, pkg) => {
  const json = pkg.json;

  test('identity: scoped name, semver version, description, specific keywords', () => {
    expect(name).toMatch(/^@kennel\/[a-z][a-z-]*$/);
    expect(json.version).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?$/);
    expect(json.description?.length ?? 0).toBeGreaterThan(20);
    expect(json.keywords).toEqual(expect.arrayContaining(['datadog', 'kennel']));
    expect(new Set(json.keywords).size).toBe(json.keywords!.length);
    expect(json.keywords!.length, 'keywords beyond the generic ones').toBeGreaterThanOrEqual(5);
  });

  test('license, repository, homepage and bugs point at this repository', () => {
    expect(json.license).toBe('MIT');
    expect(readFileSync(join(pkg.dir, 'LICENSE'), 'utf8')).toBe(readFileSync(join(ROOT, 'LICENSE'), 'utf8'));
    expect(json.repository).toEqual({ type: 'git', url: REPO_URL, directory: pkg.path });
    expect(json.homepage).toBe(`https://github.com/kennel-dev/kennel/tree/main/${pkg.path}#readme`);
    expect(json.bugs?.url).toBe('https://github.com/kennel-dev/kennel/issues');
    expect(json.publishConfig?.access).toBe('public');
  });

  test('publishes only dist (+ README, LICENSE) and supports the same Node as the repository', () => {
    expect(json.files).toEqual(['dist', 'README.md', 'LICENSE']);
    expect(existsSync(join(pkg.dir, 'README.md')), 'the package has a README').toBe(true);
    expect(json.engines).toEqual({ node: rootJson.engines.node });
    expect(json.type).toBe('module');
  });

  test('exports: every subpath has import + require, types first, pointing at built files', () => {
    const entries = subpathEntries(pkg);
    expect(entries.map(([key]) => key)).toContain('.');
    expect(json.exports?.['./package.json']).toBe('./package.json');
    for (const [key, conditions] of entries) {
      expect(Object.keys(conditions), key).toEqual(['import', 'require']);
      expect(Object.keys(conditions.import), key).toEqual(['types', 'default']);
      expect(Object.keys(conditions.require), key).toEqual(['types', 'default']);
      expect(conditions.import.types, key).toMatch(/^\.\/dist\/.+\.d\.ts$/);
      expect(conditions.import.default, key).toMatch(/^\.\/dist\/.+\.js$/);
      expect(conditions.require.types, key).toMatch(/^\.\/dist\/.+\.d\.cts$/);
      expect(conditions.require.default, key).toMatch(/^\.\/dist\/.+\.cjs$/);
      for (const file of [conditions.import.types, conditions.import.default, conditions.require.types, conditions.require.default]) {
        expect(existsSync(join(pkg.dir, file)), `${file} is built`).toBe(true);
      }
    }
    const main = json.exports?.['.'] as ExportConditions;
    expect(json.main).toBe(main.require.default);
    expect(json.module).toBe(main.import.default);
    expect(json.types).toBe(main.require.types);
  });

  test('every module the build loads is a dependency or peer; user-owned libraries are peers (and dev deps for tests)', () => {
    const declared = { ...json.dependencies, ...json.peerDependencies };
    const missing = [...importedPackages(pkg.dir)].filter((dep) => !(dep in declared));
    expect(missing, 'loaded by dist but not declared').toEqual([]);
    for (const lib of USER_OWNED) {
      expect(json.dependencies?.[lib], `${lib} must not be a dependency`).toBeUndefined();
      if (json.peerDependencies?.[lib]) expect(json.devDependencies?.[lib], `${lib} peer is also a dev dependency`).toBeDefined();
    }
    for (const [dep, range] of Object.entries({ ...json.dependencies, ...json.peerDependencies })) {
      if (dep.startsWith('@kennel/')) expect(range, dep).toBe('workspace:^');
    }
    for (const dep of Object.keys(json.peerDependenciesMeta ?? {})) expect(json.peerDependencies?.[dep], `${dep} in peerDependenciesMeta`).toBeDefined();
  });

  test('sideEffects is accurate: listed files exist; every other entry loads without touching globals, listeners or handles', () => {
    const effectful = json.sideEffects === false ? [] : json.sideEffects;
    expect(Array.isArray(effectful), 'sideEffects is false or a list of files').toBe(true);
    for (const file of effectful as string[]) expect(existsSync(join(pkg.dir, file)), file).toBe(true);
    for (const [key, conditions] of subpathEntries(pkg)) {
      const pure = (file: string) => !(effectful as string[]).includes(file);
      const specifier = key === '.' ? name : `${name}${key.slice(1)}`;
      if (pure(conditions.import.default)) expect(observableSideEffects(pkg.dir, name, specifier, 'import'), `import ${specifier}`).toEqual([]);
      if (pure(conditions.require.default)) expect(observableSideEffects(pkg.dir, name, specifier, 'require'), `require ${specifier}`).toEqual([]);
    }
    for (const bin of Object.values(json.bin ?? {})) expect(effectful, `bin ${bin} runs on load`).toContain(bin);
  });
});
