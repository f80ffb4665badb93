/**
 * The traced target counted in instructions rather than time: the bench server runs under valgrind
 * (cachegrind, `Ir`) serving autocannon over loopback, once with kennel's plugins and no middleware
 * (the baseline) and once with the middleware. Throughput on a shared virtual machine moves by more
 * than the 5 % the target judges; an instruction count barely moves (repeated runs' totals agree
 * within 0.1–1.5 %). It is blind to what memory costs (cache misses; the collector's work is counted,
 * its timing is not), so it says how much work kennel adds and where, not how much time: with
 * mark-compacts held off (below) scavenges weigh more than they do natively, and the ratio it prints
 * does not predict the throughput ratio.
 *
 * A request's count is the difference between a window of N requests and one of 2N after the same
 * warm-up: start-up and warm-up cancel. It is a difference of two totals of some ten billion, so a
 * window of 3 000 requests resolves tens of thousands of instructions a request at best: raise
 * BENCH_REQUESTS to resolve more (it costs time). V8 runs single-threaded (its collector and
 * compiler count on the one thread) with a 2 GB initial old space, so that no mark-compact, whose
 * timing follows the clock, falls in a window. Each count is split into the collector, the
 * optimizing compilers and the rest (the app, the framework, dd-trace, kennel and node's own code).
 * Knobs: BENCH_WARMUP (requests before the windows, default 8000), BENCH_REQUESTS (N, default 3000),
 * BENCH_CONNECTIONS (50). Linux with valgrind; about ten minutes on two cores.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchEnv, benchKnob } from './env.mjs';
import { lineReader, startAgent } from './rounds.mjs';

const V8_FLAGS = ['--single-threaded', '--no-memory-reducer', '--initial-old-space-size=2048'];
const MODES = [
  { name: 'kennel plugins, no middleware', env: 'plugins' },
  { name: 'dd-trace + kennel', env: 'on' },
];
const PARTS = [
  ['collector', /Scaveng|MarkCompact|Marking|Sweep|Evacuat|RememberedSet|PointersUpdating|BodyDescriptor|v8::internal::Heap::/],
  ['compiler', /compiler::|maglev::|turboshaft::/i],
];

export async function runInstructions({ title, server, cwd, autocannon, path = '/users/42' }) {
  const version = spawnSync('valgrind', ['--version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) throw new Error('bench:instructions needs valgrind on the PATH (Debian: apt-get install valgrind)');
  const warmup = benchKnob('BENCH_WARMUP', 8000, { min: 0 });
  const requests = benchKnob('BENCH_REQUESTS', 3000);
  const connections = benchKnob('BENCH_CONNECTIONS', 50);
  const agent = await startAgent();
  try {
    const count = (mode, amount) => countServer({ server, cwd, agent, mode, warmup, amount, connections, path, autocannon });
    // The two modes side by side: an instruction count does not depend on what else runs.
    const short = await Promise.all(MODES.map((mode) => count(mode, requests)));
    const long = await Promise.all(MODES.map((mode) => count(mode, 2 * requests)));
    print(title, { warmup, requests, connections, path, version: version.stdout.trim() }, MODES.map((mode, i) => perRequest(mode, short[i], long[i], requests)));
  } finally {
    await agent.close();
  }
}

/** One server process under cachegrind: warm-up, then `amount` requests; its instruction counts by part. */
async function countServer({ server, cwd, agent, mode, warmup, amount, connections, path, autocannon }) {
  const file = join(tmpdir(), `kennel-instructions-${process.pid}-${mode.env}-${amount}.out`);
  const child = spawn('valgrind', ['--tool=cachegrind', '--cache-sim=no', `--cachegrind-out-file=${file}`, '--smc-check=all-non-file', process.execPath, ...V8_FLAGS, '--import', '@kennel/tracing/register', server], {
    cwd,
    env: { ...benchEnv(agent), BENCH_KENNEL: mode.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (chunk) => (log = (log + chunk).slice(-4000)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    const started = exited.then((code) => Promise.reject(new Error(`${mode.name}: the server exited (${code}) before listening; valgrind said:\n${log}`)));
    const { port } = await Promise.race([lineReader(child)(), started]);
    const url = `http://127.0.0.1:${port}${path}`;
    for (const total of [warmup, amount]) {
      if (total <= 0) continue; // autocannon reads an amount of 0 as "no limit"
      const run = await autocannon({ url, amount: total, connections, timeout: 120 });
      if (run.errors + run.non2xx > 0) throw new Error(`${mode.name}: ${run.errors} errors and ${run.non2xx} non-2xx answers`);
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
  try {
    return countsByPart(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${mode.name}: no cachegrind output (${error.message}); valgrind said:\n${log}`);
  } finally {
    rmSync(file, { force: true });
  }
}

/** Sums a cachegrind output's `Ir` by part (see PARTS; the rest is `code`). */
function countsByPart(text) {
  const counts = { total: 0, code: 0, ...Object.fromEntries(PARTS.map(([part]) => [part, 0])) };
  let part = 'code';
  for (const line of text.split('\n')) {
    if (line.startsWith('fn=')) part = PARTS.find(([, pattern]) => pattern.test(line))?.[0] ?? 'code';
    else if (line.charCodeAt(0) >= 48 && line.charCodeAt(0) <= 57) {
      const ir = Number(line.slice(line.indexOf(' ') + 1));
      counts[part] += ir;
      counts.total += ir;
    }
  }
  if (counts.total === 0) throw new Error('no instruction counts in it');
  return counts;
}

function perRequest(mode, short, long, requests) {
  return { name: mode.name, ...Object.fromEntries(Object.keys(short).map((key) => [key, (long[key] - short[key]) / requests])) };
}

function print(title, { warmup, requests, connections, path, version }, rows) {
  const [base] = rows;
  const k = (n) => `${(n / 1000).toFixed(1)} k`.padStart(10);
  console.log(`\n${title}, instructions a request: GET ${path} over loopback, ${connections} connections, ${warmup} warm-up requests, windows of ${requests} and ${2 * requests}; Node ${process.versions.node}, ${version}`);
  console.log('ratio: the baseline’s instructions over the app’s (what the throughput ratio would be if instructions were time)');
  console.log(`${'app'.padEnd(29)}${'total'.padStart(10)}  ratio${'collector'.padStart(11)}  ${'compiler'.padStart(10)}  ${'code'.padStart(10)}`);
  for (const row of rows) {
    console.log(`${row.name.padEnd(29)}${k(row.total)}  ${(base.total / row.total).toFixed(3)} ${k(row.collector)}  ${k(row.compiler)}  ${k(row.code)}`);
  }
  console.log('every column moves between runs by tens of thousands (the compiler column most: warm-up still under way); compare several runs');
}
