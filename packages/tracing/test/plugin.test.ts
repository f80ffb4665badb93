import http from 'node:http';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startLocalAgent, type LocalAgent, type StoredSpan } from '@kennel/local-agent';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runScenario } from './run-scenario.js';

let agent: LocalAgent;
beforeAll(async () => {
  agent = await startLocalAgent({ tracePort: 0, statsdPort: 0, log: () => {} });
});
afterAll(() => agent.close());

/** Generous: CI runs every project at once on 2 cores. Only bounds a failure; nothing is timed. */
const WAIT_MS = 15_000;
const env = () => ({ DD_TRACE_AGENT_URL: agent.url, DD_ENV: 'test' });
const byName = (spans: StoredSpan[], name: string) => {
  const span = spans.find((s) => s.name === name);
  if (!span) throw new Error(`no span named ${name}; got ${spans.map((s) => s.name).join(', ')}`);
  return span;
};
const decimal = (hexOrDecimal: unknown) => String(hexOrDecimal);

describe('through the plugin API', () => {
  test.each([['true'], ['false']])('nested spans arrive with names, resources, unified tags, parentage, error tags and scrubbed tags (scrubAllSpans: %s)', async (scrubAll) => {
    const service = `svc-nested-${scrubAll}`;
    const run = await runScenario('nested.mjs', { ...env(), DD_SERVICE: service, SCRUB_ALL_SPANS: scrubAll });
    expect(run.code, run.stderr).toBe(0);
    const spans = await agent.store.waitForSpans((s) => s.service === service, { count: 6, timeoutMs: WAIT_MS });
    const report = run.report;

    const root = byName(spans, 'checkout');
    expect(root).toMatchObject({ resource: 'POST /checkout', type: 'web', parent_id: '0', error: 0 });
    expect(root.span_id).toBe(decimal(report['root']));
    expect(root.meta).toMatchObject({ env: 'test', version: '1.2.3', team: 'core', 'user.email': '[redacted]', plan: 'gold' });
    expect(root.meta).not.toHaveProperty('coupon');
    expect(root.metrics['cart']).toBe(3);

    const price = byName(spans, 'price');
    expect(price.parent_id).toBe(root.span_id);
    expect(report['syncValue']).toBe(42);

    const charge = byName(spans, 'charge');
    expect(charge).toMatchObject({ parent_id: root.span_id, resource: 'stripe.charge', error: 1 });
    expect(charge.meta).toMatchObject({ 'error.type': 'TypeError', 'error.message': 'card declined' });
    expect(charge.meta['error.stack']).toContain('TypeError: card declined');
    expect(report['sameError']).toBe(true);

    const validate = byName(spans, 'validate');
    expect(validate).toMatchObject({ parent_id: root.span_id, error: 1 });
    expect(validate.meta['error.type']).toBe('RangeError');
    expect(report['syncError']).toBe(true);

    const manual = byName(spans, 'manual');
    expect(manual).toMatchObject({ parent_id: root.span_id, resource: 'manual.res' });
    expect(manual.meta['kind']).toBe('manual');
    expect(report['injected']).toEqual(expect.arrayContaining(['x-datadog-parent-id', 'x-datadog-trace-id', 'traceparent']));

    const downstream = byName(spans, 'downstream');
    expect(downstream.trace_id).toBe(root.trace_id);
    expect(downstream.parent_id).toBe(manual.span_id);

    for (const span of spans) expect(span.trace_id).toBe(root.trace_id);
    expect(report['stats']).toMatchObject({ droppedPayloads: 0, exportErrors: 0, droppedTags: 1 });
  });

  test('disabled: the callbacks run, nothing reaches the agent and dd-trace is never loaded', async () => {
    const run = await runScenario('disabled.mjs', { ...env(), DD_TRACE_ENABLED: 'false' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.report).toEqual({ value: 7, state: 'disabled', ddTraceModulesLoaded: 0, tracer: 'undefined' });
    // Never even resolved: with dd-trace made unresolvable the plugin is still just disabled, not failed.
    const unresolvable = await runScenario('disabled.mjs', { ...env(), DD_TRACE_ENABLED: 'false' }, ['--import', './test/scenarios/hide-dd-trace.mjs']);
    expect(unresolvable.report).toMatchObject({ value: 7, state: 'disabled' });
    // The register entry honours the flag too.
    const registered = await runScenario('disabled.mjs', { ...env(), DD_TRACE_ENABLED: 'false' }, ['--import', '@kennel/tracing/register']);
    expect(registered.report).toEqual({ value: 7, state: 'disabled', ddTraceModulesLoaded: 0, tracer: 'undefined' });
    // A control scenario that does trace, sent after: once its spans are in, any from the disabled run would be too.
    await runScenario('agent-absent.mjs', { ...env(), DD_SERVICE: 'svc-after-disabled', SPANS: '50' });
    await agent.store.waitForSpans((s) => s.service === 'svc-after-disabled', { count: 50, timeoutMs: WAIT_MS });
    expect(agent.store.spans({ service: 'svc-disabled' })).toHaveLength(0);
  });

  test('opentelemetry: spans made with @opentelemetry/api join the kennel trace', async () => {
    const run = await runScenario('otel.mjs', env());
    expect(run.code, run.stderr).toBe(0);
    const spans = await agent.store.waitForSpans((s) => s.service === 'svc-otel', { count: 3, timeoutMs: WAIT_MS });
    const parent = byName(spans, 'kennel.parent');
    const child = spans.find((s) => s.resource === 'otel.child' || s.name === 'otel.child');
    expect(child, JSON.stringify(spans.map((s) => [s.name, s.resource]))).toBeDefined();
    expect(child!.trace_id).toBe(parent.trace_id);
    expect(child!.parent_id).toBe(parent.span_id);
    expect(child!.meta['step']).toBe('one');
    expect(run.stderr).not.toContain('OpenTelemetry interop is off');
    const grandchild = byName(spans, 'kennel.grandchild');
    expect(grandchild.parent_id).toBe(child!.span_id);
  });

  test('agent.traceUrl unix:// sends over a Unix domain socket', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kennel-uds-'));
    const socket = join(dir, 'apm.sock');
    // The local agent listens on TCP: a tiny UDS front relays each request to it unchanged.
    const target = new URL(agent.url);
    const relay = http.createServer((req, res) => {
      const forward = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      req.pipe(forward);
    });
    await new Promise<void>((resolve) => relay.listen(socket, resolve));
    try {
      const run = await runScenario('basic.mjs', { DD_TRACE_AGENT_URL: `unix://${socket}`, DD_SERVICE: 'svc-uds' });
      expect(run.code, run.stderr).toBe(0);
      const [span] = await agent.store.waitForSpans((s) => s.service === 'svc-uds', { timeoutMs: WAIT_MS });
      expect(span!.name).toBe('basic');
    } finally {
      relay.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a tracer the app initialised itself is adopted as is, and kennel says so', async () => {
    const run = await runScenario('basic.mjs', { ...env(), DD_SERVICE: 'svc-external' }, ['--require', 'dd-trace/init']);
    expect(run.code, run.stderr).toBe(0);
    const [span] = await agent.store.waitForSpans((s) => s.service === 'svc-external', { timeoutMs: WAIT_MS });
    expect(span!.trace_id).toBe(String(run.report['trace']));
    expect(run.stderr).toContain('dd-trace was initialised before kennel; kennel uses that tracer as is');
  });

  test('dd-trace not installed: a clear error, a no-op API, the app runs', async () => {
    const run = await runScenario('basic.mjs', env(), ['--import', './test/scenarios/hide-dd-trace.mjs']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.report['status']).toMatchObject([{ name: 'tracing', state: 'failed', reason: expect.stringContaining('npm install dd-trace') }]);
    expect(run.report['trace']).toBe('0');
    expect(run.stderr).toContain('KENNEL_ERR_PLUGIN_SETUP_FAILED');
  });

  test("opentelemetry: when the app's OTel API cannot see dd-trace's provider, kennel says so", async () => {
    // A copy of the installed API that announces 1.10.0: newer than dd-trace 6.21 accepts (<1.10.0).
    const dir = mkdtempSync(join(tmpdir(), 'kennel-otel-'));
    const installed = dirname(dirname(dirname(createRequire(import.meta.url).resolve('@opentelemetry/api'))));
    cpSync(installed, dir, { recursive: true, dereference: true });
    const versionFile = join(dir, 'build/src/version.js');
    writeFileSync(versionFile, readFileSync(versionFile, 'utf8').replace(/VERSION = '[^']+'/, "VERSION = '1.10.0'"));
    const run = await runScenario('otel-mismatch.mjs', { ...env(), NEWER_OTEL_API: dir }, ['--import', './test/scenarios/newer-otel-api.mjs']);
    rmSync(dir, { recursive: true, force: true });
    expect(run.code, run.stderr).toBe(0);
    expect(run.report).toEqual({ recording: false }); // the app's spans really go nowhere
    expect(run.stderr).toContain("OpenTelemetry interop is off: the app's @opentelemetry/api does not see dd-trace's TracerProvider");
  });

  test('agent absent: the app runs to the end, flush resolves, nothing unhandled, memory bounded', async () => {
    const closed = await startLocalAgent({ tracePort: 0, statsdPort: 0, log: () => {} });
    await closed.close();
    const run = await runScenario('agent-absent.mjs', { DD_TRACE_AGENT_URL: closed.url, SPANS: '20000' }, ['--expose-gc']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.report['done']).toBe(20000);
    expect(run.report['unhandled']).toEqual([]);
    // 20 000 spans of ~300 bytes each were created, encoded and failed to send: they must not pile up.
    expect(run.report['growthMb']).toBeLessThan(32);
  });

  test('an agent answering errors: the lost payload is counted and reported', async () => {
    const run = await runScenario('error-agent.mjs', {});
    expect(run.code, run.stderr).toBe(0);
    expect(run.report['stats']).toMatchObject({ exportErrors: 1, droppedPayloads: 0 });
    expect(run.stderr).toContain('[kennel:tracing] warn: dd-trace could not send a trace payload');
  });

  test('an agent that never answers: "Maximum active request buffer size reached" is counted, not silent', async () => {
    const run = await runScenario('buffer-full.mjs', {});
    expect(run.code, run.stderr).toBe(0);
    expect((run.report['stats'] as { droppedPayloads: number }).droppedPayloads).toBeGreaterThan(0);
    expect(run.stderr).toContain('[kennel:tracing] warn: dd-trace discarded a trace payload: its active request buffer is full');
  });
});

describe('through @kennel/tracing/register', () => {
  const webSpan = (spans: StoredSpan[]) => spans.find((s) => s.meta['span.kind'] === 'server');

  test('an ESM app that imports fastify first gets request spans, with auto-instrumented tags scrubbed', async () => {
    const run = await runScenario('register-esm.mjs', { ...env(), DD_SERVICE: 'svc-esm' }, ['--import', '@kennel/tracing/register']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.report).toEqual({ status: 200, body: { id: '42' } });
    const spans = await agent.store.waitForSpans((s) => s.service === 'svc-esm' && s.meta['span.kind'] === 'server', { timeoutMs: WAIT_MS });
    const server = webSpan(spans)!;
    expect(server.resource).toBe('GET /users/:id');
    expect(server.meta['http.route']).toBe('/users/:id');
    expect(server.meta['http.useragent']).toBe('[scrubbed]');
    expect(server.meta['version']).not.toBe('9.9.9');
    expect(run.stderr).toContain('tracing was started by @kennel/tracing/register from environment variables; these options of this kennel do not apply to it: version');
  });

  test('control: the same ESM app without the register entry is warned about', async () => {
    const run = await runScenario('register-esm.mjs', { ...env(), DD_SERVICE: 'svc-esm-late' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('fastify loaded before dd-trace started');
    // The client side (fetch, loaded after dd-trace) is traced; the server side (fastify, loaded before) is not.
    await agent.store.waitForSpans((s) => s.service === 'svc-esm-late' && s.meta['span.kind'] === 'client' && s.name === 'http.request', { timeoutMs: WAIT_MS });
    expect(agent.store.spans({ service: 'svc-esm-late' }).filter((s) => s.meta['span.kind'] === 'server')).toEqual([]);
  });

  test.each([['--import'], ['--require']])('a CommonJS app started with %s gets http server spans', async (flag) => {
    const service = `svc-cjs${flag}`;
    const run = await runScenario('register-cjs.cjs', { ...env(), DD_SERVICE: service }, [flag, '@kennel/tracing/register']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.report).toEqual({ status: 200 });
    const spans = await agent.store.waitForSpans((s) => s.service === service && s.meta['span.kind'] === 'server', { timeoutMs: WAIT_MS });
    const server = webSpan(spans)!;
    expect(server.name).toBe('web.request');
    expect(server.meta['http.url']).toContain('/health');
    expect(server.meta['http.status_code']).toBe('200');
  });
});
