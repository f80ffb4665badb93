// Intake throughput of the local agent on 127.0.0.1: trace payloads over HTTP (v0.4 and v0.5) and
// DogStatsD lines over UDP. Bounded in count; prints spans/s and lines/s. Run: pnpm --filter @kennel/local-agent bench
import { Worker } from 'node:worker_threads';
import { cpus } from 'node:os';
import { encode } from '@msgpack/msgpack';
import { startLocalAgent } from '../dist/index.js';

const SPANS_PER_TRACE = 10;
const TRACES_PER_PAYLOAD = 50;
const PAYLOADS = 200;
const STATSD_PACKETS = 20_000;
const LINES_PER_PACKET = 10;

const agent = await startLocalAgent({ tracePort: 0, statsdPort: 0, limits: { maxSpans: 200_000, maxMetrics: 500_000 }, log: () => {} });

function v04Payload() {
  const traces = [];
  for (let t = 0; t < TRACES_PER_PAYLOAD; t++) {
    const traceId = BigInt(t + 1) * 1_000_003n;
    const trace = [];
    for (let s = 0; s < SPANS_PER_TRACE; s++) {
      trace.push({
        trace_id: traceId, span_id: traceId + BigInt(s + 1), parent_id: s === 0 ? 0n : traceId + 1n,
        name: 'web.request', resource: 'GET /items/:id', service: 'bench', type: 'web', error: 0,
        meta: { env: 'bench', 'http.method': 'GET', 'http.route': '/items/:id' }, metrics: { _sampling_priority_v1: 1 },
        start: 1_700_000_000_000_000_000n, duration: 12_345,
      });
    }
    traces.push(trace);
  }
  return encode(traces, { useBigInt64: true });
}

function v05Payload() {
  const strings = ['bench', 'web.request', 'GET /items/:id', 'env', 'bench-env', 'web', '_sampling_priority_v1'];
  const traces = [];
  for (let t = 0; t < TRACES_PER_PAYLOAD; t++) {
    const traceId = BigInt(t + 1) * 1_000_003n;
    const trace = [];
    for (let s = 0; s < SPANS_PER_TRACE; s++) {
      trace.push([0, 1, 2, traceId, traceId + BigInt(s + 1), s === 0 ? 0n : traceId + 1n, 1_700_000_000_000_000_000n, 12_345, 0, { 3: 4 }, { 6: 1 }, 5]);
    }
    traces.push(trace);
  }
  return encode([strings, traces], { useBigInt64: true });
}

async function benchTraces(version, body) {
  agent.store.reset();
  const started = process.hrtime.bigint();
  for (let i = 0; i < PAYLOADS; i += 4) {
    await Promise.all([0, 1, 2, 3].map(() => fetch(`${agent.url}/${version}/traces`, { method: 'PUT', body, headers: { 'content-type': 'application/msgpack' } }).then((r) => r.arrayBuffer())));
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const spans = agent.store.counters.spansReceived;
  console.log(`${version} traces: ${spans} spans in ${seconds.toFixed(2)} s = ${Math.round(spans / seconds).toLocaleString('en')} spans/s (${body.length} byte payloads of ${TRACES_PER_PAYLOAD * SPANS_PER_TRACE} spans)`);
}

/** The sender runs in a worker thread so it does not share the agent's event loop. */
const SENDER = `
const { createSocket } = require('node:dgram');
const { workerData, parentPort } = require('node:worker_threads');
const socket = createSocket('udp4');
let i = 0;
function burst() {
  // Bursts of 50 packets, yielding between bursts, like a busy app's metrics client.
  for (let n = 0; n < 50 && i < workerData.packets; n++, i++) socket.send(workerData.packet, workerData.port, '127.0.0.1');
  if (i < workerData.packets) setImmediate(burst);
  else setTimeout(() => { socket.close(); parentPort.postMessage('done'); }, 50);
}
burst();
`;

async function benchStatsd() {
  agent.store.reset();
  const packet = Array.from({ length: LINES_PER_PACKET }, (_, i) => `bench.metric.${i}:${i}|c|@0.5|#env:bench,route:/items`).join('\n');
  const started = process.hrtime.bigint();
  const worker = new Worker(SENDER, { eval: true, workerData: { packet, packets: STATSD_PACKETS, port: agent.ports.statsd } });
  await new Promise((resolve) => worker.once('message', resolve));
  await worker.terminate();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const lines = agent.store.counters.metricsReceived;
  const sent = STATSD_PACKETS * LINES_PER_PACKET;
  console.log(`DogStatsD: ${lines.toLocaleString('en')} of ${sent.toLocaleString('en')} lines received (${((100 * lines) / sent).toFixed(1)}%) in ${seconds.toFixed(2)} s = ${Math.round(lines / seconds).toLocaleString('en')} lines/s parsed and stored`);
}

console.log(`Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'})`);
await benchTraces('v0.4', v04Payload());
await benchTraces('v0.5', v05Payload());
await benchStatsd();
await agent.close();
