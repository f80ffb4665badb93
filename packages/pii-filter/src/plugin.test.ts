import { createKennel, type Logger } from '@kennel/core';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { piiFilterPlugin } from './plugin.js';
import type { PiiFilterOptions } from './types.js';

function recordingLogger() {
  const lines: string[] = [];
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) => lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
  return { logger, lines };
}

async function start(strictness: 'off' | 'standard' | 'strict', options?: PiiFilterOptions) {
  const { logger, lines } = recordingLogger();
  const kennel = await createKennel({ plugins: [piiFilterPlugin(options)], config: { service: 'test', pii: { strictness } }, env: {}, logger });
  return { kennel, lines };
}

afterEach(() => vi.unstubAllEnvs());

describe('piiFilterPlugin', () => {
  test('registers the preTag, preText and preObject hooks (standard)', async () => {
    const { kennel } = await start('standard');
    expect(kennel.hooks.apply('preTag', 'Bearer abc', 'authorization', 'span.tag')).toBe('[REDACTED]');
    expect(kennel.hooks.apply('preTag', '/reset?email=a@b.io', 'http.url', 'http.url')).toBe('/reset?email=[EMAIL]');
    expect(kennel.hooks.apply('preText', 'my card is 4111 1111 1111 1111', 'llm.input')).toBe('my card is [CARD]');
    expect(kennel.hooks.apply('preObject', { messages: [{ content: 'call 555-123-4567' }], api_key: 'k' }, 'llm.input')).toEqual({
      messages: [{ content: 'call [PHONE]' }],
      api_key: '[REDACTED]',
    });
    expect(kennel.get('pii-filter').strictness).toBe('standard');
    await kennel.shutdown();
  });

  test('standard keeps IP addresses and personal key names; strict scrubs them', async () => {
    const record = { email: 'a@b.io', ip: '10.0.0.1', msg: 'from 10.0.0.1 and 2001:db8::1' };
    const standard = await start('standard');
    expect(standard.kennel.hooks.apply('preObject', record, 'log')).toEqual({ email: '[EMAIL]', ip: '10.0.0.1', msg: 'from 10.0.0.1 and 2001:db8::1' });
    const strict = await start('strict');
    expect(strict.kennel.hooks.apply('preObject', record, 'log')).toEqual({ email: '[REDACTED]', ip: '[REDACTED]', msg: 'from [IP] and [IP]' });
    expect(strict.kennel.hooks.apply('preTag', '10.0.0.1', 'peer.ip', 'span.tag')).toBe('[IP]');
  });

  test('user options win over the strictness defaults', async () => {
    const { kennel } = await start('standard', { detectors: { ipv4: true, email: false } });
    expect(kennel.hooks.apply('preText', 'a@b.io from 10.0.0.1', 'log')).toBe('a@b.io from [IP]');
  });

  test('off registers no hooks and says so once', async () => {
    const { kennel, lines } = await start('off');
    expect(kennel.hooks.has('preTag')).toBe(false);
    expect(kennel.hooks.apply('preText', 'a@b.io', 'log')).toBe('a@b.io');
    expect(lines.some((l) => l.startsWith('warn') && l.includes('KENNEL_PII_STRICTNESS'))).toBe(true);
    expect(kennel.get('pii-filter').scrubString('a@b.io')).toBe('[EMAIL]'); // the API still works when called directly
  });

  test('hash mode takes its salt from KENNEL_PII_SALT and never logs it', async () => {
    vi.stubEnv('KENNEL_PII_SALT', 'env-salt-0123456789');
    const { kennel, lines } = await start('strict', { modes: { email: 'hash' } });
    expect(kennel.hooks.apply('preText', 'a@b.io', 'log')).toMatch(/^\[EMAIL:[0-9a-f]{16}\]$/);
    expect(lines.join('\n')).not.toContain('env-salt-0123456789');
  });

  test('hash mode without a salt falls back to redaction with an error naming KENNEL_PII_SALT', async () => {
    const { kennel, lines } = await start('strict', { mode: 'hash' });
    expect(kennel.hooks.apply('preText', 'a@b.io', 'log')).toBe('[EMAIL]');
    expect(lines.some((l) => l.startsWith('error') && l.includes('KENNEL_PII_SALT') && l.includes('KENNEL_ERR_PII_SALT_MISSING'))).toBe(true);
    expect(kennel.status().find((p) => p.name === 'pii-filter')?.state).toBe('ready');
  });

  test('pinoOptions scrubs the merged object and string arguments', async () => {
    const { kennel } = await start('standard');
    const pino = kennel.get('pii-filter').pinoOptions();
    expect(pino.formatters.log({ user: { email: 'a@b.io' }, password: 'x' })).toEqual({ user: { email: '[EMAIL]' }, password: '[REDACTED]' });
    const calls: unknown[][] = [];
    pino.hooks.logMethod.call(null, [{ id: 1 }, 'sent to %s', 'a@b.io'], (...args: unknown[]) => calls.push(args), 30);
    expect(calls).toEqual([[{ id: 1 }, 'sent to %s', '[EMAIL]']]);
    expect(kennel.get('pii-filter').scrubLogRecord({ msg: 'a@b.io' })).toEqual({ msg: '[EMAIL]' });
  });

  test('a disabled plugin exposes a pass-through API of the same shape', async () => {
    const kennel = await createKennel({ plugins: [piiFilterPlugin()], config: { service: 'test', plugins: { 'pii-filter': false } }, env: {}, logger: recordingLogger().logger });
    const api = kennel.get('pii-filter');
    expect(api.scrubString('a@b.io')).toBe('a@b.io');
    expect(api.detect('a@b.io')).toEqual([]);
    expect(kennel.hooks.has('preText')).toBe(false);
  });
});
