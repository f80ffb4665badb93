import { createServer, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { expect, test } from 'vitest';
import { spawnDaemon, TOKENS } from './daemon-process.js';

/** Resolves once `check` returns true, polling; fails after `tries`. */
async function eventually(check: () => Promise<boolean>, tries = 300): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met');
}

/** True when a new TCP connection to the URL's port is refused (the server stopped accepting). */
function refused(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

test('SIGTERM: stops accepting, finishes the in-flight request, exits 0', async () => {
  // A slow upstream standing in for the agent's JSON API, so a request stays in flight.
  let held: ServerResponse | undefined;
  const upstream = createServer((req, res) => {
    if (req.url === '/api/metrics' && !held) held = res;
    else res.end('[]');
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  const daemon = await spawnDaemon(['--agent-api', upstreamUrl], { DD_TRACE_AGENT_PORT: '9', DD_DOGSTATSD_PORT: '9' });
  try {
    const inFlight = fetch(`${daemon.api}/telemetry/metrics`, { headers: { authorization: `Bearer ${TOKENS.viewer}` } });
    await eventually(async () => held !== undefined);

    daemon.proc.kill('SIGTERM');
    await eventually(() => refused(daemon.api));
    expect(daemon.proc.exitCode).toBeNull(); // still draining

    held!.setHeader('content-type', 'application/json');
    held!.end('[{"name":"held.metric","type":"c","value":1}]');
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([{ name: 'held.metric', type: 'c', value: 1 }]);
    expect(await daemon.exited).toBe(0);
    expect(daemon.stdout()).toContain('SIGTERM received');
  } finally {
    await daemon.stop('SIGKILL');
    upstream.close();
  }
});
