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

const textCache = new Map<string, number>();

/** 0: not a secret key; 1: secret value up to a delimiter; 2: secret to the end of the line. */
export function secretKeyKind(key: string): number {
  let kind = textCache.get(key);
  if (kind === undefined) {
    const name = matchName(normalizeKey(key), TEXT_SECRET_NAMES);
    kind = name === undefined ? 0 : WHOLE_LINE_NAMES.has(name) ? 2 : 1;
    if (textCache.size >= MAX_CACHE) textCache.clear();
    textCache.set(key, kind);
  }
  return kind;
}
