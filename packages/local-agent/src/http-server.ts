import { createServer, type Server } from 'node:http';
import { HttpError, readBody, sendJson } from './http-utils.js';
import { findRoute, type Route } from './router.js';
import type { AgentStore } from './store.js';
import { sessionToken } from './test-session.js';

export interface HttpServerOptions {
  store: AgentStore;
  routes: Route[];
  maxBodyBytes: number;
  log: (message: string) => void;
}

/**
 * One HTTP server for intake, the JSON API and the test-agent paths. A handler error becomes a
 * JSON `{ error }` answer (4xx with the reason for bad input, 500 otherwise); the server keeps running.
 */
export function createHttpServer({ store, routes, maxBodyBytes, log }: HttpServerOptions): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local-agent');
    const method = req.method ?? 'GET';
    const found = findRoute(routes, method, url.pathname);
    if (found === undefined || found === 'method') {
      req.resume();
      const status = found === 'method' ? 405 : 404;
      sendJson(res, status, { error: `${status === 405 ? 'method not allowed' : 'no such endpoint'}: ${method} ${url.pathname}` });
      return;
    }
    const body = () =>
      readBody(req, maxBodyBytes).catch((error: unknown) => {
        store.countFailure(error instanceof HttpError && error.status === 413 ? 'oversizedPayloads' : 'malformedPayloads');
        throw error;
      });
    const ctx = { req, res, url, rest: found.rest, store, body, sessionToken: sessionToken(req.headers, url) };
    Promise.resolve()
      .then(() => found.route.handle(ctx))
      .catch((error: unknown) => {
        const status = error instanceof HttpError ? error.status : 500;
        const reason = error instanceof Error ? error.message : String(error);
        if (status >= 500) log(`local-agent: ${method} ${url.pathname} failed: ${reason}`);
        if (res.headersSent) {
          res.destroy();
          return;
        }
        // Refused bodies may still be streaming in: answer, then close instead of reading the rest.
        if (status === 413) res.setHeader('connection', 'close');
        sendJson(res, status, { error: reason });
        if (status === 413) res.on('finish', () => req.destroy());
      });
  });
}
