import type { IncomingHttpHeaders } from 'node:http';
import type { HookBus } from '@kennel/core';
import { NEVER_CAPTURED_HEADERS, REQUEST_HEADER_TAG_PREFIX } from './constants.js';

/** Lower-cased allowlist minus the credential headers that are never captured. */
export function headerAllowlist(names: readonly string[]): string[] {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  return [...wanted].filter((n) => !NEVER_CAPTURED_HEADERS.has(n));
}

/** Span tags for the allowlisted headers present on the request, each value scrubbed by `preTag`. */
export function headerTags(headers: IncomingHttpHeaders, allow: readonly string[], hooks: Pick<HookBus, 'apply' | 'has'>): Record<string, string> | undefined {
  let tags: Record<string, string> | undefined;
  const scrub = hooks.has('preTag');
  for (const name of allow) {
    const raw = headers[name];
    if (raw === undefined) continue;
    const key = REQUEST_HEADER_TAG_PREFIX + name;
    const value = scrub ? hooks.apply('preTag', String(raw), key, 'http.header') : String(raw);
    if (typeof value === 'string') (tags ??= {})[key] = value;
  }
  return tags;
}
