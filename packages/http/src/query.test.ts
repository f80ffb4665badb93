import { createHookBus } from '@kennel/core';
import { expect, test } from 'vitest';
import { scrubQuery } from './query.js';

const noHooks = createHookBus(() => {});

test('whole values are redacted, names kept, no query left alone', () => {
  expect(scrubQuery('/a', new Set(), noHooks)).toBe('/a');
  expect(scrubQuery('/a?email=me%40x.io&token=abc&empty=&flag', new Set(), noHooks)).toBe('/a?email=<redacted>&token=<redacted>&empty=<redacted>&flag');
});

test('allowlisted values go through preTag (null drops the value too)', () => {
  const hooks = createHookBus(() => {});
  hooks.on('preTag', (v) => (v === 'secret' ? null : v.toUpperCase()));
  expect(scrubQuery('/a?page=two+words&q=secret&x=1', new Set(['page', 'q']), hooks)).toBe('/a?page=TWO%20WORDS&q=<redacted>&x=<redacted>');
});
