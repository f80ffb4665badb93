import { at } from './chars.js';
import type { ScanState } from './internal-types.js';
import type { DetectorName } from './types.js';

/** Records a finding and returns its end, so matchers can `return record(...)`. */
export function record(st: ScanState, detector: DetectorName, start: number, end: number): number {
  st.out.push(detector, start, end);
  return end;
}

/** Drops earlier findings that overlap a wider one starting at `start` (e.g. digits inside an email's local part). */
export function claim(st: ScanState, start: number): void {
  st.out.dropOverlapping(start);
}

/** True when `[LABEL]` or `[LABEL:hash]` (kennel's own output) starts at `i`: scrubbing twice changes nothing. */
export function isLabelAt(s: string, i: number): boolean {
  if (at(s, i) !== 91) return false; // [
  let p = i + 1;
  while (p < s.length && p - i < 40) {
    const c = s.charCodeAt(p);
    if (c === 93) return p > i + 1; // ]
    if (!((c >= 65 && c <= 90) || c === 95 || c === 58 || (c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
    p++;
  }
  return false;
}
