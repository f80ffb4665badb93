import { appendFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createKennel } from '@kennel/core';
import { metricsPlugin } from '@kennel/metrics';
import { piiFilterPlugin } from '@kennel/pii-filter';
import { tracingPlugin } from '@kennel/tracing';

/**
 * The kennel a fixture app runs, as its test variant asks: KENNEL_TEST_NO_TRACING=1 leaves the
 * tracing plugin out altogether (not installed, as opposed to DD_TRACE_ENABLED=false);
 * KENNEL_TEST_PII=1 adds @kennel/pii-filter.
 */
export function fixtureKennel() {
  const plugins = [metricsPlugin()];
  if (process.env.KENNEL_TEST_NO_TRACING !== '1') plugins.push(tracingPlugin());
  if (process.env.KENNEL_TEST_PII === '1') plugins.push(piiFilterPlugin());
  return createKennel({ plugins });
}

/** The middleware options both fixture apps pass: headers to capture, a query value to keep, a tag function. */
export function fixtureOptions(kennel) {
  return {
    kennel,
    captureHeaders: ['x-tenant', 'x-contact', 'authorization', 'cookie', 'set-cookie'],
    keepQueryParams: ['page'],
    tags: () => ({ 'app.tier': 'gold' }),
    // 503 is the app's own "try again later" (/unavailable): not an error, though dd-trace would say so.
    errorStatuses: [[500, 502]],
  };
}

/** A pino destination appending each line to KENNEL_TEST_LOG_FILE at once (nothing buffered at exit); undefined without it. */
export function fixtureLogStream() {
  const file = process.env.KENNEL_TEST_LOG_FILE;
  return file ? { write: (line) => appendFileSync(file, line) } : undefined;
}

/**
 * A plain node http server the app calls from its `/outbound` route (a service downstream): its
 * URL. Not served through kennel, so under the lean preset it has no server span of its own.
 */
export function startDownstream() {
  const server = createServer((_req, res) => res.end('ok'));
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    server.unref();
    resolve(`http://127.0.0.1:${server.address().port}/`);
  }));
}

/**
 * The child side of test/child-app.ts: report the port once listening, then on stdin close shut
 * the app and kennel down (flushing traces and metrics to the local agent) and exit.
 * `frameworkVersion`: the version of the framework the app runs on, as it reports it.
 */
export async function serveChild(kennel, listen, close, frameworkVersion) {
  const port = await listen();
  process.stdout.write(`${JSON.stringify({ port, ddTraceLoaded: globalThis._ddtrace !== undefined, frameworkVersion })}\n`);
  process.stdin.resume();
  process.stdin.on('end', async () => {
    await close();
    await kennel.shutdown();
    process.exit(0);
  });
}
