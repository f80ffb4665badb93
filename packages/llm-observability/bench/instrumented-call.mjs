// kennel-instrumented OpenAI client vs the raw client, same process, same local fake server.
// Metrics go over real UDP to a local agent; no dd-trace here (one tracer per process, and the
// span cost is dd-trace's own). Prints req/s for each and the ratio, plus helper ns/op.
import { createKennel } from '@kennel/core';
import { startLocalAgent } from '@kennel/local-agent';
import { llmObservabilityPlugin } from '@kennel/llm-observability';
import { startOpenAICompatibleServer } from '@kennel/llm-observability/testing';
import { metricsPlugin } from '@kennel/metrics';
import OpenAI from 'openai';

const CALLS = Number(process.env.BENCH_CALLS ?? 200);
const agent = await startLocalAgent({ tracePort: 0, statsdPort: 0, log: () => {} });
const server = await startOpenAICompatibleServer();
const kennel = await createKennel({
  plugins: [metricsPlugin(), llmObservabilityPlugin()],
  config: { service: 'bench', agent: { statsdPort: agent.ports.statsd }, tracing: { enabled: false } },
  logger: { debug() {}, info() {}, warn() {}, error() {} },
});
const llm = kennel.get('llm-observability');
const raw = new OpenAI({ apiKey: 'k', baseURL: server.baseURL });
const wrapped = llm.instrumentOpenAI(new OpenAI({ apiKey: 'k', baseURL: server.baseURL }));
const params = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }] };

async function run(client, stream) {
  const started = performance.now();
  for (let i = 0; i < CALLS; i++) {
    if (!stream) await client.chat.completions.create(params);
    else for await (const _ of await client.chat.completions.create({ ...params, stream: true }));
  }
  return (CALLS / (performance.now() - started)) * 1000;
}

const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
for (const stream of [false, true]) {
  await run(raw, stream); // warm-up
  await run(wrapped, stream);
  // Alternate rounds so machine noise (shared cores) hits both sides alike; report medians.
  const rawRates = [];
  const kennelRates = [];
  for (let round = 0; round < 5; round++) {
    rawRates.push(await run(raw, stream));
    kennelRates.push(await run(wrapped, stream));
  }
  const rawRate = median(rawRates);
  const kennelRate = median(kennelRates);
  rows.push({ call: stream ? 'chat stream' : 'chat', 'raw req/s': Math.round(rawRate), 'kennel req/s': Math.round(kennelRate), ratio: (kennelRate / rawRate).toFixed(2) });
}
console.table(rows);

const N = 200_000;
let t = performance.now();
for (let i = 0; i < N; i++) llm.task('t', () => i);
const helperNs = ((performance.now() - t) * 1e6) / N;
t = performance.now();
for (let i = 0; i < N; i++) ((f) => f())(() => i);
const bareNs = ((performance.now() - t) * 1e6) / N;
console.log(`llm.task(fn) without tracing: ${helperNs.toFixed(0)} ns/op (bare call ${bareNs.toFixed(0)} ns/op)`);

await kennel.shutdown();
await Promise.all([server.close(), agent.close()]);
