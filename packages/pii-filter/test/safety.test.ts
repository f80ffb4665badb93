import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { adversarialInput } from '../corpus/generate.mjs';
import { lookalikes, positives, rng } from '../corpus/values.mjs';
import { createScrubber } from '../src/scrubber.js';

const scrubber = createScrubber();
/** Text biased towards the characters the scanner reacts to, so random runs hit its edge cases. */
const hostile = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF@.:-+()=_ "\'\\/\nxyzeyJBsk'.split('')), maxLength: 300 });
const anyText = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 100 }), hostile);

describe('properties', () => {
  test('never throws; findings are in bounds, sorted, non-overlapping and match their offsets', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const findings = scrubber.detect(text);
        let last = 0;
        for (const f of findings) {
          expect(f.start).toBeGreaterThanOrEqual(last);
          expect(f.end).toBeGreaterThan(f.start);
          expect(f.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(f.start, f.end)).toBe(f.value);
          last = f.end;
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('scrubbing is idempotent: scrubbed output has nothing left to scrub', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = scrubber.scrubString(text)!;
        expect(scrubber.scrubString(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  test('text without any trigger character is returned unchanged (same string)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ghijklmnopqrtuvwz ,;!?'.split('')), maxLength: 200 }), (text) => {
        expect(scrubber.scrubString(text)).toBe(text);
      }),
    );
  });

  test('planted values never survive, whatever surrounds them', () => {
    const planted = fc.constantFrom(
      'jane.roe@example.org', '+44 20 7946 0958', '(555) 123-4567', '4111 1111 1111 1111', '123-45-6789', 'DE89 3704 0044 0532 0130 00',
      '203.0.113.9', '2001:db8::8a2e:370:7334', 'AKIAIOSFODNN7EXAMPLE', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    );
    const gap = fc.constantFrom(' ', '\n', ', ', ' (', ') ', '"', '\t', ': ', '=', ' <', '> ', '[', ']');
    const words = fc.array(fc.constantFrom('user', 'GET', '/api/v1', 'took', '12ms', 'v1.2.3', '2024-01-15T12:30:45Z', 'ok', 'id=42'), { maxLength: 4 });
    fc.assert(
      fc.property(words, gap, planted, gap, words, (before, g1, value, g2, after) => {
        const text = `${before.join(' ')}${g1}${value}${g2}${after.join(' ')}`;
        expect(scrubber.scrubString(text)).not.toContain(value);
      }),
      { numRuns: 3000 },
    );
  });

  test('generated values of every context-free detector never survive among generated look-alikes', () => {
    const detectors = ['email', 'phone', 'card', 'ssn', 'iban', 'ipv4', 'ipv6', 'jwt', 'apiKey'];
    const gap = fc.constantFrom(' ', '\n', ', ', ' (', ') ', '"', '\t', ' <', '> ', '=', ': ');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(...detectors), gap, gap, (seed, detector, g1, g2) => {
        const r = rng(seed);
        const value = positives(r)[detector]!();
        const noise = lookalikes(r);
        const names = Object.keys(noise);
        const word = () => noise[r.pick(names)]!();
        const text = `${word()} ${word()}${g1}${value}${g2}${word()} ${word()}`;
        const out = scrubber.scrubString(text)!;
        expect(out, text).not.toContain(value);
      }),
      { numRuns: 5000 },
    );
  });

  test('generated look-alikes alone (timestamps, ids, hashes, versions, durations…) are never reported', () => {
    const gap = fc.constantFrom(', ', '; ', ' | ', ' took ', ' at ', '\n', ' id=', ' "');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.array(gap, { minLength: 1, maxLength: 8 }), (seed, gaps) => {
        const r = rng(seed);
        const noise = lookalikes(r);
        const names = Object.keys(noise);
        const text = gaps.map((g) => `${noise[r.pick(names)]!()}${g}`).join('');
        expect(scrubber.detect(text), text).toEqual([]);
      }),
      { numRuns: 5000 },
    );
  });

  test('objects of any shape are scrubbed without throwing or mutating', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const before = JSON.stringify(value);
        scrubber.scrubObject(value);
        expect(JSON.stringify(value)).toBe(before);
      }),
      { numRuns: 500 },
    );
  });
});

describe('no catastrophic backtracking', () => {
  // The one timing assertion: a generous bound (the scan is linear; it takes tens of ms) that only a
  // quadratic or exponential path could break.
  test('1 MiB of adversarial input is scrubbed in well under a second (asserted < 2 s)', () => {
    const input = adversarialInput();
    expect(input.length).toBe(1 << 20);
    const start = performance.now();
    const out = scrubber.scrubString(input);
    const ms = performance.now() - start;
    expect(out).not.toBeNull();
    expect(ms).toBeLessThan(2000);
  });

  test.each([
    ['@', '@'], ['a@', 'a@'], ['1-', '1-'], ['1.', '1.'], ['::', '::'], ['1:', '1:'], ['eyJ.', 'eyJ.'], ['password=', 'password='],
    ['+1 ', '+1 '], ['-----BEGIN PRIVATE KEY-----', '-----BEGIN PRIVATE KEY-----'], ['https://a:', 'https://a:'], ['DE89 ', 'DE89 '],
  ])('%j repeated 200k times scans linearly', (_name, unit) => {
    const input = unit.repeat(200_000);
    expect(() => scrubber.detect(input)).not.toThrow();
  });
});
