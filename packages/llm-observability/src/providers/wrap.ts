import type { Runtime } from '../internal-types.js';

const WRAPPED = Symbol.for('kennel.llm.wrapped');

type Method = (this: unknown, ...args: unknown[]) => unknown;
type Original = { call(self: unknown, ...args: unknown[]): unknown };
type Impl = (runtime: Runtime, original: Original, self: unknown, params: Record<string, unknown>, rest: unknown[]) => unknown;

/**
 * Replaces `target[name]` with an own-property wrapper (idempotent). The runtime is resolved per
 * call, so a client instrumented before kennel starts (or after it shut down) just passes through.
 * kennel code failing before the SDK is reached falls back to a plain call; errors from the SDK
 * itself reach the caller unchanged.
 */
export function wrapMethod(resolve: () => Runtime | undefined, target: object | undefined, name: string, impl: Impl): void {
  if (!target) return;
  const holder = target as Record<string, unknown>;
  const original = holder[name];
  if (typeof original !== 'function' || (original as { [WRAPPED]?: boolean })[WRAPPED]) return;
  const wrapped = function (this: unknown, params: unknown, ...rest: unknown[]) {
    const runtime = resolve();
    if (!runtime || params === null || typeof params !== 'object') return (original as Method).call(this, params, ...rest);
    let reached = false;
    const guarded: Original = {
      call(self, ...args) {
        reached = true;
        return (original as Method).apply(self, args);
      },
    };
    try {
      return impl(runtime, guarded, this, params as Record<string, unknown>, rest);
    } catch (error) {
      if (reached) throw error;
      return (original as Method).call(this, params, ...rest);
    }
  };
  Object.defineProperty(wrapped, WRAPPED, { value: true });
  Object.defineProperty(wrapped, 'name', { value: (original as Method).name });
  holder[name] = wrapped;
}
