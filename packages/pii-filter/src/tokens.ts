import { B64URL, cls, DIGIT, HEX, runEnd, startsWithLower, TOKEN, UPPER, WORD } from './chars.js';
import type { ScanState } from './internal-types.js';
import { matchIpv6 } from './ipv6.js';
import { record } from './record.js';
import { ibanChecksum, ibanLength } from './validators.js';

/** Vendor key shapes: literal prefix, body class, minimum (and exact, when fixed) body length. */
interface KeyShape {
  prefix: string;
  body: number;
  min: number;
  exact?: boolean;
}

const ALNUM_UPPER = UPPER | DIGIT;
const keyShapes: Record<string, KeyShape[]> = {
  // OpenAI sk-… / sk-proj-…, Anthropic sk-ant-…; Stripe secret keys
  s: [
    { prefix: 'sk-', body: B64URL, min: 20 },
    { prefix: 'sk_live_', body: WORD, min: 16 },
    { prefix: 'sk_test_', body: WORD, min: 16 },
  ],
  r: [
    { prefix: 'rk_live_', body: WORD, min: 16 },
    { prefix: 'rk_test_', body: WORD, min: 16 },
  ],
  // AWS access key ids, Google API keys
  A: [
    { prefix: 'AKIA', body: ALNUM_UPPER, min: 16, exact: true },
    { prefix: 'ASIA', body: ALNUM_UPPER, min: 16, exact: true },
    { prefix: 'AIza', body: B64URL, min: 35, exact: true },
  ],
  // GitHub classic and fine-grained tokens
  g: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'].map((prefix) => ({ prefix, body: WORD, min: 36 })).concat([{ prefix: 'github_pat_', body: WORD, min: 22 }]),
  // Slack bot/user/app/refresh tokens
  x: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxs-', 'xoxe-'].map((prefix) => ({ prefix, body: B64URL, min: 10 })),
};

/**
 * Everything that starts with a letter on a word boundary: vendor keys, JWTs, `Bearer`/`Basic`
 * credentials, IBANs, IPv6 addresses. Dispatch is on the first character, so most words cost one lookup.
 */
export function matchWord(st: ScanState, i: number): number {
  const s = st.s;
  const c = s[i]!;
  const on = st.on;
  if (on.ipv6 && cls(s, i) & HEX) {
    const r = matchIpv6(st, i);
    if (r >= 0) return r;
  }
  if (on.apiKey) {
    const shapes = keyShapes[c];
    if (shapes !== undefined) {
      const r = matchKey(st, i, shapes);
      if (r >= 0) return r;
    }
  }
  if (c === 'e') return on.jwt ? matchJwt(st, i) : -1;
  if ((c === 'B' || c === 'b') && on.authHeader) {
    const r = matchAuth(st, i);
    if (r >= 0) return r;
  }
  return on.iban && cls(s, i) & UPPER ? matchIban(st, i) : -1;
}

function matchKey(st: ScanState, i: number, shapes: KeyShape[]): number {
  const s = st.s;
  for (const shape of shapes) {
    if (!s.startsWith(shape.prefix, i)) continue;
    const from = i + shape.prefix.length;
    const end = runEnd(s, from, shape.body);
    const len = end - from;
    if (len < shape.min || (shape.exact === true && (len !== shape.min || cls(s, end) & B64URL))) continue;
    if (shape.exact !== true && !looksRandom(s, from, end)) continue; // fixed-length shapes are specific enough
    return record(st, 'apiKey', i, end);
  }
  return -1;
}

/** Secrets mix digits or cases; `sk-some-long-kebab-identifier` does not. */
function looksRandom(s: string, from: number, end: number): boolean {
  let upper = false;
  let lower = false;
  for (let p = from; p < end; p++) {
    const c = s.charCodeAt(p);
    if (c >= 48 && c <= 57) return true;
    if (c >= 65 && c <= 90) upper = true;
    else if (c >= 97 && c <= 122) lower = true;
  }
  return upper && lower;
}

/** `eyJ…` header `.` `ey…` payload `.` signature (may be empty for `alg: none`). */
function matchJwt(st: ScanState, i: number): number {
  const s = st.s;
  if (!s.startsWith('eyJ', i)) return -1;
  const h = runEnd(s, i, B64URL);
  if (h - i < 10 || s.charCodeAt(h) !== 46 || !s.startsWith('ey', h + 1)) return -1;
  const p = runEnd(s, h + 1, B64URL);
  if (p - h - 1 < 10 || s.charCodeAt(p) !== 46) return -1;
  return record(st, 'jwt', i, runEnd(s, p + 1, B64URL));
}

/** `Bearer <token>` / `Basic <base64>`: records the credential, keeps the scheme readable. */
export function matchAuth(st: ScanState, i: number): number {
  const s = st.s;
  const basic = startsWithLower(s, i, 'basic');
  if (!basic && !startsWithLower(s, i, 'bearer')) return -1;
  let p = i + (basic ? 5 : 6);
  const spaces = p;
  while (s.charCodeAt(p) === 32 && p - spaces < 3) p++;
  if (p === spaces) return -1;
  const end = runEnd(s, p, TOKEN);
  const len = end - p;
  if (len < 8 || !looksRandom(s, p, end)) return -1;
  if (basic && len % 4 !== 0) return -1;
  return record(st, 'authHeader', p, end);
}

/** Country code, check digits, then the BBAN compact or in printed groups of four; length per country, mod 97. */
function matchIban(st: ScanState, i: number): number {
  const s = st.s;
  if (!(cls(s, i + 1) & UPPER && cls(s, i + 2) & DIGIT && cls(s, i + 3) & DIGIT)) return -1;
  const length = ibanLength(s.slice(i, i + 2));
  if (length === 0) return -1;
  let compact = s.slice(i, i + 4);
  let p = i + 4;
  while (compact.length < length) {
    const k = cls(s, p);
    if (k & ALNUM_UPPER) {
      compact += s[p];
      p++;
    } else if (s.charCodeAt(p) === 32 && compact.length % 4 === 0 && cls(s, p + 1) & ALNUM_UPPER) {
      p++;
    } else {
      return -1;
    }
  }
  if (cls(s, p) & WORD || !ibanChecksum(compact)) return -1;
  return record(st, 'iban', i, p);
}
