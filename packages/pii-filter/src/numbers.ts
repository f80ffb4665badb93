import { APOS, at, CLOSE, cls, COLON, DASH, DIGIT, DOT, EQUALS, OPEN, QUOTE, runEnd, SPACE, WORD } from './chars.js';
import type { ScanState } from './internal-types.js';
import { record } from './record.js';
import { cardNetwork, validSsn } from './validators.js';

const MAX_GROUPS = 8;
const MAX_E164 = 15;
/** The fewest digits of an SSN (9); national phones have 10 or more, cards 13 or more. */
const MIN_DIGITS = 9;

/**
 * The digit groups of the current run, in scratch buffers reused across calls: numbers are the
 * most frequent candidates in logs, so parsing one allocates nothing. (Scanning is synchronous and
 * never re-entrant, so one set of buffers is enough.)
 */
const starts = new Int32Array(MAX_GROUPS);
const lens = new Int32Array(MAX_GROUPS);
/** End of each group (after its `)` when parenthesised). */
const groupEnds = new Int32Array(MAX_GROUPS);
let count = 0;
/** The one separator used between groups (0: none); a different one ends the run. */
let sep = 0;
let plus = false;
let paren = false;
let digitTotal = 0;
/** Index of the parenthesised group, or -1. */
let parenAt = -1;

/**
 * Phones, cards, SSNs and IPv4 addresses all start here, at a `+`, `(` or digit on a word boundary.
 * The run is parsed once into groups, then classified by shape and validated (Luhn, ranges, octets),
 * longest prefix first: in "4111 1111 1111 1111 12ms" the card is the first four groups.
 * Returns where scanning resumes, or -1 for no run.
 */
export function matchNumber(st: ScanState, i: number): number {
  const s = st.s;
  const end = parseGroups(s, i);
  if (end < 0) return -1;
  const total = count;
  if (total === 1 && cls(s, end) & WORD) return runEnd(s, end, WORD); // "3f2a…", "1700ms": part of a word
  // Under MIN_DIGITS digits a run is no phone (without `+`), SSN or card; only a dotted quad is left.
  if (plus || digitTotal >= MIN_DIGITS || (sep === DOT && total >= 4)) {
    for (let c = total; c >= 1; c--) {
      setCount(c);
      const stop = c === total ? end : groupEnds[c - 1]!;
      if (!boundaryAfter(s, stop, c === total)) continue;
      const detector = classify(st);
      if (detector !== undefined) return record(st, detector, i, stop);
    }
  }
  // No match. A run joined by '-' or '.' has no shorter candidate: skip it, and the word it runs into
  // ("2024-01-15T12"). Otherwise skip the first group only, so a later group can start its own run
  // ("id=42 123-45-6789"); re-parsing is bounded (MAX_GROUPS groups per start), so the scan stays linear.
  if ((sep === DASH || sep === DOT) && !plus && parenAt < 0) return cls(s, end) & WORD ? runEnd(s, end, WORD) : end;
  return groupEnds[0]!;
}

/** A match may end before whitespace or punctuation, not inside a word or a dotted/dashed id ("1.2.3-beta", "10.0.0.1.5"). */
function boundaryAfter(s: string, end: number, whole: boolean): boolean {
  const next = at(s, end);
  if (!whole) return next === SPACE;
  if (cls(s, end) & WORD) return false;
  return !((next === DOT || next === DASH) && cls(s, end + 1) & WORD);
}

/** Narrows the parsed run to its first `c` groups. */
function setCount(c: number): void {
  count = c;
  digitTotal = 0;
  for (let k = 0; k < c; k++) digitTotal += lens[k]!;
  paren = parenAt >= 0 && parenAt < c;
}

/**
 * Fills the scratch buffers; returns the end of the run or -1 when there is no digit group. The
 * loop works on locals and stores the run's state once at the end: the module-level `let`s and
 * buffers are bindings that V8 reloads and re-checks at every use.
 */
function parseGroups(s: string, i: number): number {
  const hasPlus = s.charCodeAt(i) === 43;
  const groupStarts = starts;
  const groupLens = lens;
  const ends = groupEnds;
  let n = 0;
  let total = 0;
  let separator = 0;
  let parenIndex = -1;
  let p = hasPlus ? i + 1 : i;
  let end = -1;
  while (n < MAX_GROUPS) {
    const open = at(s, p) === OPEN && n === (hasPlus ? 1 : 0);
    const from = open ? p + 1 : p;
    const q = runEnd(s, from, DIGIT);
    if (q === from || (open && (q - from !== 3 || at(s, q) !== CLOSE))) break; // "(555)": only an area code is parenthesised
    if (hasPlus && total + (q - from) > MAX_E164) break; // E.164 has at most 15 digits
    total += q - from;
    groupStarts[n] = from;
    groupLens[n] = q - from;
    p = end = open ? q + 1 : q;
    ends[n] = end;
    n++;
    if (open) {
      parenIndex = n - 1;
      if (cls(s, p) & DIGIT) continue; // "(555)123-4567"
    }
    const c = at(s, p);
    if (c !== SPACE && c !== DASH && c !== DOT) break;
    if (hasPlus && c === SPACE && total >= 11) break; // a complete international number ends at a space
    const nextIsGroup = cls(s, p + 1) & DIGIT || (hasPlus && n === 1 && at(s, p + 1) === OPEN);
    if (!nextIsGroup) break;
    if (!open && !hasPlus) {
      // mixed separators only around "(555) " and after "+": "2024-01-15 555-123-4567" ends the date at the space
      if (separator === 0) separator = c;
      else if (c !== separator) break;
    }
    p++;
  }
  plus = hasPlus;
  paren = false;
  parenAt = parenIndex;
  sep = separator;
  count = n;
  digitTotal = total;
  return end;
}

