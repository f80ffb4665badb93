import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isIpv6 } from './ipv6.js';

const hexGroup = fc.stringMatching(/^[0-9a-fA-F]{1,5}$/);
const octet = fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.constantFrom('00', '01', '255', '256'));
/** Address-like text: 0–9 groups around at most one `::` (sometimes two), maybe a dotted quad at the end. */
const addressLike = fc
  .tuple(fc.array(hexGroup, { maxLength: 9 }), fc.array(hexGroup, { maxLength: 9 }), fc.constantFrom('', '::', ':', ':::'), fc.option(fc.array(octet, { minLength: 3, maxLength: 5 })))
  .map(([head, tail, middle, quad]) => {
    const groups = `${head.join(':')}${middle}${tail.join(':')}`;
    if (quad === null) return groups;
    return `${groups}${groups === '' || groups.endsWith(':') ? '' : ':'}${quad.join('.')}`;
  });
const noise = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF:::...'.split('')), minLength: 1, maxLength: 45 });

describe('isIpv6', () => {
  test('agrees with net.isIP on address-like text and on noise, read in place', () => {
    fc.assert(
      fc.property(fc.oneof(addressLike, noise), (text) => {
        fc.pre(text.length > 0);
        expect(isIpv6(`x ${text} y`, 2, 2 + text.length)).toBe(isIP(text) === 6);
      }),
      { numRuns: 20_000 },
    );
  });

  test('examples', () => {
    for (const ok of ['::', '::1', '1::', 'fe80::1ff:fe23:4567:890a', '1:2:3:4:5:6:7:8', '::ffff:192.0.2.1', '1:2:3:4:5:6:1.2.3.4']) expect(isIpv6(ok, 0, ok.length)).toBe(true);
    for (const bad of [':1', '1:', '1::2::3', '1:2:3:4:5:6:7:8:9', '12345::', '1:2:3:4:5:6:7::8', '::01.2.3.4', '::256.1.1.1', '1.2.3.4']) expect(isIpv6(bad, 0, bad.length)).toBe(false);
  });
});
