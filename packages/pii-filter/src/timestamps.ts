import { at, cls, COLON, DASH, DOT, WORD } from './chars.js';

const T = 84;
const Z = 90;
const MAX_FRACTION = 9;

/** A plain range test: these run at the start of most log lines, so they skip the class table. */
const isDigit = (s: string, p: number) => {
  const c = at(s, p);
  return c >= 48 && c <= 57;
};
const twoDigits = (s: string, p: number) => isDigit(s, p) && isDigit(s, p + 1);

/** `-MM-DD` at `p` (after a 4-digit year), not followed by another digit group. */
export function isIsoDate(s: string, p: number): boolean {
  return twoDigits(s, p + 1) && at(s, p + 3) === DASH && twoDigits(s, p + 4) && !isDigit(s, p + 6) && at(s, p + 6) !== DASH;
}

/**
 * Past a UTC time `THH:MM:SS[.fraction]Z` at `p` (right after an ISO date), else `p`. Log lines
 * start with one; skipped whole it costs one look instead of six matcher calls, and those calls
 * could not find anything in it: `T12` is no key, `30:45` no IPv6 address, `45.123` no number.
 */
export function isoTimeEnd(s: string, p: number): number {
  if (at(s, p) !== T || !twoDigits(s, p + 1) || at(s, p + 3) !== COLON || !twoDigits(s, p + 4)) return p;
  if (at(s, p + 6) !== COLON || !twoDigits(s, p + 7)) return p;
  let q = p + 9;
  if (at(s, q) === DOT) {
    const from = q + 1;
    q = from;
    while (isDigit(s, q) && q - from <= MAX_FRACTION) q++;
    if (q === from || q - from > MAX_FRACTION) return p;
  }
  return at(s, q) === Z && !(cls(s, q + 1) & WORD) ? q + 1 : p;
}
