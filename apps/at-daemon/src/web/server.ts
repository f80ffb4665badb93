import { once } from 'node:events';
import { existsSync } from 'node:fs';
import type { Server, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Express } from 'express';
import { agentPaths } from '../agent-client.js';
import { daemonStatus, profilesView, type DaemonRuntime } from '../status.js';

// Loaded with require after kennel (and dd-trace) started, so the tracer's require hooks see it.
const require = createRequire(import.meta.url);
/** The vite build of the page (dist/web next to this bundle in dist/). */
export const pageDir = fileURLToPath(new URL('./web', import.meta.url));
const RETRY_MS = 2000;
const SNAPSHOT_SPANS = 20;

/**
 * The frontend server (express): serves the built page and a same-origin JSON/SSE surface for it,
 * so the browser never talks to the API (tokens) or the agent (CORS) directly.
 */
export function createWebServer(rt: DaemonRuntime) {
  const express = require('express') as typeof import('express');
  const app: Express = express();
  const streams = new Set<ServerResponse>();

  const kennelExpress = rt.composed.integration<typeof import('@kennel/express').kennelExpress>('express');
  // The page's own polling and SSE relay would drown the telemetry it displays: page loads only.
  if (kennelExpress) app.use(kennelExpress({ kennel: rt.composed.kennel, ignorePaths: ['/api/*'] }));

  app.use((_req, res, next) => {
    if (rt.state === 'stopping') res.setHeader('connection', 'close');
    next();
  });
  app.get('/api/status', async (_req, res) => {
    res.json(await daemonStatus(rt));
  });
  app.get('/api/profiles', (_req, res) => {
    res.json(profilesView(rt));
  });
  app.get('/api/telemetry', async (_req, res) => {
    const [metrics, spans] = await Promise.all([rt.agent.get(agentPaths.aggregated), rt.agent.get(agentPaths.spans)]);
    res.json({
      agent: { url: rt.agent.baseUrl, reachable: metrics.reachable },
      metrics: metrics.reachable && Array.isArray(metrics.body) ? metrics.body : [],
      spans: spans.reachable && Array.isArray(spans.body) ? spans.body.filter((s: { parent_id?: string }) => s.parent_id === '0').slice(-SNAPSHOT_SPANS) : [],
    });
  });
  // Relays the agent's SSE stream; when the agent is down, says so and lets EventSource retry.
  app.get('/api/stream', async (req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write(`retry: ${RETRY_MS}\n\n`);
    streams.add(res);
    const upstream = new AbortController();
    req.on('close', () => {
      upstream.abort();
      streams.delete(res);
    });
    try {
      const agent = await fetch(`${rt.agent.baseUrl}${agentPaths.stream}`, { signal: upstream.signal, headers: { accept: 'text/event-stream' } });
      if (!agent.ok || !agent.body) throw new Error(`agent answered ${agent.status}`);
      res.write(`event: agent\ndata: ${JSON.stringify({ reachable: true })}\n\n`);
      for await (const chunk of agent.body) {
        // Backpressure: a slow browser slows the relay, and the agent skips records for it (bounded).
        if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
      }
    } catch (error) {
      if (!upstream.signal.aborted) res.write(`event: agent\ndata: ${JSON.stringify({ reachable: false, reason: (error as Error).message })}\n\n`);
    }
    streams.delete(res);
    res.end();
  });
  if (existsSync(pageDir)) app.use(express.static(pageDir));
  else app.get('/', (_req, res) => void res.status(503).type('text').send(`The page is not built: run "pnpm --filter @kennel/at-daemon build" (expected ${pageDir}).`));

  return {
    app,
    /** Ends open SSE streams so `server.close()` can finish. */
    endStreams: () => {
      for (const res of streams) res.end();
      streams.clear();
    },
  };
}

export type WebServer = ReturnType<typeof createWebServer> & { server?: Server };
