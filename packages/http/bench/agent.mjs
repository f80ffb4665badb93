/**
 * The local agent for benchmarks, in its own process: decoding traces and DogStatsD lines must not
 * slow down the load generator, or every traced configuration looks slower than it is.
 * Prints `{"url","statsd"}`; answers stdin lines `reset` and `stats` with one JSON line each: spans
 * received, root web spans (one a request) and how many of those a route template names.
 */
import { startLocalAgent } from '@kennel/local-agent';

const agent = await startLocalAgent({ tracePort: 0, statsdPort: 0, log: () => {}, limits: { maxSpans: 2000, maxMetrics: 5000, maxRequests: 100 } });
process.stdout.write(`${JSON.stringify({ url: agent.url, statsd: agent.ports.statsd })}\n`);
// Request spans, counted as they arrive: the store keeps only the latest spans. One root web span
// per request; `named` counts those named by a route template (resource `METHOD /…`).
let webSpans = 0;
let named = 0;
agent.store.onRecord((record) => {
  if (record.kind !== 'span' || record.item.parent_id !== '0' || record.item.type !== 'web') return;
  webSpans++;
  if (/^[A-Z]+ \//.test(record.item.resource)) named++;
});
let buffered = '';
process.stdin.on('data', (chunk) => {
  buffered += chunk;
  let newline;
  while ((newline = buffered.indexOf('\n')) !== -1) {
    const command = buffered.slice(0, newline);
    buffered = buffered.slice(newline + 1);
    if (command === 'reset') {
      agent.store.reset();
      webSpans = named = 0;
    }
    const root = agent.store.spans().find((s) => s.parent_id === '0' && s.type === 'web');
    process.stdout.write(`${JSON.stringify({ spans: agent.store.counters.spansReceived, webSpans, named, metrics: agent.store.counters.metricsReceived, resource: root?.resource ?? '-' })}\n`);
  }
});
process.stdin.on('end', () => void agent.close().then(() => process.exit(0)));
