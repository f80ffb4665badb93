import { expect, test } from 'vitest';
import { randomRequestId, resolveRequestId } from './request-id.js';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('generated ids are version 4 UUIDs, unique across refills of the random pool', () => {
  const ids = Array.from({ length: 2000 }, randomRequestId); // the pool holds 256
  for (const id of ids) expect(id).toMatch(V4);
  expect(new Set(ids).size).toBe(ids.length);
});

test('every random digit varies: no position is stuck or reused between ids', () => {
  const ids = Array.from({ length: 2000 }, randomRequestId);
  for (let at = 0; at < 36; at++) {
    if ([8, 13, 18, 23, 14].includes(at)) continue; // dashes, and the version digit
    const digits = new Set(ids.map((id) => id[at]));
    expect(digits.size, `position ${at}`).toBe(at === 19 ? 4 : 16); // 19: the variant digit, 8–b
  }
});

test('a well-formed incoming id is kept, anything else replaced', () => {
  expect(resolveRequestId({ 'x-request-id': 'abc-123' }, 'x-request-id')).toBe('abc-123');
  expect(resolveRequestId({ 'x-request-id': 'has space' }, 'x-request-id')).toMatch(V4);
  expect(resolveRequestId({}, 'x-request-id')).toMatch(V4);
});
