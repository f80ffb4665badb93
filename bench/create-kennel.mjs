// createKennel() start-up cost with every available kennel plugin, dd-trace's import excluded
// (it is required before the clock starts), next to raw dd-trace `tracer.init()`. Each sample is
// a fresh process because dd-trace initialises once per process. Target: kennel ≤ 20 ms.
//   raw      dd-trace `tracer.init()` alone (it lazily loads ~100 of its own modules)
//   kennel   createKennel() that initialises dd-trace itself: raw + kennel's own cost
//   adopt    createKennel() when `@kennel/tracing/register` already started dd-trace (the
//            recommended `node --import` set-up): kennel's cost alone
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { startLocalAgent } from '@kennel/local-agent';

const SAMPLES = 15;
const mode = process.argv[2];

if (mode === 'kennel' || mode === 'raw' || mode === 'adopt') {
  const url = process.argv[3];
  const tracer = createRequire(import.meta.url)('dd-trace'); // import cost excluded on both sides
  const { createKennel } = await import('@kennel/core');
  const plugins = await availablePlugins();
  if (mode === 'adopt') await import('@kennel/tracing/register');
  const started = performance.now();
  if (mode === 'raw') tracer.init({ service: 'bench', env: 'dev', url, startupLogs: false });
  const kennel = mode === 'raw' ? undefined : await createKennel({ plugins, config: { service: 'bench', agent: { traceUrl: url }, tracing: { startupLogs: false } } });
  const ms = performance.now() - started;
  process.stdout.write(JSON.stringify({ ms, plugins: kennel?.status().map((s) => `${s.name}:${s.state}:${s.setupMs?.toFixed(1)}ms`) ?? ['dd-trace'] }));
  await kennel?.shutdown();
  process.exit(0);
}

/** Every kennel plugin this workspace has built: each package's exported `…Plugin` factories. */
async function availablePlugins() {
  const plugins = [];
  for (const name of ['@kennel/pii-filter', '@kennel/tracing', '@kennel/metrics', '@kennel/llm-observability']) {
    const mod = await import(name).catch(() => ({}));
    for (const [key, factory] of Object.entries(mod)) if (key.endsWith('Plugin') && typeof factory === 'function') plugins.push(factory());
  }
  return plugins;
}

const agent = await startLocalAgent({ tracePort: 0, statsdPort: 0 });
const run = (which) => {
  const out = spawnSync(process.execPath, [fileURLToPath(import.meta.url), which, agent.url], { encoding: 'utf8', env: { ...process.env, DD_SERVICE: 'bench', DD_TRACE_AGENT_URL: agent.url, DD_TRACE_STARTUP_LOGS: 'false' } });
  return JSON.parse(out.stdout);
};
const samples = { raw: [], kennel: [], adopt: [] };
let plugins = [];
for (let i = 0; i < SAMPLES; i++) {
  for (const which of Object.keys(samples)) {
    const result = run(which);
    samples[which].push(result.ms);
    if (which === 'kennel') plugins = result.plugins;
  }
}
await agent.close();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const raw = median(samples.raw);
const ours = median(samples.kennel);
const adopt = median(samples.adopt);
const min = (xs) => Math.min(...xs).toFixed(2);
console.log(`createKennel() start-up — Node ${process.version}, median of ${SAMPLES} fresh processes each, dd-trace import excluded`);
console.log(`  plugins: ${plugins.join(', ')}`);
console.log(`  raw dd-trace tracer.init()   ${raw.toFixed(2).padStart(7)} ms`);
console.log(`  kennel createKennel()        ${ours.toFixed(2).padStart(7)} ms   ratio ${(ours / raw).toFixed(2)}×, kennel's share ${(ours - raw).toFixed(2)} ms (target ≤ 20 ms)`);
console.log(`  createKennel() after register ${adopt.toFixed(2).padStart(6)} ms   (dd-trace already started; target ≤ 20 ms)`);
console.log(`  fastest sample: raw ${min(samples.raw)} ms, kennel ${min(samples.kennel)} ms, after register ${min(samples.adopt)} ms`);
