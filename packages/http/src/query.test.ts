import { createHookBus } from '@kennel/core';
import { expect, test } from 'vitest';
import { scrubQuery } from './query.js';

const noHooks = createHookBus(() => {});
const scrub = (url: string, keep: string[] = []) => scrubQuery(url, new Set(keep), noHooks);

test('whole values are redacted, names kept, no query left alone', () => {
  expect(scrub('/a')).toBe('/a');
  expect(scrub('/a?email=me%40x.io&token=abc&empty=&user.id=7&filter[name]=x')).toBe('/a?email=<redacted>&token=<redacted>&empty=<redacted>&user.id=<redacted>&filter[name]=<redacted>');
});

test('a part with no value, or no name-like name, goes whole: credentials sent as the query itself', () => {
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';
  expect(scrub(`/a?${jwt}`)).toBe('/a?<redacted>');
  expect(scrub('/a?ghp_0123456789abcdefghijABCDEFGHIJ012345&page=2')).toBe('/a?<redacted>&page=<redacted>');
  expect(scrub('/a?bearer%20abc.def&flag')).toBe('/a?<redacted>&<redacted>');
  expect(scrub('/a?api_key%3Dsecret')).toBe('/a?<redacted>');
  expect(scrub('/a?c2VjcmV0LXZhbHVl==')).toBe('/a?<redacted>');
  expect(scrub('/a?a-name-far-longer-than-any-parameter-name-is=1')).toBe('/a?<redacted>');
  expect(scrub('/a?flag&&x=1')).toBe('/a?<redacted>&&x=<redacted>');
});

test('allowlisted bare parts stay as written', () => {
  expect(scrub('/a?debug&x=1', ['debug'])).toBe('/a?debug&x=<redacted>');
});

test('allowlisted values go through preTag (null drops the value too)', () => {
  const hooks = createHookBus(() => {});
  hooks.on('preTag', (v) => (v === 'secret' ? null : v.toUpperCase()));
  expect(scrubQuery('/a?page=two+words&q=secret&x=1', new Set(['page', 'q']), hooks)).toBe('/a?page=TWO%20WORDS&q=<redacted>&x=<redacted>');
});
