/**
 * The server side of rounds.mjs: print the port once listening, answer commands on stdin, run
 * `stop` then exit on SIGTERM.
 * - `cpu`: this process's CPU time so far. CPU time per request is what the benchmark compares:
 *   unlike req/s it barely moves when other processes share the machine. In paired mode also the
 *   garbage-collection pauses so far (main thread; entries arrive a moment late, so a burst's
 *   share is close, not exact).
 * - `inprocess <n> <path>`: serves n GET requests without sockets (50 at a time, each a request
 *   object handed to the server's 'request' event, dd-trace's http instrumentation included) and
 *   answers with the CPU time they took. No kernel, loopback or load generator in the measurement:
 *   what is left is the app, the framework, dd-trace and kennel.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { PerformanceObserver } from 'node:perf_hooks';
import { Duplex } from 'node:stream';

/**
 * The server of one benchmark configuration, as the environment selects it: BENCH_KENNEL=on adds
 * kennel (tracing follows DD_TRACE_ENABLED), BENCH_KENNEL=plugins starts kennel's plugins but
 * installs no middleware; BENCH_PAIRED serves paired.mjs's three apps in this one process instead.
 * `makeApp(kennel?)` resolves to a listening http server.
 */
export async function serveConfiguration(makeApp) {
  if (process.env.BENCH_PAIRED) return servePairedApps(makeApp);
  const mode = process.env.BENCH_KENNEL;
  const kennel = mode === 'on' || mode === 'plugins' ? await (await import('./kennel.mjs')).benchKennel() : undefined;
  serveBench(await makeApp(mode === 'on' ? kennel : undefined), async () => kennel?.shutdown());
}

function serveBench(server, stop) {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
  answerCommands(server, stop);
}

/** Several listening servers in this one process, `[key, server]` pairs: prints `{"apps":[{"key","port"}]}` once; answers `cpu` as above. */
function servePaired(apps, stop) {
  process.stdout.write(`${JSON.stringify({ apps: apps.map(([key, server]) => ({ key, port: server.address().port })) })}\n`);
  answerCommands(apps[0][1], stop);
}

/**
 * paired.mjs's server: the plain app (`base`), the same app with kennel (`kennel`), and the plain
 * app again as the control (`control`), in this one process, built in the order BENCH_PAIRED lists
 * them (comma-separated). `makeApp(kennel?)` resolves to a listening http server.
 */
async function servePairedApps(makeApp) {
  const order = process.env.BENCH_PAIRED.split(',');
  const known = ['base', 'kennel', 'control'];
  if (order.length !== known.length || !known.every((key) => order.includes(key))) {
    throw new Error(`BENCH_PAIRED=${process.env.BENCH_PAIRED}: expected base, kennel and control, each once, in any order`);
  }
  const { benchKennel } = await import('./kennel.mjs');
  const kennel = await benchKennel();
  countGcPauses();
  const apps = [];
  for (const key of order) apps.push([key, await makeApp(key === 'kennel' ? kennel : undefined)]);
  servePaired(apps, () => kennel.shutdown());
}

function answerCommands(server, stop) {
  let buffered = '';
  process.stdin.on('data', (chunk) => {
    buffered += chunk;
    let newline;
    while ((newline = buffered.indexOf('\n')) !== -1) {
      const [command, count, path] = buffered.slice(0, newline).split(' ');
      buffered = buffered.slice(newline + 1);
      if (command === 'inprocess') void serveInProcess(server, Number(count), path).then(reply);
      else reply(process.cpuUsage());
    }
  });
  process.once('SIGTERM', () => void stop().finally(() => process.exit(0)));
}

/** Main-thread GC pause time so far, µs; undefined unless counted. */
let gcMicros;

function countGcPauses() {
  gcMicros = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMicros += entry.duration * 1000;
  }).observe({ entryTypes: ['gc'] });
}

function reply({ user, system }) {
  process.stdout.write(`${JSON.stringify({ cpuMicros: user + system, gcMicros })}\n`);
}

const CONCURRENCY = 50;

async function serveInProcess(server, count, path) {
  let left = count;
  const worker = async () => {
    while (left-- > 0) await request(server, path);
  };
  const before = process.cpuUsage();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return process.cpuUsage(before);
}

/** A socket that takes every write and sends nothing. */
class NullSocket extends Duplex {
  remoteAddress = '127.0.0.1';
  remotePort = 50_000;
  _read() {}
  _write(_chunk, _encoding, done) {
    done();
  }
  _writev(_chunks, done) {
    done();
  }
}

const HEADERS = ['host', '127.0.0.1', 'user-agent', 'kennel-bench', 'accept', '*/*'];

function request(server, path) {
  const socket = new NullSocket();
  const req = new IncomingMessage(socket);
  req.method = 'GET';
  req.url = path;
  req.httpVersion = '1.1';
  req.httpVersionMajor = 1;
  req.httpVersionMinor = 1;
  req.rawHeaders = HEADERS;
  req.headers = { host: HEADERS[1], 'user-agent': HEADERS[3], accept: HEADERS[5] };
  req.complete = true;
  req.push(null);
  const res = new ServerResponse(req);
  res.assignSocket(socket);
  return new Promise((resolve, reject) => {
    res.once('finish', () => {
      // As node's server does after 'finish': detach, then 'close' on the next tick. The socket is
      // left to the collector: destroying it with a write callback still queued would build an
      // ERR_STREAM_DESTROYED error (and its stack) per request, and that would be measured.
      res.detachSocket(socket);
      process.nextTick(() => {
        res.emit('close');
        if (res.statusCode === 200) resolve();
        else reject(new Error(`in-process request to ${path} answered ${res.statusCode}`));
      });
    });
    server.emit('request', req, res);
  });
}
