import { createHookBus } from '@kennel/core';
import { describe, expect, test, vi } from 'vitest';
import { normaliseMetricName } from '../src/names.js';
import { TagFormatter } from '../src/tags.js';

const formatter = (maxTagValues = 1000) => {
  const hooks = createHookBus(() => undefined);
  const warnOnce = vi.fn();
  return { hooks, warnOnce, tags: new TagFormatter({ hooks, maxTagValues, warnOnce }) };
};

describe('tag hygiene (Datadog rules)', () => {
  test('invalid characters become underscores; case and colons in values are kept', () => {
    const { tags } = formatter();
    expect(tags.format({ Route: 'GET /Users?id=1', url: 'http://x:8080/a', 'bad key!': 'v,a|l#u@e' })).toBe(
      'Route:GET_/Users_id_1,url:http://x:8080/a,bad_key_:v_a_l_u_e',
    );
    expect(tags.format(['team:core', 'flag', 'a:b:c'])).toBe('team:core,flag,a:b:c');
  });

  test('keys must start with a letter: leading non-letters are removed, empty keys dropped with a warning', () => {
    const { tags, warnOnce } = formatter();
    expect(tags.format({ '1abc': 'x', '123': 'y', ünï: 'ok' })).toBe('abc:x,ünï:ok');
    expect(warnOnce).toHaveBeenCalledWith('tag-key:123', expect.stringContaining('start with a letter'));
  });

  test('a tag is at most 200 characters', () => {
    const { tags } = formatter();
    expect(tags.format({ k: 'v'.repeat(500) })).toHaveLength(200);
  });

  test('numbers and booleans are formatted; newlines cannot break the line', () => {
    const { tags } = formatter();
    expect(tags.format({ n: 3, ok: true, text: 'a\nb\rc' })).toBe('n:3,ok:true,text:a_b_c');
  });

  test('the preTag hook scrubs values (once per distinct value) and can drop a tag', () => {
    const { tags, hooks } = formatter();
    const scrub = vi.fn((value: string, key: string) => (key === 'secret' ? null : value.replace(/\d/g, 'x')));
    hooks.on('preTag', scrub);
    for (let i = 0; i < 3; i++) expect(tags.format({ user: 'u123', secret: 's' })).toBe('user:uxxx');
    expect(scrub).toHaveBeenCalledTimes(2);
    expect(scrub).toHaveBeenCalledWith('u123', 'user', 'metric.tag');
  });

  test('a scrubber registered after values were cached still applies', () => {
    const { tags, hooks } = formatter();
    expect(tags.format({ email: 'a@b.c' })).toBe('email:a_b.c');
    hooks.on('preTag', () => '[redacted]');
    expect(tags.format({ email: 'a@b.c' })).toBe('email:_redacted_');
  });

  test('a second scrubber, and the removal of one, apply to values cached before them', () => {
    const { tags, hooks } = formatter();
    hooks.on('preTag', (value) => value.replace('a@b.c', '[email]'));
    expect(tags.format({ note: 'a@b.c 555-1234' })).toBe('note:_email__555-1234');
    const off = hooks.on('preTag', (value) => value.replace('555-1234', '[phone]'));
    expect(tags.format({ note: 'a@b.c 555-1234' })).toBe('note:_email___phone_');
    off();
    expect(tags.format({ note: 'a@b.c 555-1234' })).toBe('note:_email__555-1234');
  });

  test('high-cardinality guard warns once per key past the limit and keeps formatting', () => {
    const { tags, warnOnce } = formatter(3);
    for (let i = 0; i < 10; i++) expect(tags.format({ id: i, fixed: 'x' })).toBe(`id:${i},fixed:x`);
    const cardinality = warnOnce.mock.calls.filter(([key]) => String(key).startsWith('cardinality:'));
    expect(new Set(cardinality.map(([key]) => key))).toEqual(new Set(['cardinality:id']));
  });
});

describe('metric names', () => {
  test('start with a letter, ASCII letters/digits/_/. only, at most 200 characters', () => {
    expect(normaliseMetricName('http.request-count')).toBe('http.request_count');
    expect(normaliseMetricName('9lives')).toBe('lives');
    expect(normaliseMetricName('héllo wörld')).toBe('h_llo_w_rld');
    expect(normaliseMetricName('a'.repeat(300))).toHaveLength(200);
    expect(normaliseMetricName('42')).toBeUndefined();
  });
});
