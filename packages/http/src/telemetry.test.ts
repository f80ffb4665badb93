import { EventEmitter } from 'node:events';
import { definePlugin } from '@kennel/core';
import { describe, expect, test, vi } from 'vitest';
import { FakeMetrics, FakeSpan, FakeTracing, FlushingMetrics, fakeKennel } from '../test/fakes.js';
import { OUTCOME_QUEUE_CAPACITY } from './outcome-queue.js';
import { createHttpTelemetry } from './telemetry.js';

const get = (url: string, headers: Record<string, string> = {}) => ({ method: 'GET', url, headers });

async function setup(options: Parameters<typeof createHttpTelemetry>[1] = {}, env: Record<string, string> = {}) {
  const tracing = new FakeTracing();
  const metrics = new FakeMetrics();
  tracing.initialTags = { 'http.url': 'http://localhost/x' };
  const kennel = await fakeKennel({ tracing, metrics });
  return { tracing, metrics, telemetry: createHttpTelemetry(kennel, options, env) };
}

describe('metrics', () => {
  test('matched route: template, status code and class, error flag', async () => {
    const { metrics, telemetry } = await setup();
    const state = telemetry.start(get('/users/42'))!;
    telemetry.setRoute(state, '/users/:id');
    telemetry.finish(state, 200, {}, {});
    expect(metrics.sent.map((m) => [m.type, m.name])).toEqual([
      ['increment', 'http.server.requests'],
      ['distribution', 'http.server.duration'],
    ]);
    expect(metrics.requests()).toEqual([['method:GET', 'route:/users/:id', 'status_code:200', 'status_class:2xx', 'error:false']]);
    expect(metrics.sent[1]!.value).toBeGreaterThanOrEqual(0);
  });

  test('unmatched requests get the fixed route tag, never the raw URL', async () => {
    const { metrics, telemetry } = await setup();
    telemetry.finish(telemetry.start(get('/no/such/thing?id=7'))!, 404, {}, {});
    expect(metrics.requests()[0]).toEqual(['method:GET', 'route:unmatched', 'status_code:404', 'status_class:4xx', 'error:false']);
  });

  test('5xx are errors by default; errorStatuses accepts codes, ranges and predicates', async () => {
    const byDefault = await setup();
    byDefault.telemetry.finish(byDefault.telemetry.start(get('/'))!, 503, {}, {});
    expect(byDefault.metrics.requests()[0]).toContain('error:true');

    const listed = await setup({ errorStatuses: [404, [500, 502]] });
    for (const status of [404, 501, 503]) listed.telemetry.finish(listed.telemetry.start(get('/'))!, status, {}, {});
    expect(listed.metrics.requests().map((t) => t.at(-1))).toEqual(['error:true', 'error:true', 'error:false']);

    const fn = await setup({ errorStatuses: (s) => s === 418 });
    expect(fn.telemetry.isErrorStatus(418)).toBe(true);
    expect(fn.telemetry.isErrorStatus(500)).toBe(false);
  });

  test('finish is idempotent and metricTags are appended (DogStatsD separators sanitised)', async () => {
    const { metrics, telemetry } = await setup({ metricTags: () => ({ tenant: 'a|b', skip: undefined }) });
    const state = telemetry.start(get('/'))!;
    telemetry.setRoute(state, '/a,b');
    telemetry.finish(state, 200, {}, {});
    telemetry.finish(state, 500, {}, {});
    expect(metrics.requests()).toEqual([['method:GET', 'route:/a_b', 'status_code:200', 'status_class:2xx', 'error:false', 'tenant:a_b']]);
  });

  test('metrics-only: no tracing plugin, still metrics and request ids', async () => {
    const metrics = new FakeMetrics();
    const telemetry = createHttpTelemetry(await fakeKennel({ metrics }), {}, {});
    expect(telemetry.traced).toBe(false);
    const state = telemetry.start(get('/'))!;
    expect(state.span).toBeUndefined();
    expect(state.traceId).toBeUndefined();
    expect(state.requestId).toMatch(/^[0-9a-f-]{36}$/);
    telemetry.setRoute(state, '/');
    telemetry.tagOutcome(state, 200, {}, {});
    telemetry.finish(state, 200, {}, {});
    expect(metrics.requests()).toHaveLength(1);
  });

  test('a metrics client that flushes: outcomes wait for its flush (or a full queue), then arrive as they would have', async () => {
    const metrics = new FlushingMetrics();
    const telemetry = createHttpTelemetry(await fakeKennel({ metrics }), {}, {});
    const finishAt = (route: string | undefined, status: number) => {
      const state = telemetry.start(get('/x'))!;
      if (route) telemetry.setRoute(state, route);
      telemetry.finish(state, status, {}, {});
    };
    expect(metrics.listeners.size).toBe(0); // nothing held, nothing listening
    finishAt('/a/:id', 200);
    finishAt(undefined, 404);
    finishAt('/a/:id', 503);
    expect(metrics.sent).toEqual([]);
    expect(metrics.listeners.size).toBe(1);
    metrics.flush();
    expect(metrics.requests()).toEqual([
      ['method:GET', 'route:/a/:id', 'status_code:200', 'status_class:2xx', 'error:false'],
      ['method:GET', 'route:unmatched', 'status_code:404', 'status_class:4xx', 'error:false'],
      ['method:GET', 'route:/a/:id', 'status_code:503', 'status_class:5xx', 'error:true'],
    ]);
    expect(metrics.durations()).toHaveLength(3);
    expect(metrics.durations().every((ms) => ms >= 0)).toBe(true);
    expect(metrics.listeners.size).toBe(0); // an idle telemetry keeps no listener on the client
    metrics.flush();
    expect(metrics.requests()).toHaveLength(3); // nothing recorded twice

    for (let i = 0; i < OUTCOME_QUEUE_CAPACITY + 1; i++) finishAt('/b', 200);
    expect(metrics.requests()).toHaveLength(3 + OUTCOME_QUEUE_CAPACITY); // a full queue is recorded at once
    metrics.flush();
    expect(metrics.requests()).toHaveLength(4 + OUTCOME_QUEUE_CAPACITY);
  });

  test('a client that holds nothing between flushes (mock mode) gets each outcome at once; metricTags are never held', async () => {
    const mock = new FlushingMetrics(false);
    const telemetry = createHttpTelemetry(await fakeKennel({ metrics: mock }), {}, {});
    telemetry.finish(telemetry.start(get('/'))!, 200, {}, {});
    expect(mock.requests()).toHaveLength(1);

    const flushing = new FlushingMetrics();
    const tagged = createHttpTelemetry(await fakeKennel({ metrics: flushing }), { metricTags: () => ({ tenant: 'a' }) }, {});
    tagged.finish(tagged.start(get('/'))!, 200, {}, {});
    expect(flushing.requests()).toEqual([['method:GET', 'route:unmatched', 'status_code:200', 'status_class:2xx', 'error:false', 'tenant:a']]);
  });

  test('a flushing client that throws is contained: as it subscribes, and as held outcomes are recorded', async () => {
    const warnings: string[] = [];
    const withWarnings = async (metrics: FakeMetrics) => {
      const kennel = await fakeKennel({ metrics });
      return createHttpTelemetry({ ...kennel, logger: { ...kennel.logger, warn: (m: string) => warnings.push(m) } }, {}, {});
    };
    const failing = new FlushingMetrics();
    failing.increment = () => {
      throw new Error('socket gone');
    };
    const telemetry = await withWarnings(failing);
    expect(() => telemetry.finish(telemetry.start(get('/'))!, 200, {}, {})).not.toThrow();
    expect(() => failing.flush()).not.toThrow();
    expect(warnings).toEqual(['request telemetry failed in finish; the request is unaffected']);

    const refusing = new FlushingMetrics();
    refusing.onFlush = () => {
      throw new Error('listener refused');
    };
    const other = await withWarnings(refusing);
    expect(() => other.finish(other.start(get('/'))!, 200, {}, {})).not.toThrow();
    expect(refusing.requests()).toHaveLength(1); // recorded at once instead
  });

  test('no plugins at all: every call is a harmless no-op', async () => {
    const telemetry = createHttpTelemetry(await fakeKennel(), {}, {});
    const state = telemetry.start(get('/'))!;
    telemetry.setRoute(state, '/');
    telemetry.finish(state, 200, {}, {});
    expect(state.done).toBe(true);
  });
});

