/**
 * The child side of test/child-app.ts: report the port once listening, then on stdin close shut
 * the app and kennel down (flushing traces and metrics to the local agent) and exit.
 */
export async function serveChild(kennel, listen, close) {
  const port = await listen();
  process.stdout.write(`${JSON.stringify({ port, ddTraceLoaded: globalThis._ddtrace !== undefined })}\n`);
  process.stdin.resume();
  process.stdin.on('end', async () => {
    await close();
    await kennel.shutdown();
    process.exit(0);
  });
}
