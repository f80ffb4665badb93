import { KennelConfigError } from '@kennel/core';
import { createHttpTelemetry, type RequestState } from '@kennel/http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { addUnwrappedHook } from './hook.js';
import { routeConfigReader } from './route-config.js';
import type { KennelFastifyOptions } from './types.js';

function kennelPlugin(app: FastifyInstance, options: KennelFastifyOptions, done: (err?: Error) => void): void {
  const { kennel, logInjection: bindTraceIds = kennel?.config?.tracing?.logInjection !== true, ...httpOptions } = options;
  if (!kennel || typeof kennel.tryGet !== 'function') {
    return done(new KennelConfigError([{ source: 'options.kennel', received: kennel, expected: 'the handle returned by createKennel()' }]));
  }
  // A second registration (here, or in a context below the first) would track every request twice.
  if (app.hasRequestDecorator('kennel')) {
    return done(
      new KennelConfigError([
        { source: 'app.register(kennelFastify)', received: 'an instance whose requests already have a `kennel` decorator', expected: 'kennelFastify registered once, on the root instance (it covers every child context and prefix)' },
      ]),
    );
  }
  const telemetry = createHttpTelemetry<FastifyRequest, FastifyReply>(kennel, httpOptions);
  // With logging off, fastify's logger returns itself from child(): no trace ids to bind.
  const bindLogs = bindTraceIds && app.log.child({}) !== app.log;
  const stateOf = (request: FastifyRequest) => request.kennel as RequestState | null;
  const echo = telemetry.echoHeader;
  const routeConfig = routeConfigReader();

  app.decorateRequest('kennel', null);

  /** Starts a request's telemetry; undefined when it is not tracked. Never throws. */
  const track = (request: FastifyRequest, reply: FastifyReply): RequestState | undefined => {
    try {
      const route = routeConfig(request);
      if (route?.kennel === false) return void telemetry.pass(request.raw);
      // No onSend/onResponse/onRequestAbort hooks: the rest happens as dd-trace finishes its web
      // span, or when the response closes (`track` follows it). Each of those hooks would cost
      // fastify listeners and closures per request, more than kennel's own work.
      const state = telemetry.track(request.raw, request, reply, reply.raw);
      if (state) {
        request.kennel = state;
        // `url` is the full template, prefixes included; undefined for the 404 handler. dd-trace
        // records the same template as `http.route` at the span's finish (the path fastify gave
        // find-my-way), so kennel leaves that tag to the finish too, and sets it there only if
        // nobody has: added here, the extra key brought dd-trace's tag object to V8's fast-property
        // limit one tag sooner, and more of dd-trace's finish ran on a dictionary (BENCHMARKS.md).
        telemetry.setRoute(state, route?.url, true);
        if (echo && state.requestId) reply.header(echo, state.requestId);
        if (bindLogs && state.traceId) {
          // fastify's own lines for the request (its error line, "request completed") go through
          // `reply.log`, a reference it took to the request's logger before any hook ran.
          request.log = request.log.child({ dd: { trace_id: state.traceId, span_id: state.spanId } });
          reply.log = request.log;
        }
      }
      return state;
    } catch {
      return undefined; // never break the request; the helper already reports its own failures
    }
  };

  addUnwrappedHook(app, 'onRequest', (request: FastifyRequest, reply: FastifyReply, next: () => void) => {
    const state = track(request, reply);
    // Under the lean preset kennel opened the web span: the rest of the request runs in it.
    if (state) telemetry.runInSpan(state, next);
    else next();
  });

  addUnwrappedHook(app, 'onError', (request: FastifyRequest, _reply: FastifyReply, error: Error, next: () => void) => {
    const state = stateOf(request);
    if (state) state.error = error;
    next();
  });

  if (telemetry.llmAware) {
    // preHandler runs after body parsing and calls the handler synchronously from next(), so the
    // handler and everything it awaits see the request's LLM session context.
    addUnwrappedHook(app, 'preHandler', (request: FastifyRequest, _reply: FastifyReply, next: () => void) => {
      if (stateOf(request)) telemetry.runInLlmContext(request, next);
      else next();
    });
  }

  done();
}

/**
 * kennel request telemetry for fastify 4 and 5: route-template span resources, RED metrics,
 * request ids and trace/log correlation. Register on the root instance:
 * `app.register(kennelFastify, { kennel })`.
 */
export const kennelFastify = fp(kennelPlugin, { name: '@kennel/fastify', fastify: '4.x || 5.x' });
