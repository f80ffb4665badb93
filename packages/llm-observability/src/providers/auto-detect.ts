import { channel } from 'node:diagnostics_channel';

/**
 * Detects, per call, whether dd-trace's own openai/anthropic integration traced it. dd-trace
 * publishes `tracing:apm:<provider>:request:start` synchronously inside the SDK method when its
 * plugin is active and the SDK module was loaded through its hooks. kennel only listens once
 * dd-trace does, so it never switches the instrumentation's tracing path on by itself.
 */

let probe: { hit: boolean } | undefined;
const listening = new Set<string>();

function listen(provider: string): boolean {
  if (listening.has(provider)) return true;
  const start = channel(`tracing:apm:${provider}:request:start`);
  if (!start.hasSubscribers) return false;
  start.subscribe(() => {
    if (probe) probe.hit = true;
  });
  listening.add(provider);
  return true;
}

/** Runs `fn` (the SDK call) and reports whether dd-trace's integration traced it. */
export function callDetectingAutoInstrumentation<T>(provider: 'openai' | 'anthropic', fn: () => T): { result: T; auto: boolean } {
  if (!listen(provider)) return { result: fn(), auto: false };
  const previous = probe;
  const current = { hit: false };
  probe = current;
  try {
    return { result: fn(), auto: current.hit };
  } finally {
    probe = previous;
  }
}
