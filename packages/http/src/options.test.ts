import { KennelConfigError } from '@kennel/core';
import { expect, test } from 'vitest';
import { resolveHttpOptions } from './options.js';

test('defaults', () => {
  const o = resolveHttpOptions({}, {});
  expect(o.ignorePaths).toContain('/health');
  expect(o.requestIdHeader).toBe('x-request-id');
  expect(o.tagSampleRate).toBe(1);
  expect(o.isErrorStatus(500)).toBe(true);
  expect(o.isErrorStatus(404)).toBe(false);
});

test('every invalid option is reported at once, naming the option or env var and what is accepted', () => {
  let error: unknown;
  try {
    resolveHttpOptions({ tagSampleRate: 2, requestIdHeader: 'bad header', errorStatuses: ['5xx'] as never, captureHeaders: 'x-a' as never }, { KENNEL_HTTP_IGNORE_PATHS: 'health' });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(KennelConfigError);
  const err = error as KennelConfigError;
  expect(err.code).toBe('KENNEL_ERR_CONFIG_INVALID');
  expect(err.issues.map((i) => i.source).sort()).toEqual(['KENNEL_HTTP_IGNORE_PATHS', 'options.captureHeaders', 'options.errorStatuses', 'options.requestIdHeader', 'options.tagSampleRate']);
  expect(err.message).toContain('options.tagSampleRate=2 is invalid: expected a number between 0 and 1');
});

test('KENNEL_HTTP_TAG_SAMPLE_RATE wins over the option and is validated', () => {
  expect(resolveHttpOptions({ tagSampleRate: 1 }, { KENNEL_HTTP_TAG_SAMPLE_RATE: '0.25' }).tagSampleRate).toBe(0.25);
  expect(() => resolveHttpOptions({}, { KENNEL_HTTP_TAG_SAMPLE_RATE: 'half' })).toThrow(/KENNEL_HTTP_TAG_SAMPLE_RATE="half" is invalid/);
});

test('errorStatuses: codes and [from, to] ranges of HTTP statuses, each range in order', () => {
  const o = resolveHttpOptions({ errorStatuses: [404, [500, 502]] }, {});
  expect([404, 500, 502, 503, 499].map(o.isErrorStatus)).toEqual([true, true, true, false, false]);
  for (const bad of [[[0, 1e9]], [[599, 500]], [700], [404.5]]) {
    expect(() => resolveHttpOptions({ errorStatuses: bad as never }, {}), JSON.stringify(bad)).toThrow(/options\.errorStatuses=.* is invalid: expected .*status codes \(100–599\) and \[from, to\] ranges with from <= to/);
  }
});
