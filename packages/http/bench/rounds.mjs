/**
 * Side-by-side HTTP benchmark rounds, shared by @kennel/fastify and @kennel/express.
 * Each configuration runs in its own node process (dd-trace loads once per process, and only
 * where wanted); autocannon drives it over loopback for a bounded time; traces and metrics go to
 * a @kennel/local-agent in its own process. The framework package passes in its own dependencies.
 */
import { spawn } from 'node:child_process';
import { benchEnv, benchJson, benchKnob } from './env.mjs';
import { targetVerdict, VERDICT_NOTE } from './interval.mjs';
import { benchPinning } from './pin.mjs';

/**
 * The configurations, in print order. `args` preload tracing; `env` selects the app's mode.
 * `optIn` ones run only when named in BENCH_ONLY: references that split a result, not targets.
 */
export const CONFIGS = [
  { name: 'bare', args: [], env: { BENCH_KENNEL: 'off', DD_TRACE_ENABLED: 'false' } },
  { name: 'kennel metrics-only', args: [], env: { BENCH_KENNEL: 'on', DD_TRACE_ENABLED: 'false' } },
  { name: 'dd-trace defaults', args: ['--import', 'dd-trace/initialize.mjs'], env: { BENCH_KENNEL: 'off' } },
  { name: 'dd-trace + kennel', args: ['--import', '@kennel/tracing/register'], env: { BENCH_KENNEL: 'on' } },
  // dd-trace defaults again: how far two processes of one configuration read apart, in the same rounds.
  { name: 'dd-trace (control)', args: ['--import', 'dd-trace/initialize.mjs'], env: { BENCH_KENNEL: 'off' } },
  // kennel's tracer start and plugins without the middleware: what kennel costs before any request.
  { name: 'kennel plugins only', optIn: true, args: ['--import', '@kennel/tracing/register'], env: { BENCH_KENNEL: 'plugins' } },
  // One setting of the lean preset alone: dd-trace's defaults with the v0.5 trace payload.
  { name: 'dd-trace v0.5', optIn: true, args: ['--import', 'dd-trace/initialize.mjs'], env: { BENCH_KENNEL: 'off', DD_TRACE_AGENT_PROTOCOL_VERSION: '0.5' } },
  // kennel's prod config preset (DD_ENV=bench), whose tracing preset is lean, as an app gets it: no
  // KENNEL_TRACING_PRESET (undefined: left out of the child's environment).
  { name: 'kennel prod preset', args: ['--import', '@kennel/tracing/register'], env: { BENCH_KENNEL: 'on', KENNEL_TRACING_PRESET: undefined } },
];

/** BENCH_ONLY: configuration names, comma-separated; a name that is not one of `configs` is an error. */
function onlyConfigs(configs) {
  const raw = process.env.BENCH_ONLY;
  if (raw === undefined || raw === '') return undefined;
  const names = raw.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !configs.some((config) => config.name === name));
  if (unknown.length > 0) {
    throw new Error(`BENCH_ONLY=${raw}: unknown ${unknown.map((name) => JSON.stringify(name)).join(', ')}; expected names from: ${configs.map((config) => config.name).join(', ')}`);
  }
  return names;
}

