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

/** Text secret names bucketed by their last two letters: `key=` pairs are checked in place, without slicing. */
const buckets = new Map<number, [name: string, kind: number][]>();
for (const name of TEXT_SECRET_NAMES) {
  const suffix = name.charCodeAt(name.length - 2) * 128 + name.charCodeAt(name.length - 1);
  const list = buckets.get(suffix) ?? [];
  list.push([name, WHOLE_LINE_NAMES.has(name) ? 2 : 1]);
  buckets.set(suffix, list);
}

/** The names that could end at `end` (by their last two letters), or undefined: the cheap first test. */
export function bucketAt(s: string, end: number): [name: string, kind: number][] | undefined {
  const suffix = ((s.charCodeAt(end - 2) | 0x20) & 127) * 128 + ((s.charCodeAt(end - 1) | 0x20) & 127);
  return hasBucket[suffix] === 1 ? buckets.get(suffix) : undefined;
}

const hasBucket = new Uint8Array(128 * 128);
for (const suffix of buckets.keys()) hasBucket[suffix] = 1;

const isSeparator = (c: number) => c === 45 || c === 95 || c === 46 || c === 32; // - _ . space

/**
 * Whether `s[start, end)` is a secret key name (same rule as `keyMatcher`: exact, or suffix for names
 * of 5+ characters, ignoring case and separators). 0: no; 1: value up to a delimiter; 2: to the end of the line.
 */
export function secretKeyKind(s: string, start: number, end: number): number {
  const bucket = bucketAt(s, end);
  if (bucket === undefined) return 0;
  for (const [name, kind] of bucket) {
    let p = end - 1;
    let q = name.length - 1;
    while (q >= 0 && p >= start) {
      const c = s.charCodeAt(p);
      if (isSeparator(c)) {
        p--;
        continue;
      }
      if ((c | 0x20) !== name.charCodeAt(q)) break;
      p--;
      q--;
    }
    if (q >= 0) continue;
    while (p >= start && isSeparator(s.charCodeAt(p))) p--;
    if (p < start || name.length >= 5) return kind;
  }
  return 0;
}
