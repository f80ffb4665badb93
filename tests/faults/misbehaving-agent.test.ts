// A trace intake that is slow or failing, and DogStatsD datagrams that go nowhere: the app keeps
// serving and its memory stays within the clients' own bounded buffers.
import { createServer, type Server } from 'node:http';
import { afterEach, expect, test } from 'vitest';
import { freePorts, load, MB, startApp, type App } from './harness.js';
import { CONCURRENCY, HEAP_BOUND_BYTES, REQUESTS } from './scale.js';

type Mode = 'slow' | 'error 500';

/** Stands in for a sick agent: every trace request is answered after 1 s, or at once with a 500. */
async function sickAgent(mode: Mode) {
  const seen = { requests: 0, bytes: 0 };
  const server: Server = createServer((req, res) => {
    seen.requests++;
    req.on('data', (chunk: Buffer) => (seen.bytes += chunk.length));
    req.on('end', () => {
      if (mode === 'slow') setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'), 1000).unref();
      else res.writeHead(500).end('agent exploded');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    seen,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

let app: App | undefined;
afterEach(async () => {
  await app?.stop().catch(() => {});
  app = undefined;
});

test.each<Mode>(['slow', 'error 500'])('trace agent %s, DogStatsD port dropping everything: app serves all, heap bounded', async (mode) => {
  const agent = await sickAgent(mode);
  const { statsd } = await freePorts(); // nobody listens: every datagram is dropped
  try {
    app = await startApp({ traceUrl: agent.url, statsd });
    await load(app.base, { requests: 100, concurrency: CONCURRENCY, phase: 'warmup' });
    const before = await app.memory();

    const rounds = 4;
    for (let round = 0; round < rounds; round++) {
      const result = await load(app.base, { requests: REQUESTS, concurrency: CONCURRENCY, phase: `sick-${round}` });
      expect(result, result.errors.join('\n')).toMatchObject({ ok: REQUESTS, failed: 0 });
    }
    const end = await app.memory();
    const growth = end.heapUsed - before.heapUsed;
    console.log(
      `[faults] agent ${mode}: ${rounds * REQUESTS} requests, heap ${MB(before.heapUsed)} → ${MB(end.heapUsed)} (growth ${MB(growth)}), ` +
        `trace requests seen by the agent ${agent.seen.requests}, metrics sent ${end.metrics.sent} dropped ${end.metrics.dropped} errors ${end.metrics.errors}, tracing ${JSON.stringify(end.tracing)}`,
    );
    expect(agent.seen.requests, 'dd-trace did try the sick agent').toBeGreaterThan(0);
    if (mode === 'error 500') expect(end.tracing.exportErrors, 'failed exports are visible in tracing.stats()').toBeGreaterThan(0);
    expect(growth).toBeLessThan(HEAP_BOUND_BYTES);
    expect(await app.faults()).toEqual({ uncaught: [], unhandled: [] });
  } finally {
    await agent.close();
  }
});
