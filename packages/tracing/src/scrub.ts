import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { HookBus } from '@kennel/core';
import type { SpanTags, TracingStats } from './types.js';

/**
 * Runs every string tag through the core `preTag` hook; `null` drops the tag. Returns the input
 * untouched when no scrubber is registered (the hot path allocates nothing).
 */
export function scrubTags(hooks: HookBus, tags: SpanTags, stats: TracingStats): Record<string, unknown> {
  if (!hooks.has('preTag')) return tags;
  const out: Record<string, unknown> = {};
  for (const key in tags) {
    const value = tags[key];
    if (typeof value !== 'string') {
      out[key] = value;
      continue;
    }
    const scrubbed = hooks.apply('preTag', value, key, 'span.tag');
    if (scrubbed === null) stats.droppedTags++;
    else out[key] = scrubbed;
  }
  return out;
}

/** Tags dd-trace itself owns: identifiers and enums, never user data. */
const OWN_TAGS = new Set(['service.name', 'span.type', 'span.kind', 'component', 'env', 'version', 'language', 'runtime-id', 'error.type']);

const SPAN_FINISH = 'dd-trace:span:finish';

interface FinishedSpan {
  context(): { getTags?(): Record<string, unknown>; _tags?: Record<string, unknown> };
}

function scrubInPlace(hooks: HookBus, tags: Record<string, unknown>, stats: TracingStats): void {
  for (const key in tags) {
    const value = tags[key];
    if (typeof value !== 'string' || OWN_TAGS.has(key) || key.startsWith('_dd.')) continue;
    const scrubbed = hooks.apply('preTag', value, key, 'span.tag');
    if (scrubbed === value) continue;
    if (scrubbed === null) {
      delete tags[key];
      stats.droppedTags++;
    } else tags[key] = scrubbed;
  }
}

/**
 * Scrubs the string tags of every span as it finishes, auto-instrumented spans included.
 * dd-trace publishes each finished span on the `dd-trace:span:finish` diagnostics channel
 * synchronously, before the span is handed to its processor and encoded, so a tag changed here is
 * what reaches the agent. Subscribed only while a `preTag` handler exists: without one there is
 * nothing to do, and a second subscriber on that channel beside @kennel/http's request follower
 * kept node's `publish` out of V8's optimized callers in most express processes measured (about
 * 0.4 µs a request; BENCHMARKS.md in @kennel/express). Returns the function that stops it.
 */
export function scrubFinishedSpans(hooks: HookBus, stats: TracingStats): () => void {
  const onFinish = (message: unknown) => {
    try {
      const context = (message as FinishedSpan).context();
      const tags = context.getTags?.() ?? context._tags;
      if (tags) scrubInPlace(hooks, tags, stats);
    } catch {
      // A throwing subscriber would surface as an uncaught exception in the host: never let it.
    }
  };
  let subscribed = false;
  const follow = () => {
    const wanted = hooks.has('preTag');
    if (wanted && !subscribed) subscribe(SPAN_FINISH, onFinish);
    else if (!wanted && subscribed) unsubscribe(SPAN_FINISH, onFinish);
    subscribed = wanted;
  };
  const stopWatching = hooks.on('onHandlers', (name) => {
    if (name === 'preTag') follow();
  });
  follow();
  return () => {
    stopWatching();
    if (subscribed) unsubscribe(SPAN_FINISH, onFinish);
    subscribed = false;
  };
}
