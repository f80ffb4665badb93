import { createServer } from 'node:http';

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
