import { subscribe } from 'node:diagnostics_channel';

/**
 * dd-trace publishes every span on this channel as it finishes, before the span is encoded: tags
 * set here still reach the agent (@kennel/tracing's finish-time scrubbing relies on the same).
 */
const SPAN_FINISH_CHANNEL = 'dd-trace:span:finish';

/** What waits for a span: one object per request, so following a span allocates no closure. */
export interface SpanFollower {
  spanFinished(): void;
}

const waiting = new WeakMap<object, SpanFollower>();
let subscribed = false;

function onSpanFinish(span: unknown): void {
  if (typeof span !== 'object' || span === null) return;
  const follower = waiting.get(span);
  if (follower === undefined) return;
  waiting.delete(span);
  try {
    follower.spanFinished();
  } catch {
    // a throwing subscriber would surface in the host app as an uncaught exception
  }
}

/**
 * Calls `follower.spanFinished()` when dd-trace finishes `span`, just before it is encoded. This is
 * how a request's outcome reaches dd-trace's web span, and its metrics are emitted, with no
 * framework hook and no response listener per request: dd-trace finishes its web span when the
 * response finishes, or closes first (an aborted request). A span that never finishes is simply
 * forgotten (weakly held).
 */
export function whenSpanFinishes(span: object, follower: SpanFollower): void {
  if (!subscribed) {
    subscribe(SPAN_FINISH_CHANNEL, onSpanFinish);
    subscribed = true;
  }
  waiting.set(span, follower);
}
