import { describe, expect, test } from 'vitest';
import { DEFAULT_KEY_NAMES } from './keys.js';
import { createScrubber } from './scrubber.js';

const s = createScrubber();

describe('scrubObject', () => {
  test('redacts sensitive keys at any depth and scans every other string', () => {
    const input = {
      msg: 'login by a@b.io',
      req: { headers: { Authorization: 'Bearer x', 'X-Api-Key': 'k', host: 'api' }, body: [{ user: { dbPassword: 'p', tokenCount: 3 } }] },
      session_token: 'abc',
    };
    expect(s.scrubObject(input)).toEqual({
      msg: 'login by [EMAIL]',
      req: { headers: { Authorization: '[REDACTED]', 'X-Api-Key': '[REDACTED]', host: 'api' }, body: [{ user: { dbPassword: '[REDACTED]', tokenCount: 3 } }] },
      session_token: '[REDACTED]',
    });
  });

  test('never mutates the input and shares unchanged subtrees', () => {
    const clean = { a: [1, 2], b: { c: 'fine' } };
    const input = { clean, dirty: { password: 'x' } };
    const snapshot = structuredClone(input);
    const out = s.scrubObject(input);
    expect(input).toEqual(snapshot);
    expect(out.clean).toBe(clean);
    expect(s.scrubObject(clean)).toBe(clean);
  });

  test('survives cycles and keeps shared non-cyclic references', () => {
    const shared = { email: 'x@y.io' };
    const node: Record<string, unknown> = { name: 'root', left: shared, right: shared };
    node.self = node;
    const out = s.scrubObject(node) as Record<string, unknown>;
    expect(out.self).toBe('[CIRCULAR]');
    expect(out.left).toEqual({ email: '[EMAIL]' });
    expect(out.right).toEqual({ email: '[EMAIL]' });
  });

  test('deep nesting past maxDepth is truncated, not leaked', () => {
    let deep: Record<string, unknown> = { secret: 'a@b.io' };
    for (let k = 0; k < 10; k++) deep = { next: deep };
    expect(JSON.stringify(createScrubber({ maxDepth: 5 }).scrubObject(deep))).not.toContain('a@b.io');
    expect(JSON.stringify(createScrubber({ maxDepth: 5 }).scrubObject(deep))).toContain('[TRUNCATED]');
  });

  test('errors are scrubbed as records (message and stack included)', () => {
    const out = s.scrubObject({ err: new Error("no user a@b.io") }) as unknown as { err: Record<string, unknown> };
    expect(out.err.message).toBe('no user [EMAIL]');
    expect(String(out.err.stack)).not.toContain('a@b.io');
    expect(out.err.type).toBe('Error');
  });

  test('drop mode removes fields and array items holding PII', () => {
    const d = createScrubber({ mode: 'drop' });
    expect(d.scrubObject({ a: 'a@b.io', b: 'ok', password: 'x', list: ['a@b.io', 'ok'] })).toEqual({ b: 'ok', list: ['ok'] });
  });

  test('key names are configurable; a function extends the defaults', () => {
    const custom = createScrubber({ keyNames: (defaults) => [...defaults, 'userId'] });
    expect(custom.scrubObject({ userId: 7, password: 'x', other: 1 })).toEqual({ userId: '[REDACTED]', password: '[REDACTED]', other: 1 });
    const only = createScrubber({ keyNames: ['pin'] });
    expect(only.scrubObject({ pin: '1234', spin: 1, password: 'p' })).toEqual({ pin: '[REDACTED]', spin: 1, password: 'p' });
    expect(DEFAULT_KEY_NAMES).toContain('authorization');
  });

  test('short names match exactly, long ones also as a suffix', () => {
    const k = createScrubber({ keyNames: ['ip', 'password'] });
    expect(k.isSensitiveKey('IP')).toBe(true);
    expect(k.isSensitiveKey('zip')).toBe(false);
    expect(k.isSensitiveKey('db_password')).toBe(true);
    expect(k.isSensitiveKey('password_hint_shown')).toBe(false);
  });

  test('scrubTag redacts a sensitive tag key whole and scans other values', () => {
    expect(s.scrubTag('Bearer abc', 'http.request.headers.authorization')).toBe('[REDACTED]');
    expect(s.scrubTag('/users/a@b.io', 'http.url')).toBe('/users/[EMAIL]');
    expect(s.scrubTag('GET', 'http.method')).toBe('GET');
  });
});
