import type { HookBus } from '@kennel/core';
import { REDACTED, TAG_HTTP_URL } from './constants.js';

/**
 * Rewrites the query string of a URL: parameter names stay, whole values are replaced by
 * `<redacted>` unless the name is allowlisted (then the value still goes through `preTag`).
 * Returns the URL unchanged when it has no query string.
 */
export function scrubQuery(url: string, keep: ReadonlySet<string>, hooks: Pick<HookBus, 'apply' | 'has'>): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const parts = url.slice(q + 1).split('&');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const eq = part.indexOf('=');
    if (eq === -1) continue; // a bare flag carries no value
    const name = part.slice(0, eq);
    parts[i] = `${name}=${keptValue(name, part.slice(eq + 1), keep, hooks) ?? REDACTED}`;
  }
  return `${url.slice(0, q)}?${parts.join('&')}`;
}

function keptValue(name: string, value: string, keep: ReadonlySet<string>, hooks: Pick<HookBus, 'apply' | 'has'>): string | null {
  if (!keep.has(safeDecode(name))) return null;
  if (!hooks.has('preTag')) return value;
  const scrubbed = hooks.apply('preTag', safeDecode(value), TAG_HTTP_URL, 'http.url');
  return typeof scrubbed === 'string' ? encodeURIComponent(scrubbed) : null;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