type NumberDetector = 'phone' | 'card' | 'ssn' | 'ipv4';

/** Group lengths as one number, e.g. 3,3,4 → 334 (lengths above 9 make the shape match nothing). */
function shape(): number {
  let code = 0;
  for (let k = 0; k < count; k++) code = lens[k]! > 9 ? -1e9 : code * 10 + lens[k]!;
  return code;
}

function groupValue(s: string, k: number): number {
  let v = 0;
  const a = starts[k]!;
  for (let p = a; p < a + lens[k]!; p++) v = v * 10 + (s.charCodeAt(p) - 48);
  return v;
}

function classify(st: ScanState): NumberDetector | undefined {
  const s = st.s;
  const code = shape();
  if (!plus && !paren) {
    if (st.on.ipv4 && sep === DOT && count === 4 && isIpv4(s)) return 'ipv4';
    if (st.on.ssn && sep === DASH && code === 324 && validSsn(groupValue(s, 0), groupValue(s, 1), groupValue(s, 2))) return 'ssn';
    if (st.on.card && sep !== DOT && isCardShape(code) && cardNetwork(leadingDigits(s, 4), digitTotal) && luhnGroups(s) && !(count === 1 && isIdValue(s, starts[0]!))) return 'card';
  }
  return st.on.phone && isPhoneShape(s, code) ? 'phone' : undefined;
}

/**
 * True when the digits at `start` are the value of an id-named key (`"span_id":"6450…"`,
 * `trace_id=…`, `orderId: …`): a 64-bit id can pass Luhn and an issuer prefix by chance.
 */
function isIdValue(s: string, start: number): boolean {
  let p = start - 1;
  if (at(s, p) === QUOTE || at(s, p) === APOS) p--;
  while (at(s, p) === SPACE) p--;
  if (at(s, p) !== EQUALS && at(s, p) !== COLON) return false;
  p--;
  if (at(s, p) === QUOTE || at(s, p) === APOS) p--;
  return (at(s, p) | 0x20) === 100 && (at(s, p - 1) | 0x20) === 105; // ends in "id"
}

/** The first `n` digits of the run as a number (the card issuer prefix). */
function leadingDigits(s: string, n: number): number {
  let v = 0;
  let taken = 0;
  for (let k = 0; k < count && taken < n; k++) {
    for (let p = starts[k]!; p < starts[k]! + lens[k]! && taken < n; p++, taken++) v = v * 10 + (s.charCodeAt(p) - 48);
  }
  return v;
}

/** Luhn over the digit groups in place (no joined string). */
function luhnGroups(s: string): boolean {
  let sum = 0;
  let double = false;
  for (let k = count - 1; k >= 0; k--) {
    for (let p = starts[k]! + lens[k]! - 1; p >= starts[k]!; p--) {
      let d = s.charCodeAt(p) - 48;
      if (double && (d *= 2) > 9) d -= 9;
      sum += d;
      double = !double;
    }
  }
  return sum % 10 === 0;
}

function isIpv4(s: string): boolean {
  for (let k = 0; k < 4; k++) if (lens[k]! > 3 || groupValue(s, k) > 255) return false;
  return true;
}

/** Contiguous 13–16 digits (longer bare runs are ids: 64-bit trace/span ids), or the printed groupings. */
function isCardShape(code: number): boolean {
  if (count === 1) return lens[0]! >= 13 && lens[0]! <= 16;
  // 4-4-4-4, 4-4-4-4-1..3, Amex 4-6-5, Diners 4-6-4
  return code === 4444 || (code >= 44441 && code <= 44443) || code === 465 || code === 464;
}

/** National shapes that start with a trunk `0` (UK, FR, DE and most of Europe). */
const trunkShapes = new Set([56, 344, 434, 22222, 37, 38, 46, 47, 55]);

/**
 * E.164 (`+` then 8–15 digits), NANP (`555-123-4567`, `(555) 123-4567`, `1-800-555-0199`) and
 * trunk-prefixed national formats. Bare digit runs are never phones: they are ids and timestamps.
 */
function isPhoneShape(s: string, code: number): boolean {
  if (plus) return digitTotal <= 15 && (count === 1 ? digitTotal >= 10 : lens[0]! <= 3 && digitTotal >= 8);
  const first = s.charCodeAt(starts[0]!);
  if (paren) return code === 334 && first >= 50;
  if (sep === 0) return false;
  if (code === 334) return first >= 50; // area codes start 2–9
  if (code === 1334) return first === 49 && s.charCodeAt(starts[1]!) >= 50;
  return first === 48 && trunkShapes.has(code);
}
