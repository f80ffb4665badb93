import type { ServerResponse } from 'node:http';
import { HttpError, sendJson, sendText } from './http-utils.js';
import type { Route } from './router.js';
import type { StoreRecord } from './store.js';
import type { MetricFilter, MetricType, SpanFilter } from './types.js';
import { UI_PAGE } from './ui-page.js';

/** Bytes an SSE client may lag behind before records for it are skipped (never buffered without bound). */
const SSE_MAX_BACKLOG = 1 << 20;
const SSE_HEARTBEAT_MS = 15_000;
const METRIC_TYPES = ['c', 'g', 'h', 'd', 'ms', 's'];

/** Open SSE responses, so `close()` can end them instead of waiting forever. */
export type StreamRegistry = Set<ServerResponse>;

/** The JSON API under `/api`: listings with filters, summary, reset and the live SSE stream. */
export function apiRoutes(streams: StreamRegistry): Route[] {
  return [
    { methods: ['GET'], path: '/', handle: ({ res }) => sendText(res, 200, UI_PAGE, 'text/html; charset=utf-8') },
    { methods: ['GET'], path: '/api/spans', handle: ({ res, url, store }) => sendJson(res, 200, store.spans(spanFilter(url))) },
    { methods: ['GET'], path: '/api/traces', handle: ({ res, url, store }) => sendJson(res, 200, store.traces(spanFilter(url))) },
    { methods: ['GET'], path: '/api/metrics', handle: ({ res, url, store }) => sendJson(res, 200, store.metrics(metricFilter(url))) },
    {
      methods: ['GET'],
      path: '/api/metrics/aggregated',
      handle: ({ res, url, store }) => sendJson(res, 200, store.aggregatedMetrics(metricFilter(url))),
    },
    { methods: ['GET'], path: '/api/events', handle: ({ res, store }) => sendJson(res, 200, store.events()) },
    { methods: ['GET'], path: '/api/service-checks', handle: ({ res, store }) => sendJson(res, 200, store.serviceChecks()) },
    { methods: ['GET'], path: '/api/llmobs/spans', handle: ({ res, store }) => sendJson(res, 200, store.llmSpans()) },
    { methods: ['GET'], path: '/api/llmobs/evaluations', handle: ({ res, store }) => sendJson(res, 200, store.llmEvaluations()) },
    {
      methods: ['GET'],
      path: '/api/requests',
      handle: ({ res, url, store }) => sendJson(res, 200, store.requests(url.searchParams.get('path') ?? '')),
    },
    { methods: ['GET'], path: '/api/summary', handle: ({ res, store }) => sendJson(res, 200, store.summary()) },
    {
      methods: ['POST', 'DELETE'],
      path: '/api/reset',
      handle: ({ res, store }) => {
        store.reset();
        sendJson(res, 200, { ok: true });
      },
    },
    {
      methods: ['GET'],
      path: '/api/stream',
      handle: ({ req, res, store }) => {
        res.writeHead(200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-cache',
          connection: 'keep-alive',
          'access-control-allow-origin': '*',
        });
        res.write(`retry: 2000\nevent: summary\ndata: ${JSON.stringify(store.summary())}\n\n`);
        streams.add(res);
        const unsubscribe = store.onRecord((record: StoreRecord) => {
          if (res.writableLength > SSE_MAX_BACKLOG) return;
          res.write(`event: ${record.kind}\ndata: ${JSON.stringify(record.item)}\n\n`);
        });
        const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), SSE_HEARTBEAT_MS).unref();
        const stop = () => {
          clearInterval(heartbeat);
          unsubscribe();
          streams.delete(res);
        };
        req.on('close', stop);
        res.on('close', stop);
      },
    },
  ];
}

function spanFilter(url: URL): SpanFilter {
  const q = url.searchParams;
  const error = q.get('error');
  if (error !== null && error !== 'true' && error !== 'false') {
    throw new HttpError(400, `query error=${JSON.stringify(error)} is invalid: expected true or false`);
  }
  return {
    ...optional('service', q.get('service')),
    ...optional('name', q.get('name')),
    ...optional('resource', q.get('resource')),
    ...optional('trace_id', q.get('trace_id')),
    ...(error !== null && { error: error === 'true' }),
  };
}

function metricFilter(url: URL): MetricFilter {
  const q = url.searchParams;
  const type = q.get('type');
  if (type !== null && !METRIC_TYPES.includes(type)) {
    throw new HttpError(400, `query type=${JSON.stringify(type)} is invalid: expected one of ${METRIC_TYPES.join(', ')}`);
  }
  const tags = q.getAll('tag');
  return {
    ...optional('name', q.get('name')),
    ...(type !== null && { type: type as MetricType }),
    ...(tags.length > 0 && { tags }),
  };
}

function optional<K extends string>(key: K, value: string | null): { [P in K]?: string } {
  return (value === null ? {} : { [key]: value }) as { [P in K]?: string };
}
