/**
 * How much optimized machine code a traced request runs through, by package: the bench server
 * (kennel's middleware, dd-trace) serves autocannon over loopback under V8's `--prof` log, and the
 * log's code objects are summed by the package their function comes from. Each function counts
 * once, at the last optimized code V8 made for it (TurboFan `*` or Maglev `+`); code never
 * optimized is left out, and what a caller inlined counts in the caller (and in the callee too if
 * it was also compiled on its own).
 *
 * Why code and not instructions: on a traced request the CPU's caches cannot hold the code that runs
 * between two requests (the kernel's network path, node's HTTP code, the framework, dd-trace), so
 * code run once a request is fetched afresh each time and costs several times what its instructions
 * take when hot (BENCHMARKS.md in @kennel/express). Compiled size is a proxy for that code: not every
 * byte runs, and the tiers V8 picks move a little between runs. It does not depend on the clock.
 * Knobs: BENCH_REQUESTS (default 30000), BENCH_CONNECTIONS (50), BENCH_TOP (kennel functions listed, 15).
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchEnv, benchKnob } from './env.mjs';
import { lineReader, startAgent } from './rounds.mjs';

export async function runCodeSize({ title, server, cwd, autocannon, path = '/users/42' }) {
  const requests = benchKnob('BENCH_REQUESTS', 30_000);
  const connections = benchKnob('BENCH_CONNECTIONS', 50);
  const top = benchKnob('BENCH_TOP', 15, { min: 0 });
  const agent = await startAgent();
  const log = join(tmpdir(), `kennel-code-size-${process.pid}.log`);
  try {
    await serveLogged({ server, cwd, agent, log, path, requests, connections, autocannon });
    const functions = optimizedFunctions(readFileSync(log, 'utf8'));
    if (functions.length === 0) throw new Error(`no optimized code in V8's log (${log}): did the server run under --prof?`);
    print(title, { requests, connections, path, top }, functions);
  } finally {
    rmSync(log, { force: true });
    await agent.close();
  }
}

/** The bench server with kennel's middleware under `--prof`, `requests` answered over loopback. */
async function serveLogged({ server, cwd, agent, log, path, requests, connections, autocannon }) {
  const args = ['--prof', `--logfile=${log}`, '--no-logfile-per-isolate', '--import', '@kennel/tracing/register', server];
  const child = spawn(process.execPath, args, { cwd, env: { ...benchEnv(agent), BENCH_KENNEL: 'on' }, stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    const started = exited.then((code) => Promise.reject(new Error(`the server exited (${code}) before listening`)));
    const { port } = await Promise.race([lineReader(child)(), started]);
    const run = await autocannon({ url: `http://127.0.0.1:${port}${path}`, amount: requests, connections });
    if (run.errors + run.non2xx > 0) throw new Error(`${run.errors} errors and ${run.non2xx} non-2xx answers`);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/**
 * `{ name, where, size, tier }` of each function's last optimized code in a V8 log. A
 * `code-creation` line of a JS function reads `code-creation,JS,<kind>,<time>,<address>,<size>,
 * <name and location>,<shared info>,<tier>`; the name may itself hold commas.
 */
export function optimizedFunctions(text) {
  const last = new Map();
  for (const line of text.split('\n')) {
    if (!line.startsWith('code-creation,JS,')) continue;
    const fields = line.split(',');
    const tier = fields.at(-1).replace(/'$/, '');
    const label = fields.slice(6, -2).join(',');
    last.set(label, { size: Number(fields[5]), tier });
  }
  const functions = [];
  for (const [label, { size, tier }] of last) {
    if (tier !== '*' && tier !== '+') continue;
    const space = label.lastIndexOf(' ');
    functions.push({ name: label.slice(0, Math.max(0, space)) || '(anonymous)', where: label.slice(space + 1), size, tier: tier === '*' ? 'TurboFan' : 'Maglev', group: groupOf(label) });
  }
  return functions;
}

/** The npm names of kennel's packages whose folder says otherwise. */
const PACKAGE_NAMES = { 'express-plugin': 'express', 'fastify-plugin': 'fastify' };

/** `@kennel/<package>` for kennel's own builds, else dd-trace, node, another dependency or the bench. */
export function groupOf(label) {
  const kennel = /\/packages\/([^/]+)\/dist\//.exec(label);
  if (kennel) return `@kennel/${PACKAGE_NAMES[kennel[1]] ?? kennel[1]}`;
  if (label.includes('/dd-trace/')) return 'dd-trace';
  if (/\bnode:/.test(label)) return 'node';
  const dependency = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(label);
  return dependency ? dependency[1] : 'other';
}

function print(title, { requests, connections, path, top }, functions) {
  const groups = new Map();
  for (const fn of functions) {
    const group = groups.get(fn.group) ?? { functions: 0, bytes: 0 };
    group.functions++;
    group.bytes += fn.size;
    groups.set(fn.group, group);
  }
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`.padStart(9);
  console.log(`\n${title}, optimized code a traced request runs through: GET ${path}, ${requests} requests over loopback, ${connections} connections, Node ${process.versions.node}`);
  console.log(`${'package'.padEnd(28)}${'functions'.padStart(10)}${'code'.padStart(10)}`);
  const rows = [...groups].sort(([a, x], [b, y]) => Number(b.startsWith('@kennel/')) - Number(a.startsWith('@kennel/')) || y.bytes - x.bytes);
  for (const [group, { functions: count, bytes }] of rows.slice(0, 20)) console.log(`${group.padEnd(28)}${String(count).padStart(10)}${kb(bytes)}`);
  const kennel = rows.filter(([group]) => group.startsWith('@kennel/')).reduce((sum, [, { functions: count, bytes }]) => ({ count: sum.count + count, bytes: sum.bytes + bytes }), { count: 0, bytes: 0 });
  console.log(`kennel in all: ${kennel.count} functions, ${kb(kennel.bytes).trim()} (flush-time code included: it is optimized too)`);
  if (top > 0) {
    console.log(`kennel's ${top} largest:`);
    for (const fn of functions.filter((f) => f.group.startsWith('@kennel/')).sort((a, b) => b.size - a.size).slice(0, top)) {
      console.log(`  ${kb(fn.size)}  ${fn.tier.padEnd(8)}  ${fn.name.padEnd(24)}  ${fn.where.replace(/^.*\/packages\//, '')}`);
    }
  }
}
