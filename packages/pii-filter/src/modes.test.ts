import { ErrorCodes, KennelError } from '@kennel/core';
import { describe, expect, test } from 'vitest';
import { createScrubber } from './scrubber.js';

const text = 'card 4111 1111 1111 1111, mail John.Doe@Example.com, ssn 123-45-6789, key AKIAIOSFODNN7EXAMPLE';

describe('modes', () => {
  test('redact replaces each finding with its label', () => {
    expect(createScrubber().scrubString(text)).toBe('card [CARD], mail [EMAIL], ssn [SSN], key [API_KEY]');
  });

  test('mask keeps the last four digits and the email domain; secrets are still redacted', () => {
    expect(createScrubber({ mode: 'mask' }).scrubString(text)).toBe('card **** **** **** 1111, mail J***@Example.com, ssn ***-**-6789, key [API_KEY]');
  });

  test('hash gives stable salted pseudonyms; emails compare case-insensitively; another salt gives others', () => {
    const a = createScrubber({ mode: 'hash', salt: 'pepper-0123456789' });
    const first = a.scrubString('from John.Doe@Example.com')!;
    expect(first).toMatch(/^from \[EMAIL:[0-9a-f]{16}\]$/);
    expect(a.scrubString('from john.doe@example.com')).toBe(first);
    expect(createScrubber({ mode: 'hash', salt: 'another-salt-value' }).scrubString('from john.doe@example.com')).not.toBe(first);
    expect(first).not.toContain('john');
  });

  test('drop removes the whole value', () => {
    const s = createScrubber({ mode: 'drop' });
    expect(s.scrubString(text)).toBeNull();
    expect(s.scrubString('nothing personal here')).toBe('nothing personal here');
  });

  test('per-detector modes override the default', () => {
    const s = createScrubber({ modes: { card: 'mask', email: 'hash' }, salt: 'pepper-0123456789' });
    expect(s.scrubString(text)).toMatch(/^card \*{4} \*{4} \*{4} 1111, mail \[EMAIL:[0-9a-f]{16}\], ssn \[SSN\], key \[API_KEY\]$/);
  });
});

describe('options', () => {
  test('detectors can be switched off one by one', () => {
    expect(createScrubber({ detectors: { email: false, card: false } }).scrubString(text)).toBe('card 4111 1111 1111 1111, mail John.Doe@Example.com, ssn [SSN], key [API_KEY]');
  });

  test('allowlisted values (exact or regex) are left alone', () => {
    const s = createScrubber({ allow: ['support@kennel.dev', /@example\.com$/i] });
    expect(s.scrubString('to support@kennel.dev, cc a@example.com, bcc b@other.org')).toBe('to support@kennel.dev, cc a@example.com, bcc [EMAIL]');
  });

  test('custom detectors add findings with their own label, validation and prefilter', () => {
    const s = createScrubber({
      custom: [{ name: 'employeeId', pattern: /\bEMP-\d{6}\b/, validate: (m) => !m.endsWith('000000'), contains: 'EMP-' }],
    });
    expect(s.scrubString('EMP-123456 and EMP-000000 mailed a@b.io')).toBe('[EMPLOYEE_ID] and EMP-000000 mailed [EMAIL]');
    expect(s.detect('EMP-123456')).toEqual([{ detector: 'employeeId', start: 0, end: 10, value: 'EMP-123456' }]);
  });

  test('built-in findings win over overlapping custom ones', () => {
    const s = createScrubber({ custom: [{ name: 'domain', pattern: /example\.com/ }] });
    expect(s.scrubString('a@example.com and example.com')).toBe('[EMAIL] and [DOMAIN]');
  });

  test.each([
    [{ detectors: { emails: true } }, 'detectors.emails'],
    [{ mode: 'blur' }, 'mode="blur"'],
    [{ modes: { email: 'blur' } }, 'modes.email="blur"'],
    [{ modes: { nope: 'redact' } }, 'modes.nope'],
    [{ custom: [{ name: '', pattern: /x/ }] }, 'custom[0].name'],
    [{ maxDepth: 0 }, 'maxDepth=0'],
  ])('rejects %j with a message naming the option', (options, named) => {
    expect(() => createScrubber(options as never)).toThrow(expect.objectContaining({ code: ErrorCodes.PII_OPTION_INVALID, message: expect.stringContaining(named) }));
  });

  test('hash mode without a salt is refused (an unsalted hash of an email is guessable)', () => {
    let error: unknown;
    try {
      createScrubber({ modes: { email: 'hash' } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KennelError);
    expect((error as KennelError).code).toBe(ErrorCodes.PII_SALT_MISSING);
    expect((error as KennelError).message).toContain('KENNEL_PII_SALT');
  });
});
