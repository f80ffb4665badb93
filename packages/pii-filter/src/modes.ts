import { createHmac } from 'node:crypto';
import type { DetectorName, ScrubMode } from './types.js';

/** Redaction labels; both IP detectors share `[IP]`. */
export const LABELS: Readonly<Record<DetectorName, string>> = {
  email: 'EMAIL',
  phone: 'PHONE',
  card: 'CARD',
  ssn: 'SSN',
  iban: 'IBAN',
  ipv4: 'IP',
  ipv6: 'IP',
  jwt: 'JWT',
  apiKey: 'API_KEY',
  privateKey: 'PRIVATE_KEY',
  urlCredentials: 'CREDENTIALS',
  authHeader: 'TOKEN',
  secretValue: 'SECRET',
};

const MASKS_DIGITS = new Set(['card', 'iban', 'phone', 'ssn']);

/** Stable pseudonym: the first 16 hex chars of HMAC-SHA256(salt, value). Emails compare case-insensitively. */
export function pseudonym(salt: string, detector: string, value: string): string {
  const normalized = detector === 'email' ? value.toLowerCase() : value;
  return createHmac('sha256', salt).update(normalized).digest('hex').slice(0, 16);
}

/** The text that replaces one finding (`drop` is handled by the caller: the whole value goes). */
export function replacement(mode: Exclude<ScrubMode, 'drop'>, detector: string, label: string, value: string, salt: string | undefined): string {
  if (mode === 'hash') return `[${label}:${pseudonym(salt!, detector, value)}]`;
  if (mode === 'mask') {
    if (MASKS_DIGITS.has(detector)) return maskAllButLast4(value);
    if (detector === 'email') return `${value[0]}***${value.slice(value.indexOf('@'))}`;
  }
  return `[${label}]`;
}

/** `4111 1111 1111 1111` → `**** **** **** 1111`: separators stay, so the format stays recognisable. */
function maskAllButLast4(value: string): string {
  let keep = 4;
  let out = '';
  for (let i = value.length - 1; i >= 0; i--) {
    const c = value[i]!;
    const alnum = /[0-9A-Za-z]/.test(c);
    out = (alnum && keep-- <= 0 ? '*' : c) + out;
  }
  return out;
}
