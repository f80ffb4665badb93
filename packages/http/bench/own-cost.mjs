// `pnpm --filter @kennel/http bench`: what @kennel/http itself adds to a traced request, without a
// framework, sockets or load generator in the measurement. Each request is dd-trace's web-span
// lifecycle (start a server span, activate it, finish it; dd-trace encodes and exports it to a local
// agent); the kennel arms add `start`, `setRoute` and `follow` inside it, so the request id, span
// naming and the RED metrics recorded at span finish. Arms run in one process, interleaved round by
// round; CPU µs per request, the mean of each arm's better half of rounds. Turning one option off
// per arm shows what each part costs. The HTTP benchmarks (fastify, express) show the whole request.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { benchEnv, benchKnob } from './env.mjs';

/** What node's http module rejects in a header value (`checkInvalidHeaderChar`). */
const INVALID_HEADER_CHAR = /[^\t\x20-\x7e\x80-\xff]/;
const ARMS = [
  ['dd-trace web span alone', null],
  ['+ kennel (defaults)', {}],
  ['+ kennel, requestIdHeader: false', { requestIdHeader: false }],
  ['+ kennel, metrics: false', { metrics: false }],
  ['+ kennel, resourceNames: false', { resourceNames: false }],
];

if (process.argv[2] === 'child') await measure(Number(process.argv[3]), Number(process.argv[4]));
else await main(benchKnob('BENCH_REQUESTS', 20_000), benchKnob('BENCH_ROUNDS', 30));

/** Runs the arms in a child under kennel's tracer (the knobs go on its command line: its environment is benchEnv's). */
async function main(requests, rounds) {
  const { startLocalAgent } = await import('@kennel/local-agent');
  const agent = await startLocalAgent({ tracePort: 0, statsdPort: 0, log: () => {}, limits: { maxSpans: 1000, maxMetrics: 1000, maxRequests: 100 } });
  let out;
  try {
    out = spawnSync(process.execPath, ['--import', '@kennel/tracing/register', fileURLToPath(import.meta.url), 'child', String(requests), String(rounds)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      env: benchEnv(agent),
    });
  } finally {
    await agent.close();
  }
  if (out.status !== 0) throw new Error(`benchmark child failed (exit ${out.status})`);
  const results = JSON.parse(out.stdout.trim().split('\n').pop());
  const base = results[0].us;
  console.log(`@kennel/http on a traced request — Node ${process.version}, ${rounds} interleaved rounds of ${requests} requests, CPU µs per request (better half of rounds)`);
  console.log(`${'arm'.padEnd(36)}${'µs/req'.padStart(8)}${'kennel µs'.padStart(11)}${'vs span alone'.padStart(15)}`);
  for (const { name, us } of results) {
    const own = name === results[0].name ? '-' : `+${(us - base).toFixed(2)}`;
    console.log(`${name.padEnd(36)}${us.toFixed(2).padStart(8)}${own.padStart(11)}${`${(base / us).toFixed(3)}×`.padStart(15)}`);
  }
  console.log('The span alone is a small part of a request: with http and a framework, dd-trace defaults cost ≈ 20 µs (fastify) to 38 µs (express) in process; see those packages\' benchmarks.');
}

async function measure(requests, rounds) {
  const { createRequire } = await import('node:module');
  const tracer = createRequire(import.meta.url)('dd-trace');
  const [{ createKennel }, { tracingPlugin }, { metricsPlugin }, { createHttpTelemetry }] = await Promise.all([
    import('@kennel/core'),
    import('@kennel/tracing'),
    import('@kennel/metrics'),
    import('../dist/index.js'),
  ]);
  const kennel = await createKennel({ plugins: [tracingPlugin(), metricsPlugin()] });
  const arms = ARMS.map(([name, options]) => ({ name, telemetry: options && createHttpTelemetry(kennel, options), samples: [] }));
  const req = { method: 'GET', url: '/users/42', headers: { host: '127.0.0.1', 'user-agent': 'bench', accept: '*/*' } };
  // What `follow` reads when dd-trace finishes the span: an ended 200 response.
  const res = { statusCode: 200, writableEnded: true, on() {} };
  const scope = tracer.scope();
  const tags = { 'span.kind': 'server', 'span.type': 'web', 'http.method': 'GET', 'http.url': 'http://127.0.0.1/users/42' };
  let sink = 0;
  const request = (telemetry) => {
    const span = tracer.startSpan('web.request', { tags });
    scope.activate(span, () => {
      if (!telemetry) return;
      const state = telemetry.start(req);
      telemetry.setRoute(state, '/users/:id');
      // The id a framework echoes: node checks a header value as below, which also flattens it.
      const id = state.requestId;
      if (id !== undefined && !INVALID_HEADER_CHAR.test(id)) sink += id.length;
      telemetry.follow(state, req, res, res);
    });
    span.finish();
  };
  for (const arm of arms) for (let i = 0; i < requests; i++) request(arm.telemetry); // warm-up
  for (let round = 0; round < rounds; round++) {
    for (const arm of round % 2 ? [...arms].reverse() : arms) {
      const before = process.cpuUsage();
      for (let i = 0; i < requests; i++) request(arm.telemetry);
      const used = process.cpuUsage(before);
      arm.samples.push((used.user + used.system) / requests);
    }
  }
  await kennel.shutdown();
  if (sink === 0) throw new Error('no request id was generated');
  const betterHalf = (xs) => {
    const kept = [...xs].sort((a, b) => a - b).slice(0, Math.ceil(xs.length / 2));
    return kept.reduce((a, b) => a + b, 0) / kept.length;
  };
  process.stdout.write(`${JSON.stringify(arms.map((arm) => ({ name: arm.name, us: betterHalf(arm.samples) })))}\n`);
  process.exit(0); // dd-trace's timers would keep the process alive
}
