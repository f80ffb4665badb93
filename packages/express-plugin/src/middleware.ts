import { KennelConfigError } from '@kennel/core';
import { createHttpTelemetry, type RequestState } from '@kennel/http';
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { trackRoute } from './route.js';
import type { KennelExpressOptions } from './types.js';

/**
 * kennel request telemetry for express 4 and 5: route-template span resources (nested routers
 * included), RED metrics, request ids and trace correlation. `app.use(kennelExpress({ kennel }))`
 * before your routes; add `app.use(kennelErrorHandler())` after them to record thrown errors.
 */
export function kennelExpress(options: KennelExpressOptions): RequestHandler {
  const { kennel, ...httpOptions } = options ?? ({} as KennelExpressOptions);
  if (!kennel || typeof kennel.tryGet !== 'function') {
    throw new KennelConfigError([{ source: 'options.kennel', received: kennel, expected: 'the handle returned by createKennel()' }]);
  }
  const telemetry = createHttpTelemetry<Request, Response>(kennel, httpOptions);
  const echo = telemetry.echoHeader;

  return function kennelMiddleware(req, res, next) {
    let state: RequestState | undefined;
    try {
      const tracked = (state = telemetry.start(req));
      if (tracked) {
        req.kennel = tracked;
        if (echo && tracked.requestId) res.setHeader(echo, tracked.requestId);
        trackRoute(req, (template) => telemetry.setRoute(tracked, template));
        telemetry.follow(tracked, req, res, res);
      }
    } catch {
      // never break the request; the helper already reports its own failures
    }
    // Everything downstream (routes, their awaits) runs in the request's LLM session context.
    if (state && telemetry.llmAware) telemetry.runInLlmContext(req, next);
    else next();
  };
}

/** Records the error on the request's telemetry, then passes it on unchanged. */
export function kennelErrorHandler(): ErrorRequestHandler {
  return function kennelErrors(error, req, _res, next) {
    const state = req.kennel as RequestState | undefined;
    if (state) state.error = error;
    next(error);
  };
}
