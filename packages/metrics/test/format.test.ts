import fc from 'fast-check';
import { expect, test } from 'vitest';
import { writeValue } from '../src/format.js';

/** What `writeValue` writes, read back. */
const written = (value: number) => {
  const target = Buffer.alloc(40, 0x7c);
  const end = writeValue(target, 3, value);
  expect(target.subarray(0, 3).toString('latin1')).toBe('|||'); // nothing before `at`
  expect(target[end]).toBe(0x7c); // nothing past the end it returns
  return target.toString('latin1', 3, end);
};

test('formats exactly as String() for values of at most three decimals', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 31 + 1000 }), (thousandths) => {
      const value = thousandths / 1000;
      expect(written(value)).toBe(String(value));
    }),
    { numRuns: 20_000 },
  );
});

test('formats exactly as String() for any other number', () => {
  fc.assert(
    fc.property(fc.double(), (value) => {
      expect(written(value)).toBe(String(value));
    }),
    { numRuns: 20_000 },
  );
});

test('edges of the short path read as String() does', () => {
  for (const value of [0, -0, 0.001, 0.0009, 0.01, 0.1, 0.5, 1, 1.05, 1.005, 10.2, 0.30000000000000004, 1e-7, 2147483.647, 2147483.648, 1e21, -1.5, Number.MAX_VALUE, -Number.MIN_VALUE, 1234567.891, 99.99, 100.1]) {
    expect(written(value)).toBe(String(value));
  }
});
