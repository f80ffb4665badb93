// Installs the packed tarballs into plain npm projects outside the workspace and runs real apps
// against a local agent: what a user gets from the registry, nothing borrowed from the monorepo.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startLocalAgent, type LocalAgent } from '@kennel/local-agent';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { packPublicPackages, readTarball } from '../../scripts/pack.mjs';
import { packageByName, publicPackages } from './workspace.js';

const run = promisify(execFile);
const APPS = join(import.meta.dirname, 'apps');

interface Packed {
  name: string;
  version: string;
  tarball: string;
}

let work: string;
let packed: Packed[];
let agent: LocalAgent;

/** The registry range kennel's own tests use for a user-owned library (from a package's devDependencies). */
function devRange(pkg: string, lib: string): string {
  const range = packageByName(pkg).json.devDependencies?.[lib];
  if (!range) throw new Error(`${pkg} has no devDependency on ${lib}`);
  return `${lib}@${range}`;
}

/** npm without the pnpm settings vitest was started with. */
function npmEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm|pnpm)_/i.test(key)));
}

/** A plain npm project in os.tmpdir() with only the named kennel tarballs (+ registry packages) installed. */
async function consumer(name: string, kennel: string[], registry: string[]): Promise<string> {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true }));
  const tarballs = kennel.map((pkg) => packed.find((p) => p.name === pkg)!.tarball);
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...tarballs, ...registry], { cwd: dir, env: npmEnv() });
  for (const file of readdirSync(APPS)) copyFileSync(join(APPS, file), join(dir, file));
  return dir;
}

const installedKennel = (dir: string) => readdirSync(join(dir, 'node_modules', '@kennel')).map((n) => `@kennel/${n}`).sort();

/** Runs an app in the consumer project against the agent; returns its last stdout line, parsed. */
async function runApp(dir: string, args: string[], env: Record<string, string>) {
  const { stdout } = await run(process.execPath, args, {
    cwd: dir,
    timeout: 30_000,
    env: {
      PATH: process.env.PATH ?? '',
      DD_ENV: 'consumer',
      DD_AGENT_HOST: '127.0.0.1',
      DD_DOGSTATSD_PORT: String(agent.ports.statsd),
      DD_TRACE_AGENT_URL: agent.url,
      DD_TRACE_STARTUP_LOGS: 'false',
      DD_INSTRUMENTATION_TELEMETRY_ENABLED: 'false',
      DD_REMOTE_CONFIGURATION_ENABLED: 'false',
      KENNEL_LOG_LEVEL: 'warn',
      ...env,
    },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as { status: number; body: unknown; ddTraceLoaded?: boolean };
}

let expressApp: string;
let fastifyApp: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'kennel-consumer-'));
  mkdirSync(join(work, 'tarballs'));
  packed = packPublicPackages(join(work, 'tarballs'));
  agent = await startLocalAgent({ tracePort: 0, statsdPort: 0, log: () => {} });
  // Both installs at once; npm's cache makes the second run of the suite fast.
  [expressApp, fastifyApp] = await Promise.all([
    consumer('express-consumer', ['@kennel/core', '@kennel/metrics', '@kennel/http', '@kennel/express'], [devRange('@kennel/metrics', 'hot-shots'), devRange('@kennel/express', 'express')]),
    consumer('fastify-consumer', ['@kennel/core', '@kennel/tracing', '@kennel/http', '@kennel/fastify'], [devRange('@kennel/tracing', 'dd-trace'), devRange('@kennel/fastify', 'fastify')]),
  ]);
});

afterAll(async () => {
  await agent?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('every public package was packed with only its built files, and workspace:^ rewritten to the real version range', () => {
  expect(packed.map((p) => p.name).sort()).toEqual(publicPackages().map((p) => p.json.name).sort());
  for (const p of packed) {
    const files = readTarball(p.tarball);
    const stray = [...files.keys()].filter((path) => !/^(dist\/.+|package\.json|README\.md|LICENSE)$/.test(path) || /\.test\./.test(path));
    expect(stray, `${p.name}: only dist, package.json, README.md and LICENSE are published`).toEqual([]);
    expect([...files.keys()], p.name).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE']));
    const manifest = JSON.parse(files.get('package.json')!.toString('utf8'));
    const workspace = packageByName(p.name).json;
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies'] as const) {
      for (const [dep, range] of Object.entries((manifest[field] ?? {}) as Record<string, string>)) {
        expect(range, `${p.name} ${field}.${dep}`).not.toMatch(/^workspace:/);
        if (dep.startsWith('@kennel/')) expect(range, `${p.name} → ${dep}`).toBe(`^${packageByName(dep).json.version}`);
        else expect(range, `${p.name} → ${dep}`).toBe({ ...workspace.dependencies, ...workspace.peerDependencies }[dep]);
      }
    }
  }
});

describe('core + metrics + express from tarballs, in a plain npm project', () => {
  test('only the kennel packages asked for (and @kennel/http, express’s dependency) are installed', () => {
    expect(installedKennel(expressApp)).toEqual(['@kennel/core', '@kennel/express', '@kennel/http', '@kennel/metrics']);
  });

  test.each([
    ['esm', 'express-app.mjs'],
    ['cjs', 'express-app.cjs'],
  ])('%s app: serves a request through the middleware; the metric and the request metrics reach the agent', async (flavour, script) => {
    const service = `consumer-${flavour}`;
    const result = await runApp(expressApp, [script], { DD_SERVICE: service });
    expect(result).toEqual({ status: 200, body: { hello: flavour } });
    // shutdown() resolved before the app printed, so everything was flushed: no waiting needed beyond UDP delivery.
    const sent = await agent.store.waitForMetric('consumer.sent', (m) => m.tags.includes(`flavour:${flavour}`), { timeoutMs: 5000 });
    expect(sent).toMatchObject({ type: 'c', value: 1 });
    expect(sent.tags).toEqual(expect.arrayContaining([`service:${service}`, 'env:consumer']));
    const request = await agent.store.waitForMetric('http.server.requests', (m) => m.tags.includes(`service:${service}`), { timeoutMs: 5000 });
    expect(request.tags).toEqual(expect.arrayContaining(['route:/hello/:name', 'status_code:200', 'method:GET']));
  });
});

describe('core + tracing + fastify from tarballs, in a plain npm project', () => {
  test('only the kennel packages asked for (and @kennel/http, fastify’s dependency) are installed', () => {
    expect(installedKennel(fastifyApp)).toEqual(['@kennel/core', '@kennel/fastify', '@kennel/http', '@kennel/tracing']);
  });

  test('node --import @kennel/tracing/register: the request span arrives, named by route template', async () => {
    const result = await runApp(fastifyApp, ['--import', '@kennel/tracing/register', 'fastify-app.mjs'], { DD_SERVICE: 'consumer-fastify' });
    expect(result).toEqual({ status: 200, body: { hello: 'fastify' }, ddTraceLoaded: true });
    const [span] = await agent.store.waitForSpans((s) => s.service === 'consumer-fastify' && s.type === 'web', { timeoutMs: 10_000 });
    expect(span).toMatchObject({ resource: 'GET /hello/:name', error: 0 });
    expect(span!.meta).toMatchObject({ 'http.route': '/hello/:name', 'http.status_code': '200', env: 'consumer' });
  });
});
