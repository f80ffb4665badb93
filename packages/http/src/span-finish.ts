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

/**
 * A followed span carries its follower under this symbol until it finishes. A WeakMap keyed by
 * span did the same at one insert and one delete per request, and each entry is an ephemeron the
 * garbage collector must trace: measured here, an eighth of kennel's own cost on a traced request.
 * A symbol is invisible to dd-trace (no enumeration, no encoding). A span that cannot take a
 * property (frozen) is followed through a WeakMap instead.
 */
const FOLLOWER = Symbol('kennel.span.follower');
type Followed = { [FOLLOWER]?: SpanFollower | undefined };
let sealedSpans: WeakMap<object, SpanFollower> | undefined;
let subscribed = false;

function onSpanFinish(span: unknown): void {
  if (typeof span !== 'object' || span === null) return;
  let follower = (span as Followed)[FOLLOWER];
  if (follower !== undefined) {
    (span as Followed)[FOLLOWER] = undefined;
  } else {
    follower = sealedSpans?.get(span);
    if (follower === undefined) return;
    sealedSpans!.delete(span);
  }
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
 * response finishes, or closes first (an aborted request). A span that never finishes keeps its
 * follower until it is collected itself.
 */
export function whenSpanFinishes(span: object, follower: SpanFollower): void {
  if (!subscribed) {
    subscribe(SPAN_FINISH_CHANNEL, onSpanFinish);
    subscribed = true;
  }
  try {
    (span as Followed)[FOLLOWER] = follower; // a plain store: Reflect.set would cost as much as the WeakMap did
  } catch {
    (sealedSpans ??= new WeakMap()).set(span, follower); // strict mode throws on a frozen span
  }
}
