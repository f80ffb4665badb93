import type { FastifyInstance } from 'fastify';

/**
 * `app.addHook(name, hook)` without dd-trace's per-call wrapper around `hook`.
 *
 * dd-trace wraps every hook registered through `addHook` so that fastify's continuation after
 * `done` re-enters dd-trace's context, and so that an error passed to `done` reaches the span.
 * Under dd-trace's defaults the wrapper takes its slow path on every call (a context object, a
 * copy of the arguments, a `done` closure, a store switch): ≈ 0.5–1 µs per request measured, as
 * much as all of kennel's own work on a traced request. kennel's hooks give it nothing to do:
 * they call `done` synchronously, in the request's own context, and never with an error.
 *
 * dd-trace passes a registration through untouched when its last argument is not a function (every
 * version of its fastify integration does), and fastify's `addHook` reads only `(name, hook)`: the
 * trailing `undefined` is all it takes. Should either ever change, the hook is wrapped like any
 * other: correct, only slower. A test with the real dd-trace watches for that.
 */
export function addUnwrappedHook(app: FastifyInstance, name: string, hook: (...args: never[]) => unknown): void {
  Reflect.apply(app.addHook, app, [name, hook, undefined]);
}
