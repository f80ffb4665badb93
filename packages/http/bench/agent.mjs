/**
 * The local agent for benchmarks, in its own process: decoding traces and DogStatsD lines must not
 * slow down the load generator, or every traced configuration looks slower than it is.
 * Prints `{"url","statsd"}`; answers stdin lines `reset` and `stats` with one JSON line each.
 */
import { startLocalAgent } from '@kennel/local-agent';

const agent = await startLocalAgent({ tracePort: 0, statsdPort: 0, log: () => {}, limits: { maxSpans: 2000, maxMetrics: 5000, maxRequests: 100 } });
process.stdout.write(`${JSON.stringify({ url: agent.url, statsd: agent.ports.statsd })}\n`);
let buffered = '';
process.stdin.on('data', (chunk) => {
  buffered += chunk;
  let newline;
  while ((newline = buffered.indexOf('\n')) !== -1) {
    const command = buffered.slice(0, newline);
    buffered = buffered.slice(newline + 1);
    if (command === 'reset') agent.store.reset();
    const root = agent.store.spans().find((s) => s.parent_id === '0' && s.type === 'web');
    process.stdout.write(`${JSON.stringify({ spans: agent.store.counters.spansReceived, metrics: agent.store.counters.metricsReceived, resource: root?.resource ?? '-' })}\n`);
  }
});
process.stdin.on('end', () => void agent.close().then(() => process.exit(0)));
