import type { Sample } from './generate.mjs';
export interface Row {
  labels: number;
  recalled: number;
  findings: number;
  truePositives: number;
  recall: number;
  precision: number;
}
export interface Miss {
  detector: string;
  value: string;
  text: string;
}
export function score(
  samples: Sample[],
  detect: (text: string) => { detector: string; start: number; end: number }[],
): { perDetector: Record<string, Row>; overall: Row; misses: Miss[]; falsePositives: Miss[] };
