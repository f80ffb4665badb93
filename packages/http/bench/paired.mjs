/**
 * The traced target measured with the process held constant: the plain app, the same app with
 * kennel, and the plain app again (the control) run in one node process under one tracer
 * (`@kennel/tracing/register`), each on its own port. autocannon drives them in turn, as fast as it
 * can ask, for a bounded time each, round after round (the order reversed every other round). Two
 * processes of one configuration differ by up to 3.5 µs per request on this kind of machine; within
 * one process they cannot, and the control says how far two identical apps read apart.
 *
 * Three apps in one process share express's or fastify's code, and an app reads faster or slower
 * by its place in the order the apps were built and warmed up: the control read higher when built
 * before dd-trace alone than after it in twelve of fifteen runs, by 2.4 % by median, from −14 to
 * +23 % (BENCHMARKS.md in @kennel/express). So a run is split over several processes that build and warm
 * the apps in different orders: each order is followed by its reverse, so every app comes before
 * dd-trace alone as often as after it, and the six orders give every app every place. A round's
 * ratio compares apps of one process in the same round: kennel's app with the mean of the two
 * identical apps (dd-trace alone and the control), the control with dd-trace alone. The verdict
 * judges the median over every round of every process by its 95 % interval (interval.mjs), taking
 * each process's median as one sample: rounds of one process share its JIT and memory layout, so
 * they are not independent, and processes stray by more than the rounds within one do. Runs at
 * different times stray further still (two runs of one code eight minutes apart: every process
 * 0.913–0.947× in one, 0.956–0.972× in the other), so a verdict for the machine pools runs, one
 * sample a run. Sharing the framework's code must not let kennel change the plain apps: kennel's
 * accessors go on express's shared request prototype, so express's app module gives its plain apps
 * an unpatched copy of it.
 *
 * Beside the server's CPU per request it prints the server's garbage-collection pauses (the part of
 * its CPU a change in allocation would move) and this process's CPU (autocannon parses every
 * response in JavaScript), so that a change on the load generator's side shows too.
 * Knobs: BENCH_PROCESSES (even, default 6), BENCH_ROUNDS (per process, default 4), BENCH_SECONDS
 * (per burst, default 2), BENCH_WARMUP_SECONDS (per app, before the rounds, default 5: see rounds.mjs),
 * BENCH_CONNECTIONS (50), BENCH_PIN (see pin.mjs).
 */
import { spawn } from 'node:child_process';
import { benchEnv, benchKnob } from './env.mjs';
import { benchPinning } from './pin.mjs';
import { targetVerdict, VERDICT_NOTE } from './interval.mjs';
import { lineReader, median, pairedRatios, startAgent } from './rounds.mjs';

/** The apps, as child.mjs's servePairedApps knows them, with the names printed for them. */
const APPS = [
  ['base', 'dd-trace'],
  ['kennel', 'dd-trace + kennel'],
  ['control', 'dd-trace (control)'],
];

/** Build and warm-up orders (indexes into APPS), in pairs of an order and its reverse. */
const ORDERS = [
  [0, 1, 2],
  [2, 1, 0],
  [1, 2, 0],
  [0, 2, 1],
  [2, 0, 1],
  [1, 0, 2],
];

export async function runPaired({ title, server, cwd, autocannon, path = '/users/42' }) {
  const knobs = pairedKnobs();
  const pin = benchPinning(); // before the agent starts, so that it shares this process's CPUs
  const agent = await startAgent();
  const results = APPS.map(([key, name]) => ({ key, name, rps: [], ratios: [], cpu: [], gc: [], clientCpu: [], byProcess: [], errors: 0 }));
  try {
    for (let run = 0; run < knobs.processes; run++) {
      const order = ORDERS[run % ORDERS.length].map((index) => results[index]);
      await runProcess({ server, cwd, agent, pin, order, path, autocannon, ...knobs });
    }
  } finally {
    await agent.close();
  }
  print(title, results, { ...knobs, path, pin });
  return results;
}

/** The knobs, checked; an even number of processes, since each order comes with its reverse. */
function pairedKnobs() {
  return {
    processes: benchKnob('BENCH_PROCESSES', 6, { min: 2, even: true }),
    rounds: benchKnob('BENCH_ROUNDS', 4),
    seconds: benchKnob('BENCH_SECONDS', 2),
    warmup: benchKnob('BENCH_WARMUP_SECONDS', 5),
    connections: benchKnob('BENCH_CONNECTIONS', 50),
  };
}

