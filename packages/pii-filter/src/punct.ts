import { APOS, at, BACKSLASH, CLASS, cls, COLON, DIGIT, DOMAIN, DOT, LOCAL, QUOTE, runEnd, SPACE, startsWithLower, WORD } from './chars.js';
import type { ScanState } from './internal-types.js';
import { claim, isLabelAt, record } from './record.js';
import { secretKeyKind } from './keys.js';
import { matchAuth, matchWord } from './tokens.js';

const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;
const MAX_USERINFO = 256;
/** Up to four letters, lower-cased, as one number: compared without slicing the text. */
function letterKey(s: string, from: number, end: number): number {
  let key = 0;
  for (let p = from; p < end; p++) key = key * 128 + (s.charCodeAt(p) | 0x20);
  return key;
}
/** File extensions that are not top-level domains, for asset names like `logo@2x.png` (by `letterKey`; four letters at most). */
const FILE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'avif', 'ico', 'css', 'js', 'mjs', 'cjs', 'ts', 'map', 'json', 'html', 'txt', 'pdf'].map((e) => letterKey(e, 0, e.length)));
const MAX_EXTENSION = 4;

/** At `@`: credentials in a URL (`scheme://user:pass@host`), else an email address. */
export function matchAt(st: ScanState, i: number): number {
  if (st.on.urlCredentials) {
    const r = matchUrlCredentials(st, i);
    if (r >= 0) return r;
  }
  return st.on.email ? matchEmail(st, i) : -1;
}

function matchUrlCredentials(st: ScanState, i: number): number {
  const s = st.s;
  let j = i - 1;
  for (; j >= 0 && i - j < MAX_USERINFO; j--) {
    const c = s.charCodeAt(j);
    // whitespace, / ? # @ " ' < > end the userinfo
    if (c <= 32 || c === 47 || c === 63 || c === 35 || c === 64 || c === 34 || c === 39 || c === 60 || c === 62) break;
  }
  if (!(at(s, j) === 47 && at(s, j - 1) === 47 && at(s, j - 2) === 58)) return -1; // "://"
  const colon = s.indexOf(':', j + 1);
  if (colon <= j + 1 || colon >= i - 1) return -1; // needs a user and a password
  claim(st, j + 1);
  record(st, 'urlCredentials', j + 1, i);
  return i + 1;
}

/** At `%40`: a URL-encoded email (`?email=jane%40example.org`). */
export function matchEncodedAt(st: ScanState, i: number): number {
  return st.on.email && at(st.s, i + 1) === 52 && at(st.s, i + 2) === 48 ? matchEmail(st, i, i + 2) : -1;
}

/** The `@` is `s[i]`, or `s[i..atEnd]` when URL-encoded; the domain starts after `atEnd`. */
function matchEmail(st: ScanState, i: number, atEnd = i): number {
  const s = st.s;
  const table = CLASS; // a local: checked once, not at every character (see scan)
  let a = i;
  while (a > 0 && i - a < MAX_LOCAL && (table[s.charCodeAt(a - 1)]! & LOCAL) !== 0) a--;
  while (a < i && s.charCodeAt(a) === DOT) a++; // a local part does not start with '.'
  if (a === i) return -1;
  if (s.startsWith('://', a - 3)) return -1; // "ssh://git@host": a URL's user name, not a mailbox
  let p = atEnd + 1;
  let labels = 0;
  let tld = p;
  while (p - atEnd <= MAX_DOMAIN) {
    const q = runEnd(s, p, DOMAIN);
    if (q === p) break;
    labels++;
    tld = p;
    p = q;
    if (at(s, p) !== DOT || !(cls(s, p + 1) & DOMAIN)) break;
    p++;
  }
  if (labels < 2 || p - tld < 2 || p - atEnd > MAX_DOMAIN) return -1;
  for (let k = tld; k < p; k++) if ((table[s.charCodeAt(k)]! & (WORD | DIGIT)) !== WORD) return -1; // TLD: letters only
  if (p - tld <= MAX_EXTENSION && FILE_EXTENSIONS.has(letterKey(s, tld, p))) return -1; // "icon@2x.png"
  if (at(s, p) === COLON && cls(s, p + 1) & WORD) return -1; // "git@github.com:org/repo": an ssh remote
  claim(st, a);
  return record(st, 'email', a, p);
}


/**
 * At `=` or `:` after a secret-named key (`password=…`, `"api_key": "…"`, `DD_API_KEY=…`,
 * `Cookie: …`): the value. Vendor-shaped values keep their own detector (`[API_KEY]`, `Bearer [TOKEN]`).
 */
export function matchAssign(st: ScanState, i: number): number {
  const s = st.s;
  let k = i;
  while (k > 0 && i - k < 2 && s.charCodeAt(k - 1) === SPACE) k--;
  if (at(s, k - 1) === QUOTE || at(s, k - 1) === APOS) k--;
  if (at(s, k - 1) === BACKSLASH) k--; // JSON-escaped quote
  const kind = secretKeyKind(s, k);
  if (kind === 0) return -1; // mostly decided by the two letters before `k`: `"level":`, `12:30`, `https:`

  let p = i + 1;
  while (at(s, p) === SPACE && p - i <= 3) p++;
  let quote = 0;
  if (at(s, p) === BACKSLASH && at(s, p + 1) === QUOTE) p++;
  if (at(s, p) === QUOTE || at(s, p) === APOS) quote = at(s, p++);
  if (isLabelAt(s, p)) return -1;
  if (startsWithLower(s, p, 'bearer ') || startsWithLower(s, p, 'basic ')) return st.on.authHeader ? matchAuth(st, p) : -1;
  if (cls(s, p) & WORD) {
    const end = runEnd(s, p, WORD);
    const r = matchWord(st, p, end, at(s, end));
    if (r >= 0) return r;
  }
  const end = valueEnd(s, p, quote, kind === 2);
  return end === p ? -1 : record(st, 'secretValue', p, end);
}

/** Quoted: to the closing quote. Header-like keys (`Cookie`, `Authorization`): to the end of the line. Else: to a delimiter. */
function valueEnd(s: string, p: number, quote: number, wholeLine: boolean): number {
  for (; p < s.length; p++) {
    const c = s.charCodeAt(p);
    if (c === 10 || c === 13) break;
    if (quote !== 0) {
      if (c === quote || c === BACKSLASH) break;
    } else if (!wholeLine) {
      // whitespace " ' , ; & ) ] } < > \
      if (c <= 32 || c === QUOTE || c === APOS || c === 44 || c === 59 || c === 38 || c === 41 || c === 93 || c === 125 || c === 60 || c === 62 || c === BACKSLASH) break;
    } else if (c === QUOTE || c === BACKSLASH) break;
  }
  return p;
}
