import { at, B64URL, CLASS, cls, COLON, DIGIT, HEX, LEAD, runEnd, SPACE, startsWithLower, TOKEN, UPPER, WORD } from './chars.js';
import type { ScanState } from './internal-types.js';
import { matchIpv6 } from './ipv6.js';
import { matchPem } from './pem.js';
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
const code = (c: string) => c.charCodeAt(0);
/** Shapes by the code of their first character. */
const keyShapes = new Map<number, KeyShape[]>([
  // OpenAI sk-… / sk-proj-…, Anthropic sk-ant-…; Stripe secret keys
  [code('s'), [
    { prefix: 'sk-', body: B64URL, min: 20 },
    { prefix: 'sk_live_', body: WORD, min: 16 },
    { prefix: 'sk_test_', body: WORD, min: 16 },
  ]],
  [code('r'), [
    { prefix: 'rk_live_', body: WORD, min: 16 },
    { prefix: 'rk_test_', body: WORD, min: 16 },
  ]],
  // AWS access key ids, Google API keys
  [code('A'), [
    { prefix: 'AKIA', body: ALNUM_UPPER, min: 16, exact: true },
    { prefix: 'ASIA', body: ALNUM_UPPER, min: 16, exact: true },
    { prefix: 'AIza', body: B64URL, min: 35, exact: true },
  ]],
  // GitHub classic and fine-grained tokens
  [code('g'), ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'].map((prefix) => ({ prefix, body: WORD, min: 36 })).concat([{ prefix: 'github_pat_', body: WORD, min: 22 }])],
  // Slack bot/user/app/refresh tokens
  [code('x'), ['xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxs-', 'xoxe-'].map((prefix) => ({ prefix, body: B64URL, min: 10 }))],
]);

/** First two characters of every key prefix (`sk`, `rk`, `AK`, `AS`, `AI`, `gh`, `gi`, `xo`), as a bitmap. */
const keyStarts = new Uint8Array(128 * 128);
for (const shapes of keyShapes.values()) for (const { prefix } of shapes) keyStarts[code(prefix[0]!) * 128 + code(prefix[1]!)] = 1;

/** First two characters of anything `matchWord` can find by prefix: keys, `ey` (JWT), `Be`/`Ba` (any case; `BE` also starts a PEM `BEGIN`). */
const wordStarts = keyStarts.slice();
for (const pair of ['ey', 'be', 'ba', 'Be', 'Ba', 'bE', 'bA', 'BE', 'BA']) wordStarts[code(pair[0]!) * 128 + code(pair[1]!)] = 1;

/**
 * First characters of those pairs, and the capitals (an IBAN starts with two), are marked `LEAD`
 * in the scanner's class table: the scan tests the bit it already loaded and rejects most words
 * without a call.
 */
for (let c = 0; c < 128 * 128; c++) if (wordStarts[c] === 1) CLASS[c >> 7]! |= LEAD;
for (let c = code('A'); c <= code('Z'); c++) CLASS[c]! |= LEAD;

/**
 * The scanner's pre-check for a letter-led word `[i, end)` whose first character has class bits
 * `k`: a short word from a hex digit before `:` (IPv6; not `User:`, `http:`), a known prefix, or
 * two capitals and two digits (IBAN). Most words fail it on the `LEAD` bit, tested inline.
 */
export function wordMayMatch(s: string, i: number, end: number, after: number, k: number): boolean {
  const hexBeforeColon = after === COLON && end - i <= 4 && (k & HEX) !== 0;
  if ((k & LEAD) === 0) return hexBeforeColon;
  if (hexBeforeColon) return true;
  const c0 = s.charCodeAt(i); // a word character: ASCII
  const c1 = at(s, i + 1);
  if (c1 >= 0 && c1 < 128 && wordStarts[c0 * 128 + c1] === 1) return true;
  return (CLASS[c0]! & UPPER) !== 0 && (cls(s, i + 1) & UPPER) !== 0 && (cls(s, i + 2) & DIGIT) !== 0 && (cls(s, i + 3) & DIGIT) !== 0;
}

/**
 * Everything that starts with a letter on a word boundary (the word is `[i, end)`): private keys
 * (at `BEGIN`), vendor keys, JWTs, `Bearer`/`Basic` credentials, IBANs, IPv6 addresses. Each matcher is behind a test of the
 * first two characters, the word length or the character after it, so an ordinary word costs a
 * handful of comparisons.
 */
export function matchWord(st: ScanState, i: number, end: number, after: number): number {
  const s = st.s;
  const on = st.on;
  const c0 = s.charCodeAt(i);
  const c1 = at(s, i + 1);
  const len = end - i;
  if (c0 === 66 && on.privateKey && i >= 5 && s.startsWith('-----', i - 5)) {
    const r = matchPem(st, i - 5); // "-----BEGIN …"
    if (r >= 0) return r;
  }
  if (after === COLON && len <= 4 && on.ipv6) {
    const r = matchIpv6(st, i);
    if (r >= 0) return r;
  }
  if (on.apiKey && c0 < 128 && c1 >= 0 && c1 < 128 && keyStarts[c0 * 128 + c1] === 1) {
    const r = matchKey(st, i, keyShapes.get(c0)!);
    if (r >= 0) return r;
  }
  if (c0 === 101 && c1 === 121) return on.jwt ? matchJwt(st, i) : -1; // "ey"
  if ((c0 | 0x20) === 98 && (len === 5 || len === 6) && after === SPACE && on.authHeader) {
    const r = matchAuth(st, i);
    if (r >= 0) return r;
  }
  return on.iban && CLASS[c0]! & UPPER && cls(s, i + 1) & UPPER && cls(s, i + 2) & DIGIT && cls(s, i + 3) & DIGIT ? matchIban(st, i) : -1;
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
  if (h - i < 10 || at(s, h) !== 46 || !s.startsWith('ey', h + 1)) return -1;
  const p = runEnd(s, h + 1, B64URL);
  if (p - h - 1 < 10 || at(s, p) !== 46) return -1;
  return record(st, 'jwt', i, runEnd(s, p + 1, B64URL));
}

/** `Bearer <token>` / `Basic <base64>`: records the credential, keeps the scheme readable. */
export function matchAuth(st: ScanState, i: number): number {
  const s = st.s;
  const basic = startsWithLower(s, i, 'basic');
  if (!basic && !startsWithLower(s, i, 'bearer')) return -1;
  let p = i + (basic ? 5 : 6);
  const spaces = p;
  while (at(s, p) === 32 && p - spaces < 3) p++;
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
  const length = ibanLength(s.charCodeAt(i), s.charCodeAt(i + 1)); // two capitals: checked by the caller
  if (length === 0) return -1;
  let compact = 4; // characters so far, without the spaces
  let p = i + 4;
  while (compact < length) {
    if (cls(s, p) & ALNUM_UPPER) {
      compact++;
      p++;
    } else if (at(s, p) === 32 && compact % 4 === 0 && cls(s, p + 1) & ALNUM_UPPER) {
      p++;
    } else {
      return -1;
    }
  }
  if (cls(s, p) & WORD || !ibanChecksum(s, i, p)) return -1;
  return record(st, 'iban', i, p);
}
