import { isIP } from 'node:net';
import { at, cls, COLON, DOT, HEX, runEnd, WORD } from './chars.js';
import type { ScanState } from './internal-types.js';
import { record } from './record.js';

const MAX_LEN = 45; // longest textual IPv6 (with an embedded IPv4)

/**
 * IPv6 at a hex digit followed by `:` within four characters, or at `::`. The candidate run of
 * `[0-9A-Fa-f:.]` must look like an address (a `::` or 6+ colons, so `12:30:45` and MAC addresses
 * are skipped cheaply) before `net.isIP` has the final word.
 */
export function matchIpv6(st: ScanState, i: number): number {
  const s = st.s;
  if (i < st.ipv6Until) return -1;
  if (s.charCodeAt(i) !== COLON) {
    // Cheap reject for words, numbers and times: an address has a second ':' right after the first group.
    const h = runEnd(s, i, HEX);
    if (h - i > 4 || at(s, h) !== COLON) return -1;
    const h2 = runEnd(s, h + 1, HEX);
    if (h2 - h - 1 > 4 || at(s, h2) !== COLON) return -1; // "30:45.123Z"
  }
  let p = i;
  let colons = 0;
  let double = false;
  let hexDigits = 0;
  let groups = 0;
  let inGroup = false;
  for (; p < s.length && p - i <= MAX_LEN; p++) {
    const c = s.charCodeAt(p);
    if (c === COLON) {
      colons++;
      if (at(s, p - 1) === COLON && p > i) double = true;
      inGroup = false;
    } else if (cls(s, p) & HEX) {
      hexDigits++;
      if (!inGroup) groups++;
      inGroup = true;
    } else if (c !== DOT) break;
  }
  st.ipv6Until = p; // a failed run is not tried again from inside
  if (colons < 2 || (!double && colons < 6) || hexDigits < 4 || groups < 2) return -1;
  if (cls(s, p) & WORD || (p - i > MAX_LEN && cls(s, p) & HEX)) return -1;
  let end = p;
  while (end > i && (at(s, end - 1) === DOT || (at(s, end - 1) === COLON && at(s, end - 2) !== COLON))) end--;
  return isIP(s.slice(i, end)) === 6 ? record(st, 'ipv6', i, end) : -1;
}
