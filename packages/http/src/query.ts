import type { HookBus } from '@kennel/core';
import { REDACTED, TAG_HTTP_URL } from './constants.js';

/**
 * What a parameter name looks like when it is one (`page`, `user.id`, `filter[name]`). Anything
 * else before a `=` may be a credential sent as the query itself (a JWT, a token, base64 whose
 * padding reads as `=`), which dd-trace's own obfuscation would catch: such a part goes whole.
 */
const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_.\-[\]]{0,31}$/;

/**
 * Rewrites the query string of a URL: parameter names stay, whole values are replaced by
 * `<redacted>` unless the name is allowlisted (then the value still goes through `preTag`). A part
 * with no `=` (`?<token>`, `&flag`), or whose name does not look like one, is redacted whole,
 * unless it is allowlisted as written. Returns the URL unchanged when it has no query string.
 */
export function scrubQuery(url: string, keep: ReadonlySet<string>, hooks: Pick<HookBus, 'apply' | 'has'>): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const parts = url.slice(q + 1).split('&');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? undefined : part.slice(eq + 1);
    const decoded = safeDecode(name);
    if (value === undefined || value.startsWith('=') || !PARAM_NAME.test(decoded)) {
      if (!keep.has(decoded)) parts[i] = REDACTED;
      continue;
    }
    parts[i] = `${name}=${keptValue(decoded, value, keep, hooks) ?? REDACTED}`;
  }
  return `${url.slice(0, q)}?${parts.join('&')}`;
}

function keptValue(name: string, value: string, keep: ReadonlySet<string>, hooks: Pick<HookBus, 'apply' | 'has'>): string | null {
  if (!keep.has(name)) return null;
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
