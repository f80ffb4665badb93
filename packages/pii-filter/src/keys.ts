import { at, CLASS, WORD } from './chars.js';

/** Key names whose whole value is a secret, in objects, tags and free text (`password=…`). */
export const DEFAULT_KEY_NAMES: readonly string[] = [
  'password', 'passwd', 'passphrase', 'secret', 'token', 'apikey', 'appkey', 'applicationkey', 'accesskey', 'secretkey',
  'privatekey', 'clientsecret', 'credential', 'credentials', 'authorization', 'cookie', 'setcookie', 'sessionid',
  'connectionstring', 'ssn', 'creditcard', 'cardnumber', 'cvv', 'cvc', 'iban',
];

/** Personal fields, added to the key names by the `strict` level. */
export const PERSONAL_KEY_NAMES: readonly string[] = [
  'email', 'phone', 'phonenumber', 'mobile', 'address', 'ip', 'ipaddress', 'clientip', 'remoteaddr', 'dob',
  'dateofbirth', 'birthdate', 'firstname', 'lastname', 'fullname', 'username',
];

/** Names that mark a secret value in free text; header-like ones take the rest of the line. */
const TEXT_SECRET_NAMES = DEFAULT_KEY_NAMES.filter((n) => !['ssn', 'creditcard', 'cardnumber', 'cvv', 'cvc', 'iban'].includes(n));
const WHOLE_LINE_NAMES = new Set(['authorization', 'cookie', 'setcookie']);

/** `X-Api-Key`, `api_key`, `API KEY` → `xapikey`. */
export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[-_. ]/g, '');
}

/** Exact match, or suffix match for names of 5+ characters (`dbPassword`, `x-api-key`; not `zip` for `ip`). */
function matchName(normalized: string, names: readonly string[]): string | undefined {
  for (const name of names) {
    if (normalized === name || (name.length >= 5 && normalized.endsWith(name))) return name;
  }
  return undefined;
}

const MAX_CACHE = 4096;

/** A memoised key test: log and tag keys repeat, so normalising each one once keeps the hot path to a Map lookup. */
export function keyMatcher(names: readonly string[]): (key: string) => boolean {
  const cache = new Map<string, boolean>();
  const normalized = names.map(normalizeKey);
  return (key) => {
    let hit = cache.get(key);
    if (hit === undefined) {
      hit = key.length <= 64 && matchName(normalizeKey(key), normalized) !== undefined;
      if (cache.size >= MAX_CACHE) cache.clear();
      cache.set(key, hit);
    }
    return hit;
  };
}

/** A secret name and how far its value reaches: 1, to a delimiter; 2, to the end of the line. */
interface TextSecretName {
  name: string;
  kind: number;
}

const NONE: readonly TextSecretName[] = [];
/**
 * Text secret names by their last two letters (lower case, as `a * 128 + b`): `key=` pairs are
 * checked in place, without slicing. A dense array, so the lookup at every `=` and `:` is one load.
 */
const buckets: (readonly TextSecretName[])[] = new Array<readonly TextSecretName[]>(128 * 128).fill(NONE);
for (const name of TEXT_SECRET_NAMES) {
  const suffix = name.charCodeAt(name.length - 2) * 128 + name.charCodeAt(name.length - 1);
  buckets[suffix] = [...buckets[suffix]!, { name, kind: WHOLE_LINE_NAMES.has(name) ? 2 : 1 }];
}

/** Index of the bucket for the two characters before `end` (ASCII case folded). */
function bucketIndex(s: string, end: number): number {
  return ((at(s, end - 2) | 0x20) & 127) * 128 + ((at(s, end - 1) | 0x20) & 127);
}

/** The names that could end at `end`. */
function bucketAt(s: string, end: number): readonly TextSecretName[] {
  return buckets[bucketIndex(s, end)]!;
}

/** 1 where a bucket holds a name: the scanner's one-load test before it looks at a key. */
const bucketUsed = new Uint8Array(128 * 128);
for (let b = 0; b < buckets.length; b++) if (buckets[b]!.length > 0) bucketUsed[b] = 1;

/** False when no secret name can end at `end` (`secretKeyKind(s, end)` is then 0): one load. */
export function mayEndSecretName(s: string, end: number): boolean {
  return bucketUsed[bucketIndex(s, end)] === 1;
}

/** A key in text is at most this long: its name is looked for in the characters before `end`. */
const MAX_KEY = 40;

const isSeparator = (c: number) => c === 45 || c === 95 || c === 46; // - _ .
/** Characters of a key in text: `[A-Za-z0-9_.-]`. */
const isKeyChar = (c: number) => (CLASS[c]! & WORD) !== 0 || c === 45 || c === 46;

/**
 * Whether the key that ends at `end` (the run of key characters before it, at most `MAX_KEY`) is a
 * secret name (same rule as `keyMatcher`: exact, or suffix for names of 5+ characters, ignoring
 * case and separators). 0: no; 1: value up to a delimiter; 2: to the end of the line. The key's
 * start is found only when a name matched, so most keys cost a few comparisons from the end.
 */
export function secretKeyKind(s: string, end: number): number {
  const names = bucketAt(s, end);
  const lo = Math.max(0, end - MAX_KEY);
  for (let k = 0; k < names.length; k++) {
    const { name, kind } = names[k]!;
    let p = end - 1;
    let q = name.length - 1;
    for (; q >= 0 && p >= lo; p--) {
      const c = s.charCodeAt(p);
      if (!isKeyChar(c)) break;
      if (isSeparator(c)) continue;
      if ((c | 0x20) !== name.charCodeAt(q)) break;
      q--;
    }
    if (q >= 0) continue;
    while (p >= lo && isSeparator(s.charCodeAt(p))) p--;
    const wholeKey = p < lo || !isKeyChar(s.charCodeAt(p));
    if (wholeKey || name.length >= 5) return kind;
  }
  return 0;
}
