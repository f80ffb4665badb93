import { AT, at, CLASS, cls, COLON, DASH, DIGIT, DOT, EQUALS, HASH, LEAD, OPEN, PERCENT, PLUS, QUOTE, SPACE, TRIGGER, WORD } from './chars.js';
import { mayEndSecretName } from './keys.js';
import type { Findings } from './findings.js';
import type { ScanState } from './internal-types.js';
import { matchIpv6 } from './ipv6.js';
import { matchNumber } from './numbers.js';
import { matchAssign, matchAt, matchEncodedAt } from './punct.js';
import { isIsoDate, isoTimeEnd } from './timestamps.js';
import { matchWord, wordMayMatch } from './tokens.js';
import type { DetectorName } from './types.js';

/**
 * One left-to-right pass. Words are skipped whole after one look at their first character, so the
 * matchers run only at word starts and at the few punctuation marks that can begin or anchor PII
 * (`@ + ( : = %`). Every matcher either fails without consuming or returns an index past what it
 * examined, so the scan is linear in the input. Findings go to `out` (cleared first), sorted and
 * non-overlapping; returns their count.
 */
export function scan(s: string, on: Readonly<Record<DetectorName, boolean>>, out: Findings): number {
  out.count = 0;
  const st: ScanState = { s, on, out, ipv6Until: 0, pemFrom: 0, pemAt: -2 };
  const n = s.length;
  // A local alias: V8 reloads and re-checks a module-level binding at every use, and a bundled
  // table is a `var` binding. Read through a local, the table is checked once per call.
  const table = CLASS;
  let i = 0;
  while (i < n) {
    const k = table[s.charCodeAt(i) | 0]!;
    let next: number;
    if (k & WORD) {
      // runEnd, inlined: these are the hottest loops. A digit-led word notes where its digits stop.
      let end = i + 1;
      if (k & DIGIT) while (end < n && (table[s.charCodeAt(end) | 0]! & DIGIT) !== 0) end++;
      const digitsEnd = end;
      while (end < n && (table[s.charCodeAt(end) | 0]! & WORD) !== 0) end++;
      const after = end < n ? s.charCodeAt(end) : -1; // read once: every pre-check looks at it
      next = -1;
      if (k & DIGIT) {
        if (digitsMayMatch(s, i, end, after)) next = matchDigits(st, i, digitsEnd, end, after);
      } else if ((k & LEAD || after === COLON) && wordMayMatch(s, i, end, after, k)) {
        next = matchWord(st, i, end, after); // most words start with no LEAD letter: no call
      }
      // A space after a word starts nothing: stepping over it saves reading it again, once per word.
      if (next < 0) next = after === COLON || after === EQUALS || after === QUOTE ? resumeAfterKey(s, end, after) : after === SPACE ? end + 1 : end;
    } else if (k & TRIGGER) {
      next = matchPunct(st, i, s.charCodeAt(i));
      if (next < 0) next = i + 1;
    } else {
      next = i + 1;
    }
    i = next;
  }
  return out.count;
}

/**
 * Where the scan resumes after a word `[…, end)` that matched nothing and is followed by `:`, `=`
 * or `"`. A `:` or `=` right after it, or a `":` after a JSON key, can only start a secret value
 * (`password=…`, `"api_key":`), and most keys cannot end a secret name (`User:`, `https:`,
 * `"level":`): those are stepped over without a call to the `:`/`=` matcher. (A `::` after a
 * quote may start an IPv6 address.)
 */
function resumeAfterKey(s: string, end: number, after: number): number {
  if (after === COLON || after === EQUALS) return mayEndSecretName(s, end) ? end : end + 1;
  if (after === QUOTE && at(s, end + 1) === COLON && at(s, end + 2) !== COLON) return mayEndSecretName(s, end) ? end : end + 2;
  return end;
}

/**
 * Inline pre-check for a digit-led word: before `:` (IPv6), the first of several digit groups, or
 * a lone run that could be a card: 13–16 digits from an issuer range (2–6). Epoch milliseconds
 * (13 digits from 1) and 64-bit trace ids (mostly 17+ digits), the longest lone runs in logs, fail it.
 */
function digitsMayMatch(s: string, i: number, end: number, after: number): boolean {
  const len = end - i;
  if ((len <= 4 && after === COLON) || anotherGroup(s, end, after)) return true;
  const first = s.charCodeAt(i);
  return len >= 13 && len <= 16 && first >= 50 && first <= 54;
}

/** A separator (space, `-`, `.`) `after` the digits, then a digit: the run goes on ("555-123-4567", "10.0.0.1"). */
function anotherGroup(s: string, end: number, after: number): boolean {
  return (after === SPACE || after === DASH || after === DOT) && (cls(s, end + 1) & DIGIT) !== 0;
}

/** The word `[i, end)` starts with the digits `[i, digitsEnd)`; `after` is the character at `end`. */
function matchDigits(st: ScanState, i: number, digitsEnd: number, end: number, after: number): number {
  const s = st.s;
  const on = st.on;
  const len = end - i;
  if (on.ipv6 && len <= 4 && after === COLON) {
    const r = matchIpv6(st, i);
    if (r >= 0) return r;
  }
  if (!(on.phone || on.card || on.ssn || on.ipv4)) return -1;
  if (len < 13 && !anotherGroup(s, end, after)) return -1; // a lone short number: "12:30", "=42"
  if (len === 4 && after === DASH && isIsoDate(s, end)) return isoTimeEnd(s, end + 6); // "2024-01-15", "…T12:30:45.123Z": the most common numbers in logs, never PII
  const prev = at(s, i - 1);
  if (prev === DOT || prev === DASH || prev === HASH) return -1; // "v1.2.3", "ORD-2024-000123", "#10042"
  if (digitsEnd !== end) return -1; // digits glued to letters: "3f2a…", "1700ms", "v8"
  return matchNumber(st, i);
}

function matchPunct(st: ScanState, i: number, c: number): number {
  const s = st.s;
  switch (c) {
    case AT:
      return matchAt(st, i);
    case PLUS:
    case OPEN:
      return cls(s, i + 1) & DIGIT && !(cls(s, i - 1) & WORD) ? matchNumber(st, i) : -1;
    case COLON:
      if (st.on.ipv6 && at(s, i + 1) === COLON && !(cls(s, i - 1) & WORD)) {
        const r = matchIpv6(st, i);
        if (r >= 0) return r;
      }
      return st.on.secretValue ? matchAssign(st, i) : -1;
    case EQUALS:
      return st.on.secretValue ? matchAssign(st, i) : -1;
    case PERCENT:
      return matchEncodedAt(st, i);
    default:
      return -1;
  }
}
