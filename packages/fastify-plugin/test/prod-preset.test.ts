import { fileURLToPath } from 'node:url';
import { startLocalAgent, type LocalAgent, type StoredSpan } from '@kennel/local-agent';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startChildApp } from '../../http/test/child-app.js';

// The prod config preset traces with the lean preset: kennel's middleware opens the web spans. A
// server it does not serve turns dd-trace's own server spans back on, with a warning.
let agent: LocalAgent;
let spans: StoredSpan[];
let before: { url: string; serverSpans: string; watching: boolean };
let after: { serverSpans: string };
let stderr: string;
const webSpans = () => agent.store.spans().filter((s) => s.type === 'web' && s.parent_id === '0');

beforeAll(async () => {
  agent = await startLocalAgent({ tracePort: 0, statsdPort: 0, log: () => {} });
  const app = await startChildApp(fileURLToPath(new URL('./prod-preset.mjs', import.meta.url)), agent, { traced: true, env: { DD_ENV: 'production' } });
  before = (await (await fetch(`${app.base}/plain`)).json()) as typeof before;
  expect((await fetch(`${app.base}/users/1`)).status).toBe(200);
  expect((await fetch(`${app.base}/opted-out`)).status).toBe(200); // an opted-out route is still kennel's server
  await agent.store.waitForSpans((s) => s.resource === 'GET /users/:id', { count: 1, timeoutMs: 10_000 });
  expect(await (await fetch(before.url)).text()).toBe('plain'); // the server kennel does not serve
  expect(await (await fetch(before.url)).text()).toBe('plain');
  after = (await (await fetch(`${app.base}/plain`)).json()) as typeof after;
  expect((await fetch(`${app.base}/users/2`)).status).toBe(200);
  const exit = await app.stop();
  expect(exit.code, exit.stderr).toBe(0);
  stderr = exit.stderr;
  spans = await agent.store.waitForSpans((s) => s.type === 'web' && s.parent_id === '0', { count: 5, timeoutMs: 10_000 });
}, 40_000);
afterAll(() => agent?.close());

test("the prod config preset is the lean preset: kennel's middleware opens the web spans, and watches for servers it does not serve", () => {
  expect(before).toMatchObject({ serverSpans: 'kennel', watching: true });
  const first = spans.find((s) => s.resource === 'GET /users/:id')!;
  expect(first).toMatchObject({ name: 'web.request', version: 'v0.5' });
  expect(first.meta['_dd.code_origin.type']).toBeUndefined(); // code origin off, as the lean preset sets
});

test("a response from a server kennel does not serve turns dd-trace's server spans back on, once, with a warning", () => {
  expect(after.serverSpans).toBe('dd-trace');
  const warnings = stderr.split('\n').filter((line) => line.includes('neither @kennel/fastify nor @kennel/express serves'));
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toContain('KENNEL_TRACING_PRESET=default');
  // The first plain request went untraced; the second has dd-trace's span, named by method only.
  const plain = webSpans().filter((s) => s.meta['http.url']?.endsWith('/plain') && s.meta['http.url'].includes(new URL(before.url).port));
  expect(plain.map((s) => s.resource)).toEqual(['GET']);
  // The opted-out route, and the /plain route itself, are kennel's server: they never set the watch off.
  expect(webSpans().some((s) => s.meta['http.url']?.endsWith('/opted-out'))).toBe(false);
});

test("kennel's server keeps one web span per request, named by route, once dd-trace's are back", () => {
  const users = webSpans().filter((s) => s.meta['http.url']?.includes('/users/'));
  expect(users.map((s) => s.resource)).toEqual(['GET /users/:id', 'GET /users/:id']);
});
