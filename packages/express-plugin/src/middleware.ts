import { KennelConfigError, onceGate } from '@kennel/core';
import { createHttpTelemetry, type HttpTelemetry, type RequestState } from '@kennel/http';
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { isTracked, trackRoute } from './route.js';
import type { ExpressAppLike, KennelExpressOptions } from './types.js';

const INSTRUMENTED = Symbol.for('kennel.express.instrumented');

/**
 * kennel request telemetry for express 4 and 5: route-template span resources (nested routers
 * included), RED metrics, request ids and trace correlation. `app.use(kennelExpress({ kennel }))`
 * before your routes; add `app.use(kennelErrorHandler())` after them to record thrown errors.
 */
export function kennelExpress(options: KennelExpressOptions): RequestHandler {
  const { telemetry, begin } = expressTelemetry(options);
  return function kennelMiddleware(req, res, next) {
    const state = begin(req, res);
    if (state && needsScope(telemetry, state)) enter(telemetry, state, req, next);
    else next();
  };
}

/**
 * The same telemetry as `kennelExpress`, installed at the app's entry (`app.handle`) rather than as
 * a middleware layer. dd-trace's express integration opens a span for every middleware layer, so
 * the middleware form costs one more span per request when traced; this form adds none.
 * Returns the app. Still add `app.use(kennelErrorHandler())` after the routes.
 */
export function instrumentExpress<App extends ExpressAppLike>(app: App, options: KennelExpressOptions): App {
  const target = app as unknown as HandleCarrier;
  if (typeof app !== 'function' || typeof target.handle !== 'function') {
    throw new KennelConfigError([{ source: 'instrumentExpress(app)', received: typeof app, expected: 'an express application, as returned by express()' }]);
  }
  if (target[INSTRUMENTED]) {
    throw new KennelConfigError([{ source: 'instrumentExpress(app)', received: 'an app kennel already instruments', expected: 'each app instrumented once' }]);
  }
  const { telemetry, begin } = expressTelemetry(options);
  const handle = target.handle;
  // express 5 gives the request its app's prototype in `handle`, before routing: route tracking is
  // told which prototype that will be. kennel sets it first only where something needs it sooner:
  // express 4 (the one with `lazyrouter`) gives it in its first middleware, after its router has
  // written `req.baseUrl`, which would hide the tracker's accessor; and an LLM-aware app's
  // `llmContext(req)` runs before `handle` and may call express's request methods. Setting a
  // prototype is a call into V8's runtime, which express 5 makes anyway.
  const setPrototypeFirst = typeof (app as { lazyrouter?: unknown }).lazyrouter === 'function' || telemetry.llmAware;
  target.handle = function kennelHandle(this: unknown, req: Request, res: Response, callback?: unknown) {
    const proto = target.request;
    if (setPrototypeFirst && proto && Object.getPrototypeOf(req) !== proto) Object.setPrototypeOf(req, proto);
    const state = begin(req, res, proto);
    if (state && needsScope(telemetry, state)) return enterHandle(telemetry, state, handle, this, req, res, callback);
    return handle.call(this, req, res, callback);
  };
  Object.defineProperty(target, INSTRUMENTED, { value: true });
  return app;
}

/** What express keeps on every application, though its type declarations leave `handle` out. */
interface HandleCarrier {
  handle: (this: unknown, req: Request, res: Response, callback?: unknown) => unknown;
  request?: object;
  [INSTRUMENTED]?: true;
}

/** Whether anything downstream must run inside a scope: a span kennel opened, or an LLM session. */
function needsScope(telemetry: HttpTelemetry<Request, Response>, state: RequestState): boolean {
  return state.ownsSpan || telemetry.llmAware;
}

/**
 * Runs everything downstream (routes, their awaits) in the request's web span, when kennel opened
 * it (lean preset), and in its LLM session context.
 */
function enter<T>(telemetry: HttpTelemetry<Request, Response>, state: RequestState, req: Request, fn: () => T): T {
  return telemetry.runInSpan(state, telemetry.llmAware ? inLlmContext(telemetry, req, fn) : fn);
}

function inLlmContext<T>(telemetry: HttpTelemetry<Request, Response>, req: Request, fn: () => T): () => T {
  return () => telemetry.runInLlmContext(req, fn);
}

/**
 * `enter` for the app's own `handle`. The closure is made here, not in `kennelHandle`: a function
 * whose closure captures its arguments allocates a context for them on every call, closure or not.
 */
function enterHandle(telemetry: HttpTelemetry<Request, Response>, state: RequestState, handle: HandleCarrier['handle'], self: unknown, req: Request, res: Response, callback: unknown) {
  return enter(telemetry, state, req, () => handle.call(self, req, res, callback));
}

/** Records the error on the request's telemetry, then passes it on unchanged. */
export function kennelErrorHandler(): ErrorRequestHandler {
  return function kennelErrors(error, req, _res, next) {
    const state = req.kennel as RequestState | undefined;
    if (state) state.error = error;
    next(error);
  };
}

/** Validates the options once; `begin` starts one request's telemetry and never throws. */
function expressTelemetry(options: KennelExpressOptions): {
  telemetry: HttpTelemetry<Request, Response>;
  begin: (req: Request, res: Response, proto?: object) => RequestState | undefined;
} {
  const { kennel, ...httpOptions } = options ?? ({} as KennelExpressOptions);
  if (!kennel || typeof kennel.tryGet !== 'function') {
    throw new KennelConfigError([{ source: 'options.kennel', received: kennel, expected: 'the handle returned by createKennel()' }]);
  }
  const telemetry = createHttpTelemetry<Request, Response>(kennel, httpOptions);
  const echo = telemetry.echoHeader;
  // One function for every request: the route tracker hands it the request's state.
  const setRoute = (state: RequestState, template: string, tracerNamesRoute: boolean) => telemetry.setRoute(state, template, tracerNamesRoute);
  const once = onceGate();
  const onBlindMount = (path: string) => {
    if (!once('blind mount')) return;
    kennel.logger.warn(
      `kennel began tracking a request inside the mount ${JSON.stringify(path)} (req.baseUrl), with no route params to map that path back to a template: route names start with it as the URL reads it. If the mount has parameters, install kennel at the app (instrumentExpress(app), or app.use(kennelExpress()) before the routers) or give that router mergeParams: true.`,
    );
  };
  /** `proto`: the express request prototype `req` is about to get, where it does not have it yet. */
  const begin = (req: Request, res: Response, proto?: object): RequestState | undefined => {
    try {
      if (isTracked(req)) return undefined; // an outer kennel tracks it, through this app's routes too
      const tracked = telemetry.track(req, req, res, res);
      if (tracked) {
        if (echo && tracked.requestId) res.setHeader(echo, tracked.requestId);
        // `req.kennel` reads the route tracker's owner where express's request prototype allows.
        if (!trackRoute(req, tracked, setRoute, onBlindMount, proto)) req.kennel = tracked;
      }
      return tracked;
    } catch {
      // never break the request; the helper already reports its own failures
      return undefined;
    }
  };
  return { telemetry, begin };
}