/** `extraConfigs`: the framework's own opt-in references, run after CONFIGS' when BENCH_ONLY names them. */
export async function runBench({ title, server, cwd, autocannon, path = '/users/42', extraConfigs = [] }) {
  const configs = [...CONFIGS, ...extraConfigs];
  const seconds = benchKnob('BENCH_SECONDS', 4);
  // A fresh process: V8 is still optimizing the request path, and the more code on it the longer it
  // takes (kennel's app is measured at about 0.94× dd-trace's over seconds 2–5, 0.955× from second
  // 6 on, fastify 5). The rounds measure the steady state a running service lives in; the warm-up's
  // own ratio is printed beside it.
  const warmup = benchKnob('BENCH_WARMUP_SECONDS', 5);
  const connections = benchKnob('BENCH_CONNECTIONS', 50);
  const rate = benchKnob('BENCH_RATE', 2000);
  const inProcessRequests = benchKnob('BENCH_INPROCESS_REQUESTS', 20_000);
  const rounds = benchKnob('BENCH_ROUNDS', 6);
  const only = onlyConfigs(configs);
  const pin = benchPinning(); // before the agent starts, so that it shares this process's CPUs
  const agent = await startAgent();
  const runs = new Map(); // config name → { rps[], p99[], errors, spans, resource }
  try {
    // Configurations are interleaved round by round so a noisy neighbour hurts them alike, in
    // reverse order every other round so none always runs right after the same other one.
    for (let round = 0; round < rounds; round++) {
      for (const config of round % 2 ? [...configs].reverse() : configs) {
        if (only ? !only.includes(config.name) : config.optIn) continue;
        await agent.ask('reset');
        const app = await startServer(server, cwd, config, agent, pin);
        try {
          const warm = await load(autocannon, `${app.url}${path}`, warmup, connections); // JIT, connections
          const run = await load(autocannon, `${app.url}${path}`, seconds, connections);
          // CPU cost at one fixed request rate for every configuration: at saturation, CPU per
          // request also depends on how much each event-loop turn batches, i.e. on throughput.
          const cpuBefore = await app.cpu();
          const paced = await load(autocannon, `${app.url}${path}`, seconds, connections, rate);
          const cpuPerRequest = ((await app.cpu()) - cpuBefore) / Math.max(1, paced.requests.total);
          const entry = runs.get(config.name) ?? { name: config.name, rps: [], warmRps: [], cpu: [], inProcess: [], p99: [], errors: 0, spans: 0, resource: '-', coverage: undefined };
          entry.rps.push(run.requests.average);
          entry.warmRps.push(warm.requests.average);
          entry.cpu.push(cpuPerRequest);
          entry.p99.push(run.latency.p99);
          entry.errors += run.errors + run.non2xx;
          if (round === 0 && config.name !== 'bare' && config.name !== 'kennel metrics-only') {
            await new Promise((r) => setTimeout(r, 2500)); // let dd-trace's 2 s flush reach the agent
            const stats = await agent.ask('stats');
            entry.spans = stats.spans;
            entry.resource = stats.resource;
            // Every request answered in this round (warm-up, saturating and paced) against the root web spans that arrived.
            entry.coverage = { requests: warm.requests.total + run.requests.total + paced.requests.total, webSpans: stats.webSpans, named: stats.named };
          }
          // The same app without sockets (after the span count above); the cheaper of two batches counts.
          entry.inProcess.push(Math.min(await app.inProcess(inProcessRequests, path), await app.inProcess(inProcessRequests, path)));
          runs.set(config.name, entry);
        } finally {
          await app.stop();
        }
      }
    }
  } finally {
    await agent.close();
  }
  const results = [...runs.values()].map((e) => ({
    ...e,
    roundRps: e.rps,
    roundCpu: e.cpu,
    rps: Math.max(...e.rps),
    cpu: Math.min(...e.cpu),
    inProcess: Math.min(...e.inProcess),
    p99: median(e.p99),
    allRps: e.rps.map(Math.round),
    allCpu: e.cpu.map((c) => c.toFixed(1)),
    allInProcess: e.inProcess.map((c) => c.toFixed(2)),
  }));
  print(title, results, seconds, warmup, connections, path, rounds, rate, pin);
  printPaired(results, warmup);
  printInProcess(results, inProcessRequests, rounds);
  return results;
}

function load(autocannon, url, duration, connections, overallRate) {
  return autocannon({ url, duration, connections, ...(overallRate ? { overallRate } : {}) });
}

export function startAgent() {
  const child = spawn(process.execPath, [new URL('./agent.mjs', import.meta.url).pathname], { stdio: ['pipe', 'pipe', 'inherit'] });
  const next = lineReader(child);
  return next().then(({ url, statsd }) => ({
    url,
    ports: { statsd },
    ask: (command) => {
      child.stdin.write(`${command}\n`);
      return next();
    },
    close: () => {
      child.stdin.end();
      return new Promise((resolve) => child.once('exit', resolve));
    },
  }));
}