describe('spans', () => {
  test('resource is METHOD + template and http.route is set', async () => {
    const { tracing, telemetry } = await setup();
    const state = telemetry.start(get('/users/42'))!;
    telemetry.setRoute(state, '/users/:id');
    expect(tracing.last().tags).toMatchObject({ 'resource.name': 'GET /users/:id', 'http.route': '/users/:id' });
    expect(state.traceId).toBe(`trace-${tracing.last().id}`);
    expect(state.spanId).toBe(tracing.last().id);
  });

  test('a resource set before kennel names the span is kept; one set after simply overwrites', async () => {
    const { tracing, telemetry } = await setup();
    tracing.initialTags = { 'resource.name': 'custom' };
    telemetry.setRoute(telemetry.start(get('/a'))!, '/a');
    expect(tracing.last().tags['resource.name']).toBe('custom');
  });

  test('unmatched requests get a fixed resource and no http.route', async () => {
    const { tracing, telemetry } = await setup();
    telemetry.setRoute(telemetry.start(get('/nope'))!, undefined);
    expect(tracing.last().tags['resource.name']).toBe('GET unmatched');
    expect(tracing.last().tags).not.toHaveProperty('http.route');
  });

  test('routeTagAtFinish: the resource at once, http.route at the finish only where nobody set it', async () => {
    const { tracing, telemetry } = await setup();
    const missing = telemetry.start(get('/users/42'))!;
    telemetry.setRoute(missing, '/users/:id', true);
    expect(tracing.last().tags['resource.name']).toBe('GET /users/:id');
    expect(tracing.last().tags).not.toHaveProperty('http.route');
    telemetry.tagOutcome(missing, 200, {}, {});
    expect(tracing.last().tags['http.route']).toBe('/users/:id');

    const recorded = telemetry.start(get('/users/42'))!;
    telemetry.setRoute(recorded, '/users/:id', true);
    tracing.last().setTag('http.route', '/set/by/someone');
    telemetry.tagOutcome(recorded, 200, {}, {});
    expect(tracing.last().tags['http.route']).toBe('/set/by/someone');
  });

  test('routeTagAtFinish does not hold back a request that moved on to another route', async () => {
    const { tracing, telemetry } = await setup();
    const state = telemetry.start(get('/passed/1'))!;
    telemetry.setRoute(state, '/passed/:id', true);
    telemetry.setRoute(state, '/passed/:name', true);
    expect(tracing.last().tags).toMatchObject({ 'resource.name': 'GET /passed/:name', 'http.route': '/passed/:name' });
  });

  test('resourceNames: false leaves naming to dd-trace', async () => {
    const { tracing, telemetry } = await setup({ resourceNames: false });
    const state = telemetry.start(get('/a'))!;
    telemetry.setRoute(state, '/a');
    telemetry.tagOutcome(state, 200, {}, {});
    expect(tracing.last().tags['resource.name']).toBeUndefined();
    expect(tracing.last().tags).not.toHaveProperty('http.route');
  });

  test('error status tags the span, with the thrown error when there is one', async () => {
    const { tracing, telemetry } = await setup();
    const state = telemetry.start(get('/'))!;
    const boom = new Error('boom');
    state.error = boom;
    telemetry.tagOutcome(state, 500, {}, {});
    expect(tracing.last().tags).toMatchObject({ 'kennel.http.error': true, error: boom });
    const ok = telemetry.start(get('/'))!;
    telemetry.tagOutcome(ok, 404, {}, {});
    expect(tracing.last().tags['kennel.http.error']).toBeUndefined();
  });

  test("follow, under dd-trace's server span: outcome tags and metrics as the span finishes, no response listener", async () => {
    const { tracing, metrics, telemetry } = await setup();
    const raw = Object.assign(new EventEmitter(), { statusCode: 200, writableEnded: false });
    telemetry.follow(telemetry.start(get('/x'))!, {}, {}, raw);
    expect(raw.listenerCount('close')).toBe(0);
    raw.statusCode = 503;
    expect(tracing.last().tags['kennel.http.error']).toBeUndefined(); // nothing before the span finishes
    raw.writableEnded = true;
    tracing.last().finish(); // dd-trace: the response finished
    expect(tracing.last().tags).toMatchObject({ 'kennel.http.error': true, 'resource.name': 'GET unmatched' });
    expect(metrics.requests()).toEqual([['method:GET', 'route:unmatched', 'status_code:503', 'status_class:5xx', 'error:true']]);

    const aborted = Object.assign(new EventEmitter(), { statusCode: 200, writableEnded: false });
    telemetry.follow(telemetry.start(get('/y'))!, {}, {}, aborted);
    tracing.last().finish(); // dd-trace: the response closed before it ended
    expect(metrics.requests()[1]).toContain('status_code:499');
    // The span says what the metric says, not the 200 the response never sent.
    expect(tracing.last().tags['http.status_code']).toBe('499');
    expect(tracing.spans[0]!.tags['http.status_code']).toBeUndefined(); // the finished response's is dd-trace's to set
    expect(metrics.requests()).toHaveLength(2);
    // The duration is the web span's own, to the microsecond: metric and trace agree.
    expect(metrics.durations()).toEqual([12.346, 12.346]);
  });

  test('track is start and follow in one call; an ignored path is neither', async () => {
    const { tracing, metrics, telemetry } = await setup();
    const raw = Object.assign(new EventEmitter(), { statusCode: 201, writableEnded: true });
    const state = telemetry.track(get('/x'), {}, {}, raw)!;
    expect(state.requestId).toMatch(/^[0-9a-f]{32}$/);
    telemetry.setRoute(state, '/x');
    tracing.last().finish();
    expect(metrics.requests()).toEqual([['method:GET', 'route:/x', 'status_code:201', 'status_class:2xx', 'error:false']]);
    const health = Object.assign(new EventEmitter(), { statusCode: 200, writableEnded: true });
    expect(telemetry.track(get('/health'), {}, {}, health)).toBeUndefined();
    expect(tracing.last().tags['manual.drop']).toBe(true);
    health.emit('close');
    expect(metrics.requests()).toHaveLength(1);
  });

  test('follow, inside a span that is not a server span: its tags when it finishes, metrics when the response closes', async () => {
    const { tracing, metrics, telemetry } = await setup();
    const startup = new FakeSpan();
    const raw = Object.assign(new EventEmitter(), { statusCode: 500, writableEnded: false });
    telemetry.follow(tracing.activate(startup, () => telemetry.start(get('/x')))!, {}, {}, raw);
    startup.finish();
    expect(startup.tags['kennel.http.error']).toBe(true);
    expect(metrics.requests()).toEqual([]);
    raw.writableEnded = true;
    raw.emit('close');
    expect(metrics.requests()[0]).toContain('status_code:500');
    // Measured by kennel: the unrelated span's duration is not the request's.
    expect(metrics.durations()[0]).not.toBe(12.346);
  });

  test("a web span that keeps no duration: the request's is measured from start", async () => {
    const { tracing, metrics, telemetry } = await setup();
    const raw = Object.assign(new EventEmitter(), { statusCode: 200, writableEnded: true });
    tracing.nextDurationMs = null;
    telemetry.follow(telemetry.start(get('/x'))!, {}, {}, raw);
    tracing.last().finish();
    expect(metrics.durations()).toHaveLength(1);
    expect(metrics.durations()[0]).toBeGreaterThanOrEqual(0);
    expect(metrics.durations()[0]).not.toBe(12.346);
  });

  test('at finish, an unmatched request replaces only the plain-method name dd-trace gives it', async () => {
    const { tracing, telemetry } = await setup();
    const state = telemetry.start(get('/nope'))!;
    tracing.last().setTag('resource.name', 'GET');
    telemetry.tagOutcome(state, 404, {}, {});
    expect(tracing.last().tags['resource.name']).toBe('GET unmatched');
    const named = telemetry.start(get('/nope'))!;
    tracing.last().setTag('resource.name', 'GET /custom');
    telemetry.tagOutcome(named, 404, {}, {});
    expect(tracing.last().tags['resource.name']).toBe('GET /custom');
  });

  test('user tag function runs through tracing.setTags and is sampled', async () => {
    const { tracing, telemetry } = await setup({ tags: (req) => ({ 'app.url_len': (req as { url: string }).url.length }) });
    const state = telemetry.start(get('/abc'))!;
    telemetry.tagOutcome(state, 200, get('/abc'), {});
    expect(tracing.last().tags['app.url_len']).toBe(4);

    const none = await setup({ tags: () => ({ x: 1 }), tagSampleRate: 0, captureHeaders: ['user-agent'] });
    const unsampled = none.telemetry.start(get('/', { 'user-agent': 'curl' }))!;
    none.telemetry.tagOutcome(unsampled, 200, {}, {});
    expect(none.tracing.last().tags).not.toHaveProperty('x');
    expect(none.tracing.last().tags).not.toHaveProperty('http.request.headers.user-agent');
  });

  test('request id: valid incoming kept and tagged; a bad one replaced by the trace id', async () => {
    const { tracing, telemetry } = await setup();
    expect(telemetry.start(get('/', { 'x-request-id': 'abc-123' }))!.requestId).toBe('abc-123');
    expect(tracing.last().tags['kennel.http.request_id']).toBe('abc-123');
    for (const bad of ['has space', 'x'.repeat(129), '"quote"', '']) {
      const id = telemetry.start(get('/', { 'x-request-id': bad }))!.requestId;
      expect(id).toBe(tracing.last().context().toTraceId(true));
      expect(tracing.last().tags).not.toHaveProperty('kennel.http.request_id');
    }
    const untraced = createHttpTelemetry(await fakeKennel({ metrics: new FakeMetrics() }), {}, {});
    expect(untraced.start(get('/', { 'x-request-id': 'has space' }))!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const custom = await setup({ requestIdHeader: 'X-Correlation-Id' });
    expect(custom.telemetry.start(get('/', { 'x-correlation-id': 'c1' }))!.requestId).toBe('c1');
    expect(custom.telemetry.echoHeader).toBe('x-correlation-id');
    const off = await setup({ requestIdHeader: false });
    expect(off.telemetry.start(get('/'))!.requestId).toBeUndefined();
    expect(off.telemetry.echoHeader).toBeUndefined();
  });

  test('captured headers with nothing to scrub them: one warning at setup, none with a preTag handler', async () => {
    const bare = await fakeKennel();
    const warn = vi.spyOn(bare.logger, 'warn');
    createHttpTelemetry(bare, { captureHeaders: ['x-tenant'] }, {});
    createHttpTelemetry(bare, {}, {});
    expect(warn.mock.calls.map(([message]) => message)).toEqual([expect.stringMatching(/^captureHeaders: no preTag handler is installed \(@kennel\/pii-filter\)/)]);
    const scrubbed = await fakeKennel({ plugins: [definePlugin({ name: 'pii-filter', setup: (ctx) => void ctx.hooks.on('preTag', (value) => value) })] });
    const quiet = vi.spyOn(scrubbed.logger, 'warn');
    createHttpTelemetry(scrubbed, { captureHeaders: ['x-tenant'] }, {});
    expect(quiet).not.toHaveBeenCalled();
  });

  test('headers: allowlist only, credentials never, values through preTag', async () => {
    const tracing = new FakeTracing();
    const scrubber = definePlugin({
      name: 'pii-filter',
      setup: (ctx) => {
        ctx.hooks.on('preTag', (value, key, channel) => (channel === 'http.header' && key.endsWith('x-user-email') ? '<email>' : value.includes('drop') ? null : value));
      },
    });
    const kennel = await fakeKennel({ tracing, plugins: [scrubber] });
    const telemetry = createHttpTelemetry(kennel, { captureHeaders: ['User-Agent', 'x-user-email', 'authorization', 'Cookie', 'set-cookie', 'x-dropped'] }, {});
    telemetry.start(get('/', { 'user-agent': 'curl/8', 'x-user-email': 'a@b.c', authorization: 'Bearer s3cret', cookie: 'sid=1', 'set-cookie': 'sid=2', 'x-dropped': 'drop me' }));
    const tags = tracing.last().tags;
    expect(tags['http.request.headers.user-agent']).toBe('curl/8');
    expect(tags['http.request.headers.x-user-email']).toBe('<email>');
    expect(JSON.stringify(tags)).not.toMatch(/s3cret|sid=|drop me|authorization|cookie/i);
  });

  test('query values are redacted whole on http.url; allowlisted ones kept', async () => {
    const { tracing, telemetry } = await setup({ keepQueryParams: ['page'] });
    tracing.initialTags = { 'http.url': 'http://h/search?<redacted>&page=2&flag' };
    telemetry.start(get('/search?token=abcXYZdef&page=2&flag'));
    expect(tracing.last().tags['http.url']).toBe('http://h/search?token=<redacted>&page=2&<redacted>');
  });
});

describe('lean preset: kennel opens the web span', () => {
  async function lean(options: Parameters<typeof createHttpTelemetry>[1] = {}) {
    const tracing = new FakeTracing('kennel');
    const metrics = new FakeMetrics();
    const kennel = await fakeKennel({ tracing, metrics });
    return { tracing, metrics, telemetry: createHttpTelemetry(kennel, { keepQueryParams: ['page'], ...options }) };
  }
  const raw = () => Object.assign(new EventEmitter(), { statusCode: 200, writableEnded: true });

  test('opens it with the scrubbed URL, runs the request in it, and finishes it with status and outcome on close', async () => {
    const { tracing, metrics, telemetry } = await lean();
    const state = telemetry.start({ method: 'POST', url: '/users/42?token=abc&page=2', headers: { host: 'api.test' } })!;
    expect(state.ownsSpan).toBe(true);
    const span = tracing.last();
    expect(span.tags).toMatchObject({ 'http.method': 'POST', 'http.url': 'http://api.test/users/42?token=<redacted>&page=2' });
    telemetry.setRoute(state, '/users/:id');
    expect(telemetry.runInSpan(state, () => tracing.activeSpan())).toBe(span);
    const res = Object.assign(raw(), { statusCode: 503 });
    telemetry.follow(state, {}, res, res);
    expect(span.finished).toBe(false);
    res.emit('close');
    expect(span.finished).toBe(true);
    expect(span.tags).toMatchObject({ 'resource.name': 'POST /users/:id', 'http.status_code': '503', 'kennel.http.error': true, error: true });
    expect(metrics.requests()[0]).toContain('status_code:503');
    expect(metrics.durations()).toEqual([12.346]); // the span kennel just finished
  });

  test('an aborted request closes its span as 499, once; without metrics the span still closes', async () => {
    const { tracing, telemetry } = await lean({ metrics: false });
    const state = telemetry.start(get('/slow'))!;
    const res = Object.assign(raw(), { writableEnded: false });
    telemetry.follow(state, {}, res, res);
    res.emit('close');
    res.emit('close');
    expect(tracing.last().finished).toBe(true);
    expect(tracing.last().tags['http.status_code']).toBe('499');
    expect(tracing.last().tags['resource.name']).toBe('GET unmatched');
  });

  test('a request inside an unrelated span (a server started in a startup span) still gets its own web span', async () => {
    const { tracing, telemetry } = await lean();
    const startup = new FakeSpan();
    const state = tracing.activate(startup, () => telemetry.start(get('/a')))!;
    expect(state.ownsSpan).toBe(true);
    expect(state.span).not.toBe(startup);
    expect(startup.tags).toEqual({});
  });

  test("a request dd-trace already opened a server span for (its server spans turned back on) is enriched, not doubled", async () => {
    const { tracing, telemetry } = await lean();
    const ddTraceSpan = new FakeSpan().setTag('span.kind', 'server');
    const state = tracing.activate(ddTraceSpan, () => telemetry.start(get('/a')))!;
    expect(state.ownsSpan).toBe(false);
    expect(state.span).toBe(ddTraceSpan);
    expect(tracing.spans).toEqual([]);
  });

  test('when no span could be opened the request runs untraced, with a generated UUID request id', async () => {
    const { tracing, telemetry } = await lean();
    tracing.failToOpen = true;
    const state = telemetry.start(get('/a'))!;
    expect(state).toMatchObject({ ownsSpan: false, span: undefined });
    expect(state.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(telemetry.runInSpan(state, () => 'ran')).toBe('ran');
  });

  test('ignored paths get no span at all', async () => {
    const { tracing, telemetry } = await lean();
    expect(telemetry.start(get('/health'))).toBeUndefined();
    expect(tracing.spans).toEqual([]);
  });

  test('with dd-trace opening spans, runInSpan just runs the function', async () => {
    const { telemetry } = await setup();
    const state = telemetry.start(get('/a'))!;
    expect(state.ownsSpan).toBe(false);
    expect(telemetry.runInSpan(state, () => 'ran')).toBe('ran');
  });

  test("where @kennel/tracing watches for servers kennel does not serve, every request claims its server: tracked, ignored or passed", async () => {
    const tracing = Object.assign(new FakeTracing('kennel'), { watchingServers: true, claimed: [] as unknown[] });
    const claimServer = (server: unknown) => void tracing.claimed.push(server);
    const telemetry = createHttpTelemetry(await fakeKennel({ tracing: Object.assign(tracing, { claimServer }) }));
    const server = {};
    const on = (url: string) => ({ ...get(url), socket: { server } });
    telemetry.start(on('/users/1'));
    telemetry.start(on('/health')); // ignored, still kennel's server
    telemetry.pass(on('/opted-out'));
    expect(tracing.claimed).toEqual([server, server, server]);
    // Not watching (the app chose its preset, or dd-trace opens the spans): nothing is claimed.
    const unclaimed: unknown[] = [];
    const unwatched = Object.assign(new FakeTracing('kennel'), { claimServer: (s: unknown) => void unclaimed.push(s) });
    createHttpTelemetry(await fakeKennel({ tracing: unwatched })).start(on('/users/2'));
    expect(unclaimed).toEqual([]);
  });
});

describe('ignored paths', () => {
  test('health checks by default, env additions, prefixes; their span is dropped', async () => {
    const { tracing, metrics, telemetry } = await setup({}, { KENNEL_HTTP_IGNORE_PATHS: '/internal/*, /status' });
    for (const url of ['/health', '/healthz?x=1', '/internal/metrics', '/status']) {
      expect(telemetry.start(get(url))).toBeUndefined();
      expect(tracing.last().tags['manual.drop']).toBe(true);
    }
    expect(telemetry.start(get('/healthcheck'))).toBeDefined();
    expect(metrics.sent).toEqual([]);
  });

  test('ignorePaths replaces the defaults', async () => {
    const { telemetry } = await setup({ ignorePaths: ['/up'] });
    expect(telemetry.start(get('/health'))).toBeDefined();
    expect(telemetry.start(get('/up'))).toBeUndefined();
  });
});

describe('never throws into the app', () => {
  test('throwing user functions and clients are contained', async () => {
    const tracing = new FakeTracing();
    const metrics = new FakeMetrics();
    metrics.increment = () => {
      throw new Error('socket gone');
    };
    const warnings: string[] = [];
    const kennel = await fakeKennel({ tracing, metrics });
    const logged = { ...kennel, logger: { ...kennel.logger, warn: (m: string) => warnings.push(m) } };
    const telemetry = createHttpTelemetry(logged, {
      tags: () => {
        throw new Error('user bug');
      },
    }, {});
    const state = telemetry.start(get('/'))!;
    expect(() => telemetry.tagOutcome(state, 200, {}, {})).not.toThrow();
    expect(() => telemetry.finish(state, 200, {}, {})).not.toThrow();
    expect(warnings).toHaveLength(2);
    tracing.activeSpan = () => {
      throw new Error('tracer broke');
    };
    expect(telemetry.start(get('/'))).toBeUndefined();
  });
});
