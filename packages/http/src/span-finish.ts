import { subscribe } from 'node:diagnostics_channel';

/**
 * dd-trace publishes every span on this channel as it finishes, before the span is encoded: tags
 * set here still reach the agent (@kennel/tracing's finish-time scrubbing relies on the same).
 */
const SPAN_FINISH_CHANNEL = 'dd-trace:span:finish';

const waiting = new WeakMap<object, () => void>();
let subscribed = false;

function onSpanFinish(span: unknown): void {
  if (typeof span !== 'object' || span === null) return;
  const run = waiting.get(span);
  if (run === undefined) return;
  waiting.delete(span);
  try {
    run();
  } catch {
    // a throwing subscriber would surface in the host app as an uncaught exception
  }
}

/**
 * Runs `fn` when dd-trace finishes `span`, just before it is encoded. This is how tags that depend
 * on the response (status, thrown error, user tags) reach the web span without a framework hook
 * per request: under dd-trace every fastify hook is wrapped, which costs more than the work itself.
 * A span that never finishes is simply forgotten (weakly held).
 */
export function whenSpanFinishes(span: object, fn: () => void): void {
  if (!subscribed) {
    subscribe(SPAN_FINISH_CHANNEL, onSpanFinish);
    subscribed = true;
  }
  waiting.set(span, fn);
}