/** Reads a child's stdout as JSON lines; `next()` resolves with the following one. */
export function lineReader(child) {
  const lines = [];
  let waiting;
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
    let newline;
    while ((newline = out.indexOf('\n')) !== -1) {
      lines.push(JSON.parse(out.slice(0, newline)));
      out = out.slice(newline + 1);
    }
    waiting?.();
  });
  return () =>
    new Promise((resolve) => {
      const take = () => (lines.length > 0 ? ((waiting = undefined), resolve(lines.shift())) : (waiting = take));
      take();
    });
}

function startServer(script, cwd, config, agent, pin) {
  const child = spawn(...pin.command(process.execPath, [...config.args, script]), {
    cwd,
    env: {
      ...benchEnv(agent),
      ...config.env,
      // Extra env for the prod preset's round only, to try more dd-trace settings: BENCH_LEAN_ENV='{"DD_…":"…"}'
      ...(config.name === 'kennel prod preset' ? benchJson('BENCH_LEAN_ENV') : {}),
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const next = lineReader(child);
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`${config.name}: server exited (${code}) before listening`)));
    void next().then(({ port }) =>
      resolve({
        url: `http://127.0.0.1:${port}`,
        cpu: async () => {
          child.stdin.write('cpu\n');
          return (await next()).cpuMicros;
        },
        /** CPU µs per request for `count` requests served without sockets (see child.mjs). */
        inProcess: async (count, path) => {
          child.stdin.write(`inprocess ${count} ${path}\n`);
          return (await next()).cpuMicros / count;
        },
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners('exit');
            child.once('exit', done);
            child.kill('SIGTERM');
          }),
      }),
    );
  });
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function print(title, results, seconds, warmup, connections, path, rounds, rate, pin) {
  const find = (name) => results.find((r) => r.name === name);
  const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}×` : '-');
  // Capacity ratio: how many requests per CPU-second relative to the baseline (inverse CPU time).
  const capacity = (r, base) => (r && find(base) ? ratio(find(base).cpu, r.cpu) : '-');
  console.log(`\n${title}: GET ${path}, ${connections} connections, ${rounds} interleaved rounds of ${seconds} s after ${warmup} s of warm-up, Node ${process.versions.node}${pin.note}`);
  console.log(`req/s: saturating, best round; p99: median round; CPU: server CPU µs per request at a fixed ${rate} req/s, best round (other load only ever adds CPU time); capacity = baseline CPU / CPU`);
  console.log('configuration          req/s  p99 ms  CPU µs/req  capacity vs bare  vs dd-trace  req/s vs bare  vs dd-trace  errors  spans  root resource    req/s per round | CPU per round');
  for (const r of results) {
    console.log(
      [
        r.name.padEnd(20),
        Math.round(r.rps).toString().padStart(7),
        String(r.p99).padStart(6),
        r.cpu.toFixed(1).padStart(10),
        capacity(r, 'bare').padStart(16),
        capacity(r, 'dd-trace defaults').padStart(11),
        ratio(r.rps, find('bare')?.rps).padStart(13),
        ratio(r.rps, find('dd-trace defaults')?.rps).padStart(11),
        String(r.errors).padStart(6),
        String(r.spans).padStart(5),
        ` ${r.resource.padEnd(15)}`,
        `${r.allRps.join(' ')} | ${r.allCpu.join(' ')}`,
      ].join('  '),
    );
  }
}

/**
 * Each issue target: a configuration, the one it is compared with, and the req/s ratio it must
 * reach. Rows with a note instead of a target read what a ratio shows: the control (two identical
 * configurations) how far one run strays, the opt-in references where a result comes from.
 */
const TARGETS = [
  ['dd-trace + kennel', 'dd-trace defaults', 0.95],
  ['dd-trace (control)', 'dd-trace defaults', 'control: should read 1'],
  ['kennel plugins only', 'dd-trace defaults', "reference: kennel's start, no middleware"],
  ['dd-trace + kennel', 'kennel plugins only', 'reference: the middleware alone'],
  ['kennel metrics-only', 'bare', 0.85],
  ['kennel prod preset', 'dd-trace defaults', 1.5],
  ['dd-trace v0.5', 'dd-trace defaults', 'reference: one lean setting alone'],
  ['kennel middleware', 'dd-trace defaults', 'reference: app.use(kennelExpress())'],
];

/** The verdict column's width: the longest reference note fits. */
const VERDICT_WIDTH = 41;

/**
 * The targets, read from paired rounds: in each round the two configurations ran back to back, so
 * a round's ratio compares them under the same machine load, where a ratio of best rounds compares
 * each one's luckiest round. The verdict judges the median of those ratios by its 95 % interval
 * (interval.mjs: each round's apps are fresh processes, so rounds are independent samples); lowest
 * and highest show how far the rounds spread. The warm-up's ratio, the same way, shows what a fresh
 * process costs before V8 has optimized it; it is not what a target judges.
 */
function printPaired(results, warmup) {
  const find = (name) => results.find((r) => r.name === name);
  const rows = TARGETS.filter(([name, base]) => find(name) && find(base));
  if (rows.length === 0) return;
  console.log(`\npaired rounds: a round's req/s over its baseline's in the same round (capacity: the baseline's CPU µs per request over this one's); median, then lowest–highest`);
  console.log(`configuration          baseline             req/s ratio              capacity ratio          ${'target'.padEnd(VERDICT_WIDTH)}  first ${warmup} s (warm-up) req/s ratio`);
  for (const [name, base, target] of rows) {
    const a = find(name);
    const b = find(base);
    const rps = pairedRatios(a.roundRps, b.roundRps);
    const capacity = pairedRatios(b.roundCpu, a.roundCpu);
    const verdict = typeof target === 'string' ? target : `≥ ${target}×: ${targetVerdict(rps, median(rps), target)}`;
    console.log([name.padEnd(21), base.padEnd(19), spread(rps).padEnd(23), spread(capacity).padEnd(22), verdict.padEnd(VERDICT_WIDTH), spread(pairedRatios(a.warmRps, b.warmRps))].join('  '));
  }
  console.log(VERDICT_NOTE);
  printCoverage(results);
}

/**
 * Whether every request got a web span named by its route: the first round's requests (all of them
 * answered, warm-up included) against the root web spans the agent received for them. A target for
 * the prod preset (lean tracing: kennel opens the spans); the same count for the other traced configurations.
 */
function printCoverage(results) {
  const traced = results.filter((r) => r.coverage !== undefined);
  if (traced.length === 0) return;
  console.log(`
