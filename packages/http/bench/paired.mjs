/**
 * The traced target measured with the process held constant: the plain app, the same app with
 * kennel, and the plain app again (the control) all run in ONE node process under one tracer
 * (`@kennel/tracing/register`), each on its own port. autocannon drives them in turn, as fast as it
 * can ask, for a bounded time each, round after round (the order reversed every other round). Two
 * processes of one configuration differ by up to 3.5 µs per request on this kind of machine; here
 * they cannot, and the control says how far two identical apps read apart. Beside the server's CPU
 * per request it prints the server's garbage-collection pauses (the part of its CPU a change in
 * allocation would move) and this process's CPU (autocannon parses every response in JavaScript),
 * so that a change on the load generator's side shows too.
 * Knobs: BENCH_SECONDS (per burst, default 3), BENCH_ROUNDS (default 8), BENCH_CONNECTIONS (50),
 * BENCH_PIN (see pin.mjs).
 */
import { spawn } from 'node:child_process';
import { benchEnv } from './env.mjs';
import { benchPinning } from './pin.mjs';
import { lineReader, median, pairedRatios, startAgent } from './rounds.mjs';

export async function runPaired({ title, server, cwd, autocannon, path = '/users/42' }) {
  const seconds = Number(process.env.BENCH_SECONDS ?? 3);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 8);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
  const pin = benchPinning(); // before the agent starts, so that it shares this process's CPUs
  const agent = await startAgent();
  const child = spawn(...pin.command(process.execPath, ['--import', '@kennel/tracing/register', server]), {
    cwd,
    env: { ...benchEnv(agent), BENCH_PAIRED: '1' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const next = lineReader(child);
  const usage = async () => {
    child.stdin.write('cpu\n');
    return next();
  };
  try {
    const { apps } = await next();
    const results = apps.map((app) => ({ ...app, url: `http://127.0.0.1:${app.port}${path}`, rps: [], cpu: [], gc: [], clientCpu: [], errors: 0 }));
    for (const app of results) await autocannon({ url: app.url, duration: 1, connections }); // warm-up: JIT, connections
    for (let round = 0; round < rounds; round++) {
      for (const app of round % 2 ? [...results].reverse() : results) {
        const before = await usage();
        const client = process.cpuUsage();
        const run = await autocannon({ url: app.url, duration: seconds, connections });
        const { user, system } = process.cpuUsage(client);
        const requests = Math.max(1, run.requests.total);
        const after = await usage();
        app.cpu.push((after.cpuMicros - before.cpuMicros) / requests);
        app.gc.push((after.gcMicros - before.gcMicros) / requests);
        app.clientCpu.push((user + system) / requests);
        app.rps.push(run.requests.average);
        app.errors += run.errors + run.non2xx;
      }
    }
    print(title, results, { seconds, rounds, connections, path, pin });
    return results;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await agent.close();
  }
}

function print(title, results, { seconds, rounds, connections, path, pin }) {
  const [base] = results;
  // Each round's ratio to the plain app's burst of the same round, then the median of those.
  const paired = (app) => median(pairedRatios(app.rps, base.rps));
  console.log(`\n${title}, one process: GET ${path}, ${connections} connections, ${rounds} rounds of ${seconds} s per app, Node ${process.versions.node}${pin.note}`);
  console.log('req/s and CPU: median round; ratio: median of each round’s req/s over the plain app’s in the same round; CPU: µs per request with autocannon asking as fast as it can, of the server process (and the GC pauses in it) and of autocannon itself');
  console.log('app                     req/s  ratio  CPU µs/req  GC µs/req  client µs/req  errors  req/s per round');
  for (const app of results) {
    console.log(
      [
        app.name.padEnd(20),
        Math.round(median(app.rps)).toString().padStart(8),
        `${paired(app).toFixed(3)}`.padStart(6),
        median(app.cpu).toFixed(1).padStart(11),
        median(app.gc).toFixed(1).padStart(10),
        median(app.clientCpu).toFixed(1).padStart(14),
        String(app.errors).padStart(7),
        ` ${app.rps.map(Math.round).join(' ')}`,
      ].join('  '),
    );
  }
  console.log('target: dd-trace + kennel ≥ 0.95× dd-trace; the control (the plain app again) shows how far two identical apps read apart');
}
