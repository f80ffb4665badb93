// The app under fault: express + @kennel/express, tracing + metrics, started with
// `node --expose-gc --import @kennel/tracing/register app.mjs`. Driven over IPC by harness.ts.
import { createKennel } from '@kennel/core';
import { kennelExpress } from '@kennel/express';
import { metricsPlugin } from '@kennel/metrics';
import { tracingPlugin } from '@kennel/tracing';
import express from 'express';

const faults = { uncaught: [], unhandled: [] };
process.on('uncaughtException', (error) => faults.uncaught.push(String(error?.stack ?? error)));
process.on('unhandledRejection', (error) => faults.unhandled.push(String(error?.stack ?? error)));

const kennel = await createKennel({ plugins: [tracingPlugin(), metricsPlugin()] });
const tracing = kennel.get('tracing');
const metrics = kennel.get('metrics');

/** Per phase: custom metrics and spans emitted while kennel was running (before shutdown() was called). */
const emitted = {};
const inflight = new Set();
let accepting = true;

const app = express();
app.use(kennelExpress({ kennel }));
app.get('/work', async (req, res) => {
  const phase = String(req.query.phase ?? 'none');
  if (accepting) {
    const done = tracing.withSpan('faults.work', { resource: `phase ${phase}` }, async () => {
      metrics.increment('faults.work', 1, { phase });
      await new Promise((resolve) => setImmediate(resolve));
    });
    emitted[phase] = (emitted[phase] ?? 0) + 1;
    inflight.add(done);
    await done;
    inflight.delete(done);
  }
  res.send('ok');
});

const server = app.listen(0, '127.0.0.1', () => process.send({ ready: true, port: server.address().port }));

function memory() {
  globalThis.gc();
  globalThis.gc();
  return { ...process.memoryUsage(), metrics: metrics.stats(), tracing: tracing.stats() };
}

let stopping;
/** Stop emitting, let in-flight handlers finish, then shutdown(): everything emitted must reach the agent. */
function stop(reason) {
  stopping ??= (async () => {
    accepting = false;
    server.close(); // stop accepting; requests already in progress still get their response
    server.closeIdleConnections();
    await Promise.all(inflight);
    const shutdown = await kennel.shutdown();
    server.closeAllConnections();
    process.send({ stopped: reason, emitted, faults, shutdown }, () => process.exit(0));
  })();
}

process.once('SIGTERM', () => stop('SIGTERM'));
process.on('message', (message) => {
  if (message.cmd === 'memory') process.send({ memory: memory() });
  if (message.cmd === 'faults') process.send({ faults });
  if (message.cmd === 'stop') stop('ipc');
});
