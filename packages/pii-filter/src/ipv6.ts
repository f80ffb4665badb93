import { at, cls, COLON, DIGIT, DOT, HEX, runEnd, WORD } from './chars.js';
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
  return isIpv6(s, i, end) ? record(st, 'ipv6', i, end) : -1;
}

/**
 * `net.isIP(s.slice(from, end)) === 6` for a run of hex digits, `:` and `.` (the only characters a
 * candidate holds), read in place: eight groups of 1–4 hex digits, or fewer around one `::`; a
 * dotted quad may stand for the last two. The regex behind `net.isIP` and the slice it needs cost
 * about as much as the rest of the match.
 */
export function isIpv6(s: string, from: number, end: number): boolean {
  let groups = 0;
  let compressed = false;
  let p = from;
  if (s.charCodeAt(p) === COLON) {
    if (at(s, p + 1) !== COLON) return false;
    compressed = true;
    p += 2;
    if (p === end) return true; // "::"
  }
  for (;;) {
    const q = Math.min(runEnd(s, p, HEX), end);
    if (q < end && s.charCodeAt(q) === DOT) {
      // a dotted quad ends the address and counts as two groups
      if (!isDottedQuad(s, p, end)) return false;
      groups += 2;
      break;
    }
    if (q === p || q - p > 4) return false;
    groups++;
    if (q === end) break;
    p = q + 1; // past ':'
    if (p < end && s.charCodeAt(p) === COLON) {
      if (compressed) return false; // a second "::"
      compressed = true;
      p++;
      if (p === end) break; // "fe80::"
    } else if (p === end) {
      return false; // a trailing single ':'
    }
  }
  return compressed ? groups <= 7 : groups === 8;
}

/** Four decimal octets in `[from, end)`, each 0–255 without a leading zero (as `net.isIP` reads them). */
function isDottedQuad(s: string, from: number, end: number): boolean {
  let p = from;
  for (let k = 0; k < 4; k++) {
    if (k > 0) {
      if (p >= end || s.charCodeAt(p) !== DOT) return false;
      p++;
    }
    const q = Math.min(runEnd(s, p, DIGIT), end);
    const len = q - p;
    if (len === 0 || len > 3 || (len > 1 && s.charCodeAt(p) === 48)) return false;
    let v = 0;
    for (let d = p; d < q; d++) v = v * 10 + s.charCodeAt(d) - 48;
    if (v > 255) return false;
    p = q;
  }
  return p === end;
}
