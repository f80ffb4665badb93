import type { Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { ErrorCodes, KennelError } from '@kennel/core';
import { apiRoutes, type StreamRegistry } from './api-routes.js';
import { createHttpServer } from './http-server.js';
import { intakeRoutes } from './intake-routes.js';
import { optionError } from './option-error.js';
import { startStatsdServer } from './statsd-server.js';
import { AgentStore } from './store.js';
import { testSessionRoutes } from './test-session-routes.js';
import type { LocalAgent, LocalAgentOptions } from './types.js';
import { AGENT_VERSION } from './version.js';

const DEFAULT_MAX_BODY_BYTES = 50 << 20;

/**
 * Starts the HTTP intake (traces, EVP proxy, JSON API) and the DogStatsD UDP listener.
 * Use port 0 for ephemeral ports in tests; the bound ports are in `ports`.
 */
export async function startLocalAgent(options: LocalAgentOptions = {}): Promise<LocalAgent> {
  const host = options.host ?? '127.0.0.1';
  const tracePort = checkPort(options.tracePort ?? 8126, 'tracePort');
  const statsdPort = checkPort(options.statsdPort ?? 8125, 'statsdPort');
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw optionError(`maxBodyBytes=${String(options.maxBodyBytes)} is invalid: expected a positive integer (bytes)`);
  }
  const log = options.log ?? ((message: string) => console.warn(message));
  const store = new AgentStore(options.limits);

  let statsd: Socket | undefined;
  const streams: StreamRegistry = new Set();
  const info = { version: AGENT_VERSION, tracePort: () => ports.trace, statsdPort: () => ports.statsd };
  const routes = [...intakeRoutes(info), ...apiRoutes(streams), ...testSessionRoutes({ dir: options.snapshotDir ?? 'snapshots', ciMode: options.snapshotCiMode ?? false })];
  const server = createHttpServer({ store, routes, maxBodyBytes, log });
  const ports = { trace: 0, statsd: 0 };

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(tracePort, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    ports.trace = (server.address() as AddressInfo).port;
    statsd = await startStatsdServer(store, host, statsdPort, log);
    ports.statsd = statsd.address().port;
  } catch (error) {
    server.close();
    throw new KennelError(
      ErrorCodes.AGENT_LISTEN_FAILED,
      `local-agent could not listen on ${host} (tracePort ${tracePort}, statsdPort ${statsdPort}): ${(error as Error).message}`,
      { cause: error },
    );
  }
  server.on('error', (error) => log(`local-agent: HTTP server error: ${error.message}`));

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      for (const stream of streams) stream.end();
      await Promise.all([
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
        new Promise<void>((resolve) => statsd?.close(() => resolve()) ?? resolve()),
      ]);
    })());

  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${ports.trace}`;
  const env = {
    DD_TRACE_AGENT_URL: url,
    DD_AGENT_HOST: host,
    DD_TRACE_AGENT_PORT: String(ports.trace),
    DD_DOGSTATSD_HOST: host,
    DD_DOGSTATSD_PORT: String(ports.statsd),
  };
  return { url, host, ports, env, store, close };
}

function checkPort(port: number, option: string): number {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw optionError(`${option}=${String(port)} is invalid: expected an integer between 0 and 65535 (0 = ephemeral)`);
  }
  return port;
}
