import { describe, expect, it } from 'vitest';
import { medianInterval, targetVerdict } from './interval.mjs';

/** 1 − 2·P(Binomial(n, ½) < k), summed from the binomial coefficients directly. */
function coverage(n, k) {
  let below = 0;
  let choose = 1;
  for (let j = 0; j < k; j++) {
    below += choose / 2 ** n;
    choose = (choose * (n - j)) / (j + 1);
  }
  return 1 - 2 * below;
}

describe('medianInterval', () => {
  it('has no interval below six samples: five give [lowest, highest] only 94 % of the time', () => {
    expect(medianInterval([1, 2, 3, 4, 5])).toBeUndefined();
    expect(medianInterval([])).toBeUndefined();
    expect(medianInterval([6, 1, 4, 2, 5, 3])).toEqual([1, 6]);
  });

  it.each([6, 7, 10, 12, 24, 36, 60, 100])('picks the narrowest ranks that still hold the median 95 %% of the time (n = %i)', (n) => {
    const samples = Array.from({ length: n }, (_, i) => n - i); // each sample is its own rank; unsorted on purpose
    const interval = medianInterval(samples);
    const k = interval[0];
    expect(interval).toEqual([k, n - k + 1]);
    expect(coverage(n, k)).toBeGreaterThanOrEqual(0.95);
    expect(coverage(n, k + 1)).toBeLessThan(0.95);
  });

  it('matches the published ranks for 24 samples (7th and 18th)', () => {
    expect(medianInterval(Array.from({ length: 24 }, (_, i) => i + 1))).toEqual([7, 18]);
  });
});

describe('targetVerdict', () => {
  const around = (center, width) => Array.from({ length: 12 }, (_, i) => center - width + (2 * width * i) / 11);

  it('is met only when the whole interval reaches the target', () => {
    expect(targetVerdict(around(0.97, 0.01), 0.97, 0.95)).toMatch(/^met \(0\.96\d–0\.97\d\)$/);
    expect(targetVerdict(around(0.951, 0.02), 0.951, 0.95)).toMatch(/^at the line \(0\.9\d\d–0\.9\d\d\)$/);
    expect(targetVerdict(around(0.92, 0.01), 0.92, 0.95)).toMatch(/^not met /);
  });

  it('falls back to the median, and says so, with too few samples', () => {
    expect(targetVerdict([0.96, 0.97], 0.965, 0.95)).toBe('met (median only)');
    expect(targetVerdict([0.9, 0.91], 0.905, 0.95)).toBe('not met (median only)');
  });
});
