import fc from 'fast-check';
import { expect, test } from 'vitest';
import { formatValue } from '../src/format.js';

test('formats exactly as String() for values of at most three decimals', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 31 + 1000 }), (thousandths) => {
      const value = thousandths / 1000;
      expect(formatValue(value)).toBe(String(value));
    }),
    { numRuns: 20_000 },
  );
});

test('formats exactly as String() for any other number', () => {
  fc.assert(
    fc.property(fc.double(), (value) => {
      expect(formatValue(value)).toBe(String(value));
    }),
    { numRuns: 20_000 },
  );
});

test('edges of the short path read as String() does', () => {
  for (const value of [0, -0, 0.001, 0.0009, 0.01, 0.1, 0.5, 1, 1.05, 1.005, 10.2, 0.30000000000000004, 1e-7, 2147483.647, 2147483.648, 1e21, -1.5, Number.MAX_VALUE]) {
    expect(formatValue(value)).toBe(String(value));
  }
});