spans, first round: every request answered against the root web spans received (a request cut off at a round's end may still send one)`);
  for (const r of traced) {
    const { requests, webSpans, named } = r.coverage;
    const state = named >= requests ? 'met' : 'not met';
    const line = `${r.name.padEnd(21)}  ${String(requests).padStart(7)} requests  ${String(webSpans).padStart(7)} web spans  ${String(named).padStart(7)} named by route (${r.resource})`;
    console.log(r.name === 'kennel prod preset' ? `${line}  target: a span named by route for every request: ${state}` : line);
  }
}

/** Round-by-round `a[i] / b[i]`: each round's value over the baseline's in the same round. */
export function pairedRatios(a, b) {
  return a.map((value, i) => value / b[i]);
}

function spread(ratios) {
  return `${median(ratios).toFixed(3)}× (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`;
}

function printInProcess(results, count, rounds) {
  const find = (name) => results.find((r) => r.name === name);
  // Differences, not ratios: without the kernel's share of a request, ratios would overstate what
  // any layer costs a real server; the microseconds it adds are the same with or without sockets.
  const added = (r, base) => {
    const b = find(base);
    if (!b || b === r) return '-';
    const d = r.inProcess - b.inProcess;
    return `${d >= 0 ? '+' : ''}${d.toFixed(2)}`;
  };
  console.log(`\nin process, no sockets: server CPU µs per request over ${count} requests (50 at a time) handed to the server's 'request' event, best of ${rounds} rounds × 2 batches`);
  console.log('configuration          CPU µs/req  µs vs bare  µs vs dd-trace  CPU per round');
  for (const r of results) {
    console.log([r.name.padEnd(20), r.inProcess.toFixed(2).padStart(10), added(r, 'bare').padStart(10), added(r, 'dd-trace defaults').padStart(14), ` ${r.allInProcess.join(' ')}`].join('  '));
  }
}
