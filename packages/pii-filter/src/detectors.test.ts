import { describe, expect, test } from 'vitest';
import { createScrubber } from './scrubber.js';
import type { DetectorName } from './types.js';

const { detect } = createScrubber();
const found = (text: string) => detect(text).map((f) => [f.detector, f.value]);

/** Each detector: values it must find (exactly) inside ordinary text, and look-alikes it must leave alone. */
const cases: Record<DetectorName, { hits: string[]; misses: string[] }> = {
  email: {
    hits: ['john.doe@example.com', 'Maria_Garcia+shop@mail.co.uk', 'a@b.io'],
    misses: ['@kennel/core', 'lodash@4.17.21', 'user@localhost', 'icon@2x.png', 'git@github.com:org/repo.git', 'nginx@sha256:abcd'],
  },
  phone: {
    hits: ['+1 (555) 123-4567', '(555) 123-4567', '555-123-4567', '555.123.4567', '+15551234567', '1-800-555-0199', '+44 20 7946 0958', '020 7946 0958', '07700 900123', '+33 1 23 45 67 89', '01 23 45 67 89', '+49 30 12345678', '+55 11 91234-5678', '+81 3-1234-5678'],
    misses: ['2024-01-15', '15.01.2024', '1.2.3', 'v10.4.0', 'ORD-2024-000123', '1700000000', '1700000000123', '555-0199', '123-456', 'sizes 10 20 30 40 50', 'ISBN 978-3-16-148410-0', '+1 more'],
  },
  card: {
    hits: ['4111111111111111', '4111 1111 1111 1111', '5500-0000-0000-0004', '378282246310005', '3782 822463 10005', '6011111111111117', '4222222222222'],
    misses: ['4111111111111112', '1234567890123456', '1234567890123456789', '9999 9999 9999 9995', '1700000000123'],
  },
  ssn: {
    hits: ['123-45-6789', '078-05-1120'],
    misses: ['000-12-3456', '666-12-3456', '900-12-3456', '123-00-4567', '123-45-0000', '123456789'],
  },
  iban: {
    hits: ['DE89370400440532013000', 'DE89 3704 0044 0532 0130 00', 'GB82WEST12345698765432', 'FR1420041010050500013M02606', 'BE68539007547034'],
    misses: ['DE89370400440532013001', 'XX89370400440532013000', 'DE8937040044053201300', 'GET /DE12'],
  },
  ipv4: {
    hits: ['10.0.0.1', '192.168.1.254', '8.8.8.8'],
    misses: ['256.1.1.1', '1.2.3', 'v1.2.3.4', '10.0.0.1.5', 'Chrome/120.0.6099.109'],
  },
  ipv6: {
    hits: ['2001:db8::1', 'fe80::1ff:fe23:4567:890a', '2001:0db8:85a3:0000:0000:8a2e:0370:7334', '::ffff:192.0.2.1'],
    misses: ['12:30:45', '00:1a:2b:3c:4d:5e', '::1', 'std::vector', '1:02:03.456'],
  },
  jwt: {
    hits: ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'],
    misses: ['eyJhbGciOiJIUzI1NiJ9', 'eyes.only.here'],
  },
  apiKey: {
    hits: ['sk-proj-abcDEF1234567890abcdefGHIJ', 'sk-ant-api03-abcDEF1234567890abcdef', 'AKIAIOSFODNN7EXAMPLE', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnop', 'xoxb-123456789012-abcdefABCDEF', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'rk_live_4eC39HqLyjWDarjtT1zdp7dc', 'AIzaSyA-abcdefghijklmnopqrstuvwxyz12345'],
    misses: ['sk-learn', 'sk-some-long-kebab-case-identifier-name', 'AKIA', 'ghp_short', 'task-runner-2024'],
  },
  privateKey: {
    hits: ['-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----', '-----BEGIN PRIVATE KEY-----\\nMIIEvQ\\n-----END PRIVATE KEY-----'],
    misses: ['-----BEGIN CERTIFICATE-----', '-----BEGIN PUBLIC KEY-----', '--------'],
  },
  urlCredentials: {
    hits: ['admin:s3cret', 'app_user:p%40ss'],
    misses: ['https://example.com/a@b', 'ssh://git@github.com/x', 'https://example.com?email=a'],
  },
  authHeader: {
    hits: ['abc123DEF456ghi789', 'dXNlcjpwYXNzd29yZA=='],
    misses: ['Bearer token expired', 'Basic plan', 'Bearer authentication'],
  },
  secretValue: {
    hits: ['hunter2', 'Tr0ub4dor'],
    misses: ['prompt_tokens=1234', 'max_tokens: 256', 'level=info', 'time: 12:30'],
  },
};

/** Puts a value where it is typically found, so context-dependent detectors see their context. */
function embed(detector: DetectorName, value: string): string {
  if (detector === 'urlCredentials') return `connecting to postgres://${value}@db.internal:5432/app`;
  if (detector === 'authHeader') return `curl -H "Authorization: ${value.endsWith('=') ? 'Basic' : 'Bearer'} ${value}" https://x`;
  if (detector === 'secretValue') return `login failed password=${value} user=42`;
  return `at 2024-01-15T12:30:45.123Z saw ${value} in request 550e8400-e29b-41d4-a716-446655440000.`;
}

describe.each(Object.entries(cases) as [DetectorName, (typeof cases)[DetectorName]][])('%s', (detector, { hits, misses }) => {
  test.each(hits)('finds %j', (value) => {
    expect(found(embed(detector, value))).toContainEqual([detector, value]);
  });
  test.each(misses)('leaves %j alone', (value) => {
    const text = detector === 'urlCredentials' || detector === 'authHeader' || detector === 'secretValue' ? value : embed(detector, value);
    expect(found(text)).toEqual([]);
  });
});

test('returns sorted, typed findings with offsets into the input', () => {
  const text = 'mail a@b.io or call 555-123-4567 from 10.0.0.1';
  const findings = detect(text);
  expect(findings.map((f) => f.detector)).toEqual(['email', 'phone', 'ipv4']);
  for (const f of findings) expect(text.slice(f.start, f.end)).toBe(f.value);
});

test('a secret value that is a known key shape keeps the precise label', () => {
  expect(found('OPENAI_API_KEY=sk-proj-abcDEF1234567890abcdefGHIJ')).toEqual([['apiKey', 'sk-proj-abcDEF1234567890abcdefGHIJ']]);
  expect(found('{"authorization":"Bearer abc123DEF456ghi789"}')).toEqual([['authHeader', 'abc123DEF456ghi789']]);
  expect(found('Cookie: sid=abc123; theme=dark')).toEqual([['secretValue', 'sid=abc123; theme=dark']]);
  expect(found('DD_API_KEY=0123456789abcdef0123456789abcdef')).toEqual([['secretValue', '0123456789abcdef0123456789abcdef']]);
});

test('a Luhn-valid number that is the value of an *id key is an id, not a card', () => {
  expect(found('{"span_id":"6450280961836046","card":"6450280961836046"}')).toEqual([['card', '6450280961836046']]);
  expect(found('trace_id=6450280961836046 orderId: 6450280961836046')).toEqual([]);
});

test('URL-encoded emails are found (`%40` for `@`)', () => {
  expect(found('GET /reset?email=jane.roe%40example.org&page=2')).toEqual([['email', 'jane.roe%40example.org']]);
  expect(found('discount 100%40 off')).toEqual([]);
});

test('a PEM block without its end marker is scrubbed to the end of the text (fail closed)', () => {
  const text = 'key: -----BEGIN PRIVATE KEY-----\nMIIEvQ truncated';
  expect(detect(text)).toEqual([{ detector: 'privateKey', start: 5, end: text.length, value: text.slice(5) }]);
});

test('ISO timestamps are left alone, and what follows one is still scanned', () => {
  expect(found('2024-01-15T12:30:45.123456789Z')).toEqual([]);
  expect(found('2024-01-15T12:30:45.123Z 10.0.0.1')).toEqual([['ipv4', '10.0.0.1']]);
  expect(found('2024-01-15T12:30:45Z,a@b.io')).toEqual([['email', 'a@b.io']]);
  expect(found('2024-01-15T12:30:45+01:00 call 555-123-4567')).toEqual([['phone', '555-123-4567']]);
});
