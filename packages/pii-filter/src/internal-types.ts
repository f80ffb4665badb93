import type { Findings } from './findings.js';
import type { DetectorName } from './types.js';

/** Mutable state of one scan over one string. */
export interface ScanState {
  readonly s: string;
  readonly on: Readonly<Record<DetectorName, boolean>>;
  readonly out: Findings;
  /** IPv6 candidates already examined up to here (keeps runs of colons linear). */
  ipv6Until: number;
  /** Cached `indexOf('-----END ')`: searched from `pemFrom`, found at `pemAt` (-1: none). */
  pemFrom: number;
  pemAt: number;
}

/**
 * A matcher looks at index `i` and returns where scanning resumes: past what it recorded or
 * consumed, or -1 when nothing starts here.
 */
export type Matcher = (st: ScanState, i: number) => number;
