export interface Rng {
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(list: readonly T[]): T;
  chars(alphabet: string, n: number): string;
}
export function rng(seed: number): Rng;
export function positives(r: Rng): Record<string, () => string>;
export function lookalikes(r: Rng): Record<string, () => string>;