/** One server process with the apps built in `order`: warm-up, then the rounds; results go on each app. */
async function runProcess({ server, cwd, agent, pin, order, path, autocannon, rounds, seconds, warmup, connections }) {
  const child = spawn(...pin.command(process.execPath, ['--import', '@kennel/tracing/register', server]), {
    cwd,
    env: { ...benchEnv(agent), BENCH_PAIRED: order.map((app) => app.key).join(',') },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const next = lineReader(child);
  const usage = async () => {
    child.stdin.write('cpu\n');
    return next();
  };
  try {
    const { apps } = await next();
    const url = (app) => `http://127.0.0.1:${apps.find((served) => served.key === app.key).port}${path}`;
    for (const app of order) await autocannon({ url: url(app), duration: warmup, connections }); // warm-up: JIT, connections
    const base = order.find((app) => app.key === 'base');
    const first = base.rps.length;
    for (let round = 0; round < rounds; round++) {
      for (const app of round % 2 ? [...order].reverse() : order) {
        const before = await usage();
        const client = process.cpuUsage();
        const run = await autocannon({ url: url(app), duration: seconds, connections });
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
    // Each round's ratio, in this process: the control's to the plain app's burst of the same round;
    // kennel's to the mean of the two identical apps' bursts, a closer estimate of dd-trace alone.
    const ofRun = (app) => app.rps.slice(first);
    const control = ofRun(order.find((app) => app.key === 'control'));
    const bothPlain = ofRun(base).map((rps, i) => (rps + control[i]) / 2);
    order.forEach((app, place) => {
      const ratios = pairedRatios(ofRun(app), app.key === 'kennel' ? bothPlain : ofRun(base));
      app.ratios.push(...ratios);
      app.byProcess.push({ place: place + 1, ratios, beforeBase: place < order.indexOf(base) });
    });
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

function print(title, results, { processes, rounds, seconds, warmup, connections, path, pin }) {
  console.log(`\n${title}, ${processes} processes of three apps: GET ${path}, ${connections} connections, ${warmup} s warm-up and ${rounds} rounds of ${seconds} s per app in each, Node ${process.versions.node}${pin.note}`);
  console.log('req/s and CPU: median round; ratio: median over every round of each round’s req/s over the plain app’s in the same round and process (kennel’s: over the mean of the plain app’s and the control’s); CPU: µs per request with autocannon asking as fast as it can, of the server process (and the GC pauses in it) and of autocannon itself; per process: the median ratio there, and (in brackets) the app’s place in that process’s build and warm-up order');
  console.log('app                     req/s  ratio  CPU µs/req  GC µs/req  client µs/req  errors  per process');
  for (const app of results) {
    console.log(
      [
        app.name.padEnd(20),
        Math.round(median(app.rps)).toString().padStart(8),
        median(app.ratios).toFixed(3).padStart(6),
        median(app.cpu).toFixed(1).padStart(11),
        median(app.gc).toFixed(1).padStart(10),
        median(app.clientCpu).toFixed(1).padStart(14),
        String(app.errors).padStart(7),
        ` ${app.byProcess.map(({ place, ratios }) => `${median(ratios).toFixed(3)} (${place})`).join(' ')}`,
      ].join('  '),
    );
  }
  // What the orders cancel: each app's ratio when built and warmed before the plain app, and after it
  // (an even number of processes has both for every app).
  const byOrder = (app, before) => median(app.byProcess.filter((run) => run.beforeBase === before).flatMap((run) => run.ratios));
  const others = results.filter((app) => app.key !== 'base');
  console.log(`order effect, median ratio built before the plain app / after it: ${others.map((app) => `${app.name} ${byOrder(app, true).toFixed(3)} / ${byOrder(app, false).toFixed(3)}`).join('; ')}`);
  const kennel = results.find((app) => app.key === 'kennel');
  const byProcess = kennel.byProcess.map(({ ratios }) => median(ratios));
  console.log(`target: dd-trace + kennel ≥ 0.95× dd-trace: ${targetVerdict(byProcess, median(kennel.ratios), 0.95)} in this run; the control (the plain app again) shows how far two identical apps read apart`);
  console.log(`${VERDICT_NOTE}; one sample a process, so more processes (BENCH_PROCESSES) narrow it. It speaks for this run: the processes of one run share the machine's state, and runs at other times have read further apart than that (BENCHMARKS.md in @kennel/fastify)`);
}
