import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { printableConfig } from '@kennel/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { agentPaths } from '../agent-client.js';
import { chat } from '../llm.js';
import { daemonStatus, profilesView, type DaemonRuntime } from '../status.js';
import type { Role } from '../types.js';
import { createAuthorizer } from './auth.js';

// Loaded with require after kennel (and dd-trace) started, so the tracer's require hooks see it.
const require = createRequire(import.meta.url);
const DEFAULT_LIMIT = 100;

/** Builds the API server (fastify; HTTPS when a cert is configured). Call after the kennel is composed. */
export async function createApiServer(rt: DaemonRuntime): Promise<FastifyInstance> {
  const fastify = require('fastify') as typeof import('fastify').default;
  const { tls } = rt.config;
  const app = fastify({
    logger: false,
    ...(tls ? { https: { cert: readFileSync(tls.cert), key: readFileSync(tls.key) } } : {}),
  }) as unknown as FastifyInstance;

  const kennelFastify = rt.composed.integration<typeof import('@kennel/fastify').kennelFastify>('fastify');
  if (kennelFastify) await app.register(kennelFastify, { kennel: rt.composed.kennel });

  // An app-level counter, the kind a user adds next to kennel's automatic request telemetry.
  const metrics = rt.composed.kennel.tryGet('metrics');
  app.addHook('onResponse', async (req, reply) => {
    metrics?.increment('daemon.api.requests', 1, { route: req.routeOptions.url ?? 'unmatched', status_code: reply.statusCode });
  });

  // While stopping, answers close their connection so keep-alive clients do not hold the shutdown.
  app.addHook('onSend', async (_req, reply) => {
    if (rt.state === 'stopping') reply.header('connection', 'close');
  });

  const authorize = createAuthorizer(rt.config.tokens);
  const requireRole = (role: Role) => async (req: FastifyRequest, reply: FastifyReply) => {
    const result = authorize(req.headers.authorization, role);
    if (!result.ok) {
      await reply
        .code(result.status)
        .header('www-authenticate', 'Bearer')
        .send({ error: result.status === 401 ? 'unauthorized' : 'forbidden', reason: result.reason });
    }
  };
  const viewer = { preHandler: requireRole('viewer') };
  const admin = { preHandler: requireRole('admin') };

  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/status', async () => daemonStatus(rt));
  app.get('/config', admin, async () => ({
    daemon: {
      env: rt.config.env,
      host: rt.config.host,
      apiPort: rt.config.apiPort,
      webPort: rt.config.webPort,
      tls: rt.config.tls ?? null,
      agentApiUrl: rt.config.agentApiUrl,
      tokens: { viewer: { token: '[redacted]', source: rt.config.tokens.viewer.source }, admin: { token: '[redacted]', source: rt.config.tokens.admin.source } },
    },
    kennel: printableConfig(rt.config.kennel),
  }));

  app.get('/llm/profiles', async () => profilesView(rt));
  app.post('/llm/chat', async (req, reply) => {
    const body = req.body as { message?: unknown } | undefined;
    const message = body?.message;
    if (typeof message !== 'string' || message.trim() === '') {
      return reply.code(400).send({ error: 'bad_request', reason: 'body must be JSON {"message": "<non-empty string>"}' });
    }
    const result = await chat(rt.composed.kennel, rt.llm, message);
    return result.ok ? result : reply.code(result.status).send({ error: result.error, reason: result.reason });
  });

  // Filters (name, service, type, tag…) pass through to the agent; `limit` keeps the newest N.
  const proxy = (path: string, method: 'get' | 'post') => async (req: FastifyRequest, reply: FastifyReply) => {
    const query = new URLSearchParams(req.query as Record<string, string>);
    const limit = Number(query.get('limit') ?? DEFAULT_LIMIT);
    query.delete('limit');
    const res = await rt.agent[method](query.size > 0 ? `${path}?${query}` : path);
    if (!res.reachable) return reply.code(502).send({ error: 'agent_unreachable', reason: `local agent at ${rt.agent.baseUrl} is unreachable: ${res.error}` });
    const body = Array.isArray(res.body) && Number.isInteger(limit) && limit >= 0 ? res.body.slice(-limit || res.body.length) : res.body;
    return reply.code(res.status).send(body);
  };
  app.get('/telemetry/spans', viewer, proxy(agentPaths.spans, 'get'));
  app.get('/telemetry/metrics', viewer, proxy(agentPaths.metrics, 'get'));
  app.get('/telemetry/events', viewer, proxy(agentPaths.events, 'get'));
  app.post('/telemetry/reset', admin, proxy(agentPaths.reset, 'post'));
  return app;
}
