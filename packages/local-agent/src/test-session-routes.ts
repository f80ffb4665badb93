import { isAbsolute, join, resolve } from 'node:path';
import { HttpError, sendJson, sendText } from './http-utils.js';
import { logRequest } from './intake-routes.js';
import type { LoggedRequest } from './request-log.js';
import type { Route, RouteContext } from './router.js';
import { DEFAULT_SNAPSHOT_IGNORES, SnapshotMismatchError, snapshotTraces } from './snapshot.js';
import { groupByTrace } from './queries.js';
import { stringifyWithIds, toTestAgentSpan } from './test-agent-format.js';
import { clearSession, NoSuchSessionError, requestsForSession } from './test-session.js';

export interface SnapshotOptions {
  /** Where snapshot files go (`<dir>/<token>.json`). */
  dir: string;
  /** Fail instead of writing a missing snapshot. */
  ciMode: boolean;
}

/**
 * ddapm-test-agent compatible `/test/session/*` and `/test/traces` paths, so tests written against
 * the Python test agent port. Sessions follow its semantics (see `requestsForSession`).
 */
export function testSessionRoutes(snapshots: SnapshotOptions): Route[] {
  return [
    {
      methods: ['GET'],
      path: '/test/session/start',
      handle: (ctx) => {
        logRequest(ctx, 'session-start', Buffer.alloc(0), undefined);
        sendText(ctx.res, 200, 'OK');
      },
    },
    {
      methods: ['GET'],
      path: '/test/session/clear',
      handle: ({ res, store, sessionToken }) => {
        store.requestLog.retain(clearSession(store.requestLog.entries(), sessionToken));
        sendText(res, 200, 'OK');
      },
    },
    {
      methods: ['GET'],
      path: '/test/session/traces',
      handle: (ctx) => sendRaw(ctx, stringifyWithIds(sessionTraces(ctx).map((trace) => trace.map((span) => toTestAgentSpan(span))))),
    },
    { methods: ['GET'], path: '/test/session/stats', handle: (ctx) => sendJson(ctx.res, 200, bodiesOf(ctx, 'stats')) },
    { methods: ['GET'], path: '/test/session/apmtelemetry', handle: (ctx) => sendJson(ctx.res, 200, bodiesOf(ctx, 'telemetry')) },
    {
      methods: ['GET'],
      path: '/test/session/requests',
      handle: (ctx) =>
        sendJson(
          ctx.res,
          200,
          sessionRequests(ctx)
            .filter((request) => request.kind !== 'session-start')
            .reverse()
            .map((request) => ({
              headers: request.headers,
              body: request.raw.toString('base64'),
              url: `http://${ctx.req.headers.host ?? 'localhost'}${request.path}`,
              method: request.method,
            })),
        ),
    },
    {
      methods: ['GET'],
      path: '/test/session/snapshot',
      handle: async (ctx) => {
        const q = ctx.url.searchParams;
        const named = ctx.req.headers['x-datadog-test-snapshot-filename'] ?? q.get('file') ?? undefined;
        const base = typeof named === 'string' ? named : ctx.sessionToken === undefined ? undefined : join(q.get('dir') ?? snapshots.dir, ctx.sessionToken);
        if (base === undefined) {
          throw new HttpError(400, 'snapshot needs a session token (test_session_token) or a file (file= / X-Datadog-Test-Snapshot-Filename)');
        }
        const file = `${isAbsolute(base) ? base : resolve(base)}.json`;
        const ignores = [...DEFAULT_SNAPSHOT_IGNORES, ...(q.get('ignores') ?? '').split(',').filter(Boolean)];
        const traces = sessionTraces(ctx).map((trace) => trace.map((span) => toTestAgentSpan(span, false)));
        try {
          const outcome = await snapshotTraces(file, traces, ignores, snapshots.ciMode);
          sendJson(ctx.res, 200, { outcome, file });
        } catch (error) {
          if (error instanceof SnapshotMismatchError) throw new HttpError(400, error.message);
          throw error;
        }
      },
    },
    {
      methods: ['GET'],
      path: '/test/traces',
      handle: (ctx) => {
        const raw = ctx.url.searchParams.get('trace_ids') ?? ctx.req.headers['x-datadog-trace-ids'];
        const traces = ctx.store.traces();
        const wanted = typeof raw === 'string' && raw !== '' ? raw.split(',').map((id) => traces.find((t) => t[0]?.trace_id === id.trim()) ?? []) : traces;
        sendRaw(ctx, stringifyWithIds(wanted.map((trace) => trace.map((span) => toTestAgentSpan(span)))));
      },
    },
  ];
}

function sessionRequests(ctx: RouteContext): LoggedRequest[] {
  try {
    return requestsForSession(ctx.store.requestLog.entries(), ctx.sessionToken);
  } catch (error) {
    if (error instanceof NoSuchSessionError) throw new HttpError(404, error.message);
    throw error;
  }
}

function sessionTraces(ctx: RouteContext) {
  return groupByTrace(sessionRequests(ctx).flatMap((request) => request.spans ?? []));
}

function bodiesOf(ctx: RouteContext, kind: LoggedRequest['kind']): unknown[] {
  return sessionRequests(ctx)
    .filter((request) => request.kind === kind)
    .map((request) => request.body);
}

function sendRaw({ res }: RouteContext, json: string): void {
  sendText(res, 200, json, 'application/json');
}
