import { cls, DIGIT, runEnd, WORD } from './chars.js';
import type { ScanState } from './internal-types.js';
import { record } from './record.js';
import { cardNetwork, luhn, validIpv4, validSsn } from './validators.js';

const SPACE = 32;
const DASH = 45;
const DOT = 46;
const OPEN = 40;
const CLOSE = 41;
const MAX_GROUPS = 8;
const MAX_E164 = 15;

/** A run of digit groups: `+44 20 7946 0958`, `(555) 123-4567`, `4111-1111-1111-1111`, `10.0.0.1`. */
interface Groups {
  starts: number[];
  ends: number[];
  /** The one separator used between groups (0: none); a different one ends the run. */
  sep: number;
  plus: boolean;
  paren: boolean;
  end: number;
}

/**
 * Phones, cards, SSNs and IPv4 addresses all start here, at a `+`, `(` or digit on a word boundary.
 * The run is parsed once into groups, then classified by shape and validated (Luhn, ranges, octets).
 * Returns the end of the run (matched or not) so its digits are never re-scanned, or -1 for no run.
 */
export function matchNumber(st: ScanState, i: number): number {
  const s = st.s;
  const g = parseGroups(s, i);
  if (g === undefined) return -1;
  const end = g.end;
  const after = cls(s, end);
  if (after & WORD) return runEnd(s, end, WORD); // "3f2a…", "1700ms": part of a word
  const next = s.charCodeAt(end);
  if ((next === DOT || next === DASH) && cls(s, end + 1) & WORD) return end; // "1.2.3-beta", "10.0.0.1.5"
  const detector = classify(st, g);
  return detector === undefined ? end : record(st, detector, i, end);
}

function parseGroups(s: string, i: number): Groups | undefined {
  const g: Groups = { starts: [], ends: [], sep: 0, plus: s.charCodeAt(i) === 43, paren: false, end: i };
  let p = g.plus ? i + 1 : i;
  let digits = 0;
  while (g.starts.length < MAX_GROUPS) {
    const open = s.charCodeAt(p) === OPEN && g.starts.length === (g.plus ? 1 : 0);
    const from = open ? p + 1 : p;
    const q = runEnd(s, from, DIGIT);
    if (q === from || (open && s.charCodeAt(q) !== CLOSE)) break;
    if (g.plus && digits + (q - from) > MAX_E164) break; // E.164 has at most 15 digits
    digits += q - from;
    g.starts.push(from);
    g.ends.push(q);
    p = g.end = open ? q + 1 : q;
    if (open) {
      g.paren = true;
      if (cls(s, p) & DIGIT) continue; // "(555)123-4567"
    }
    const c = s.charCodeAt(p);
    if (c !== SPACE && c !== DASH && c !== DOT) break;
    const nextIsGroup = cls(s, p + 1) & DIGIT || (g.plus && g.starts.length === 1 && s.charCodeAt(p + 1) === OPEN);
    if (!nextIsGroup) break;
    if (g.plus && c === SPACE && digits >= 11) break; // a complete international number ends at a space
    const free = open || g.plus; // "+55 11 91234-5678", "(555) 123-4567": mixed separators
    if (!free) {
      if (g.sep === 0) g.sep = c;
      else if (c !== g.sep) break; // "2024-01-15 555-123-4567": the date ends at the space
    }
    p++;
  }
  return g.starts.length === 0 ? undefined : g;
}

type NumberDetector = 'phone' | 'card' | 'ssn' | 'ipv4';

function classify(st: ScanState, g: Groups): NumberDetector | undefined {
  const s = st.s;
  const lens = g.starts.map((start, k) => g.ends[k]! - start);
  const shape = lens.join(',');
  if (!g.plus && !g.paren) {
    if (st.on.ipv4 && g.sep === DOT && lens.length === 4 && validIpv4(g.starts.map((a, k) => s.slice(a, g.ends[k])))) return 'ipv4';
    if (st.on.ssn && g.sep === DASH && shape === '3,2,4') {
      const [a, b, c] = g.starts.map((start, k) => Number(s.slice(start, g.ends[k])));
      if (validSsn(a!, b!, c!)) return 'ssn';
    }
    if (st.on.card && g.sep !== DOT && isCardShape(lens)) {
      const digits = g.starts.map((start, k) => s.slice(start, g.ends[k])).join('');
      if (cardNetwork(digits) && luhn(digits)) return 'card';
    }
  }
  return st.on.phone && isPhoneShape(s, g, lens, shape) ? 'phone' : undefined;
}

/** Contiguous 13–16 digits (longer bare runs are ids: 64-bit trace/span ids), or the printed groupings. */
function isCardShape(lens: number[]): boolean {
  if (lens.length === 1) return lens[0]! >= 13 && lens[0]! <= 16;
  const [a, b, c, d] = lens;
  if (lens.length === 3) return a === 4 && b === 6 && (c === 5 || c === 4); // Amex, Diners
  return a === 4 && b === 4 && c === 4 && (lens.length === 4 ? d === 4 : lens.length === 5 && d === 4 && lens[4]! <= 3);
}

/** National shapes that start with a trunk `0` (UK, FR, DE and most of Europe). */
const trunkShapes = new Set(['5,6', '3,4,4', '4,3,4', '2,2,2,2,2', '3,7', '3,8', '4,6', '4,7', '5,5']);

/**
 * E.164 (`+` then 8–15 digits), NANP (`555-123-4567`, `(555) 123-4567`, `1-800-555-0199`) and
 * trunk-prefixed national formats. Bare digit runs are never phones: they are ids and timestamps.
 */
function isPhoneShape(s: string, g: Groups, lens: number[], shape: string): boolean {
  const digits = lens.reduce((a, b) => a + b, 0);
  if (g.plus) return digits <= 15 && (lens.length === 1 ? digits >= 10 : lens[0]! <= 3 && digits >= 8);
  const first = s.charCodeAt(g.starts[0]!);
  if (g.paren) return shape === '3,3,4' && first >= 50;
  if (g.sep === 0) return false;
  if (shape === '3,3,4') return first >= 50; // area codes start 2–9
  if (shape === '1,3,3,4') return first === 49 && s.charCodeAt(g.starts[1]!) >= 50;
  return first === 48 && trunkShapes.has(shape);
}
