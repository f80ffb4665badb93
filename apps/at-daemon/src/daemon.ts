import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, type Kennel, type Logger } from '@kennel/core';
import { createAgentClient, untraceAgentCalls } from './agent-client.js';
import { createApiServer } from './api/server.js';
import { bootstrapProfiles } from './llm.js';
import { composeKennel } from './plugins.js';
import { processMetadata, startStartupTelemetry } from './startup.js';
import type { DaemonRuntime } from './status.js';
import type { DaemonConfig } from './types.js';
import { createWebServer } from './web/server.js';

export interface Daemon {
  /** Bound ports (the real ones when 0 was asked for). */
  ports: { api: number; web: number };
  urls: { api: string; web: string };
  kennel: Kennel;
  /** Stops accepting, lets in-flight requests finish, flushes telemetry. Idempotent. */
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  /** Where the one-line JSON start-up record goes. @default stdout */
  log?: (line: string) => void;
}

/** Composes kennel, bootstraps LLM profiles, starts both servers and emits start-up telemetry. */
export async function startDaemon(config: DaemonConfig, options: StartOptions = {}): Promise<Daemon> {
  const started = performance.now();
  const startedAt = Date.now();
  const logger = options.logger ?? createLogger(config.kennel.logLevel, 'at-daemon');
  const composed = await composeKennel(config.kennel, logger);
  const { kennel } = composed;
  const tracing = kennel.tryGet('tracing');
  untraceAgentCalls(tracing?.tracer, config.agentApiUrl);
  const span = tracing?.startSpan('daemon.startup', { resource: 'startup', type: 'custom', tags: processMetadata() });

  const rt: DaemonRuntime = {
    config,
    composed,
    agent: createAgentClient(config.agentApiUrl),
    llm: await bootstrapProfiles(kennel, config.llmUrl),
    startedAt,
    state: 'starting',
    urls: { api: '', web: '' },
  };
  const api = await createApiServer(rt);
  const web = createWebServer(rt);
  const webServer = createServer(web.app);
  const closeServers = async () => {
    web.endStreams();
    const webClosed = webServer.listening ? new Promise<void>((resolve) => webServer.close(() => resolve())) : Promise.resolve();
    webServer.closeIdleConnections();
    // In-flight requests get shutdownTimeoutMs to finish, then their connections are cut.
    const force = setTimeout(() => {
      api.server.closeAllConnections();
      webServer.closeAllConnections();
    }, config.kennel.shutdownTimeoutMs);
    force.unref();
    await Promise.all([api.close(), webClosed]);
    clearTimeout(force);
  };
  let apiPort: number;
  let webPort: number;
  try {
    await api.listen({ host: config.host, port: config.apiPort });
    apiPort = (api.server.address() as AddressInfo).port;
    webPort = await listen(webServer, config.host, config.webPort);
  } catch (error) {
    // e.g. a port in use: release what did start, then report.
    span?.setTag('error', error);
    span?.finish();
    await closeServers();
    await kennel.shutdown();
    throw error;
  }
  rt.urls = { api: `${config.tls ? 'https' : 'http'}://${urlHost(config.host)}:${apiPort}`, web: `http://${urlHost(config.host)}:${webPort}` };

  const initMs = performance.now() - started;
  span?.setTag('init_ms', initMs);
  span?.finish();
  const stopUptime = startStartupTelemetry(kennel, started, config.uptimeIntervalMs);
  rt.state = 'running';
  (options.log ?? ((line) => process.stdout.write(`${line}\n`)))(
    JSON.stringify({
      level: 'info',
      msg: 'kennel daemon started',
      time: new Date().toISOString(),
      env: config.env,
      service: config.kennel.service,
      api: rt.urls.api,
      web: rt.urls.web,
      agent: config.agentApiUrl,
      ...processMetadata(),
      init_ms: Math.round(initMs * 1000) / 1000,
      init_us: Math.round(initMs * 1000),
      plugins: composed.components().map((c) => ({ name: c.name, state: c.state, ...(c.reason ? { reason: c.reason } : {}) })),
      llm: { chosen: rt.llm.chosen?.name ?? null, healthy: rt.llm.profiles.filter((p) => p.healthy).map((p) => p.name) },
    }),
  );

  let closing: Promise<void> | undefined;
  return {
    ports: { api: apiPort, web: webPort },
    urls: rt.urls,
    kennel,
    close: () =>
      (closing ??= (async () => {
        rt.state = 'stopping';
        stopUptime();
        await closeServers();
        await kennel.shutdown();
      })()),
  };
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

const urlHost = (host: string) => (host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host);
