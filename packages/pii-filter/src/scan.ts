import { cls, DIGIT, runEnd, WORD } from './chars.js';
import type { ScanState } from './internal-types.js';
import { matchIpv6 } from './ipv6.js';
import { matchNumber } from './numbers.js';
import { matchAssign, matchAt, matchPem } from './punct.js';
import { matchWord } from './tokens.js';
import type { DetectorName, Finding } from './types.js';

const AT = 64;
const PLUS = 43;
const OPEN = 40;
const DASH = 45;
const COLON = 58;
const EQUALS = 61;
const DOT = 46;
const HASH = 35;

/**
 * One left-to-right pass. Words are skipped whole after one look at their first character, so the
 * matchers run only at word starts and at the few punctuation marks that can begin or anchor PII
 * (`@ + ( - : =`). Every matcher either fails without consuming or returns an index past what it
 * examined, so the scan is linear in the input. Findings come out sorted and non-overlapping.
 */
export function scan(s: string, on: Readonly<Record<DetectorName, boolean>>): Finding[] {
  const st: ScanState = { s, on, out: [], ipv6Until: 0, pemFrom: 0, pemAt: -2 };
  const n = s.length;
  let i = 0;
  while (i < n) {
    const k = cls(s, i);
    let next: number;
    if (k & WORD) {
      next = k & DIGIT ? matchDigits(st, i) : matchWord(st, i);
      if (next < 0) next = runEnd(s, i + 1, WORD);
    } else {
      next = matchPunct(st, i, s.charCodeAt(i));
      if (next < 0) next = i + 1;
    }
    i = next;
  }
  return st.out;
}

function matchDigits(st: ScanState, i: number): number {
  const s = st.s;
  if (st.on.ipv6) {
    const r = matchIpv6(st, i);
    if (r >= 0) return r;
  }
  const prev = s.charCodeAt(i - 1);
  if (prev === DOT || prev === DASH || prev === HASH) return -1; // "v1.2.3", "ORD-2024-000123", "#10042"
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
    case DASH:
      return st.on.privateKey && s.charCodeAt(i + 1) === DASH ? matchPem(st, i) : -1;
    case COLON:
      if (st.on.ipv6 && s.charCodeAt(i + 1) === COLON && !(cls(s, i - 1) & WORD)) {
        const r = matchIpv6(st, i);
        if (r >= 0) return r;
      }
      return st.on.secretValue ? matchAssign(st, i) : -1;
    case EQUALS:
      return st.on.secretValue ? matchAssign(st, i) : -1;
    default:
      return -1;
  }
}
