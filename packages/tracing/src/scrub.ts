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
 * what reaches the agent. Returns the unsubscribe function.
 */
export function scrubFinishedSpans(hooks: HookBus, stats: TracingStats): () => void {
  const onFinish = (message: unknown) => {
    if (!hooks.has('preTag')) return;
    try {
      const context = (message as FinishedSpan).context();
      const tags = context.getTags?.() ?? context._tags;
      if (tags) scrubInPlace(hooks, tags, stats);
    } catch {
      // A throwing subscriber would surface as an uncaught exception in the host: never let it.
    }
  };
  subscribe('dd-trace:span:finish', onFinish);
  return () => unsubscribe('dd-trace:span:finish', onFinish);
}
