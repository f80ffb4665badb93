// Generators of realistic PII values (valid checksums, real shapes) and of look-alikes that are not PII.

/** Deterministic PRNG (mulberry32): the same seed gives the same corpus on every machine. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  const chars = (alphabet, n) => Array.from({ length: n }, () => pick(alphabet)).join('');
  return { next, int, pick, chars };
}

export const DIGITS = '0123456789';
export const HEXL = '0123456789abcdef';
export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const UPPERNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const B64URL = `${ALNUM}-_`;

const first = ['john', 'maria', 'li', 'ahmed', 'sofia', 'olga', 'pierre', 'yuki', 'kwame', 'ana', 'lukas', 'priya', 'noah', 'emma'];
const last = ['doe', 'garcia', 'wei', 'hassan', 'rossi', 'ivanova', 'martin', 'tanaka', 'mensah', 'silva', 'muller', 'sharma', 'smith'];
const domains = ['example.com', 'gmail.com', 'corp.example.org', 'mail.co.uk', 'acme.io', 'uni-berlin.de', 'outlook.fr', 'company.com.au'];

const luhnDigit = (body) => {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
};

/**
 * A bare decimal id that passes Luhn with a card network's prefix and length is a card number as
 * far as any detector can tell (kennel reports it; only an id-named key clears it). Look-alikes
 * must be tellable apart, so decimal ids are kept off the Luhn-valid ones.
 */
const notLuhn = (digits) => (/^\d+$/.test(digits) && luhnDigit(digits.slice(0, -1)) === digits.at(-1) ? `${digits.slice(0, -1)}${(Number(digits.at(-1)) + 1) % 10}` : digits);

const mod97 = (s) => {
  let r = 0;
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    r = c <= 57 ? (r * 10 + (c - 48)) % 97 : (r * 100 + (c - 55)) % 97;
  }
  return r;
};

const b64url = (text) => Buffer.from(text).toString('base64url');

/** One generator per detector; each returns the exact text that must be scrubbed. */
export function positives(r) {
  const name = () => `${r.pick(first)}${r.pick(['.', '_', '', '-'])}${r.pick(last)}${r.next() < 0.3 ? r.int(1, 99) : ''}`;
  const nanp = () => `${r.int(2, 9)}${r.chars(DIGITS, 2)}`;
  return {
    email: () => `${r.next() < 0.2 ? `${r.pick(first)}+${r.pick(['news', 'shop', 'dev'])}` : name()}@${r.pick(domains)}`.replace(/^./, (c) => (r.next() < 0.1 ? c.toUpperCase() : c)),
    phone: () => {
      const d = (n) => r.chars(DIGITS, n);
      return r.pick([
        () => `+1 (${nanp()}) ${nanp()}-${d(4)}`,
        () => `(${nanp()}) ${nanp()}-${d(4)}`,
        () => `${nanp()}-${nanp()}-${d(4)}`,
        () => `${nanp()}.${nanp()}.${d(4)}`,
        () => `+1 ${nanp()} ${nanp()} ${d(4)}`,
        () => `+1${nanp()}${nanp()}${d(4)}`,
        () => `1-800-${nanp()}-${d(4)}`,
        () => `+44 20 ${d(4)} ${d(4)}`,
        () => `020 ${d(4)} ${d(4)}`,
        () => `07${d(3)} ${d(6)}`,
        () => `+33 ${r.int(1, 9)} ${d(2)} ${d(2)} ${d(2)} ${d(2)}`,
        () => `0${r.int(1, 9)} ${d(2)} ${d(2)} ${d(2)} ${d(2)}`,
        () => `+49 30 ${d(8)}`,
        () => `030 ${d(8)}`,
        () => `+91 ${r.int(6, 9)}${d(4)} ${d(5)}`,
        () => `+61 2 ${d(4)} ${d(4)}`,
        () => `+81 3-${d(4)}-${d(4)}`,
        () => `+55 11 9${d(4)}-${d(4)}`,
      ])();
    },
    card: () => {
      const [prefix, len] = r.pick([['4', 16], ['4', 16], ['51', 16], ['55', 16], ['2221', 16], ['34', 15], ['37', 15], ['6011', 16], ['65', 16], ['3530', 16], ['4', 13]]);
      const body = prefix + r.chars(DIGITS, len - prefix.length - 1);
      const num = body + luhnDigit(body);
      const style = r.int(0, 2);
      if (style === 0 || len === 13) return num;
      const sep = style === 1 ? ' ' : '-';
      return len === 15 ? [num.slice(0, 4), num.slice(4, 10), num.slice(10)].join(sep) : num.match(/.{4}/g).join(sep);
    },
    ssn: () => `${String(r.pick([r.int(1, 665), r.int(667, 899)])).padStart(3, '0')}-${String(r.int(1, 99)).padStart(2, '0')}-${String(r.int(1, 9999)).padStart(4, '0')}`,
    iban: () => {
      const [cc, bban] = r.pick([
        ['DE', () => r.chars(DIGITS, 18)],
        ['GB', () => r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 4) + r.chars(DIGITS, 14)],
        ['FR', () => r.chars(DIGITS, 23)],
        ['NL', () => r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 4) + r.chars(DIGITS, 10)],
        ['ES', () => r.chars(DIGITS, 20)],
        ['IT', () => r.pick(['X', 'A', 'K']) + r.chars(DIGITS, 22)],
        ['CH', () => r.chars(DIGITS, 17)],
        ['BE', () => r.chars(DIGITS, 12)],
      ]);
      const b = bban();
      const check = String(98 - mod97(`${b}${cc}00`)).padStart(2, '0');
      const iban = `${cc}${check}${b}`;
      return r.next() < 0.5 ? iban : iban.match(/.{1,4}/g).join(' ');
    },
    ipv4: () => `${r.pick([10, 172, 192, 203, 81, 34, 52])}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`,
    ipv6: () => {
      const g = () => r.chars(HEXL, r.int(1, 4));
      return r.pick([
        () => `2001:db8:${g()}:${g()}::${g()}`,
        () => `fe80::${g()}:${g()}:${g()}:${g()}`,
        () => Array.from({ length: 8 }, g).join(':'),
        () => `2a00:1450:${g()}:${g()}::${g()}`,
      ])();
    },
    jwt: () => `${b64url(JSON.stringify({ alg: r.pick(['HS256', 'RS256']), typ: 'JWT' }))}.${b64url(JSON.stringify({ sub: String(r.int(1, 1e9)), name: name(), iat: r.int(1.6e9, 1.8e9) }))}.${r.chars(B64URL, 43)}`,
    apiKey: () =>
      r.pick([
        () => `sk-proj-${r.chars(B64URL, 48)}`,
        () => `sk-${r.chars(ALNUM, 48)}`,
        () => `sk-ant-api03-${r.chars(B64URL, 93)}AA`,
        () => `AKIA${r.chars(UPPERNUM, 16)}`,
        () => `ghp_${r.chars(ALNUM, 36)}`,
        () => `github_pat_${r.chars(ALNUM, 22)}_${r.chars(ALNUM, 59)}`,
        () => `xoxb-${r.chars(DIGITS, 12)}-${r.chars(DIGITS, 13)}-${r.chars(ALNUM, 24)}`,
        () => `sk_live_${r.chars(ALNUM, 24)}`,
        () => `rk_live_${r.chars(ALNUM, 24)}`,
        () => `AIza${r.chars(B64URL, 35)}`,
      ])(),
    privateKey: () => {
      const kind = r.pick(['RSA PRIVATE KEY', 'PRIVATE KEY', 'EC PRIVATE KEY', 'OPENSSH PRIVATE KEY']);
      const nl = r.pick(['\n', '\\n']);
      const body = Array.from({ length: r.int(2, 5) }, () => r.chars(`${ALNUM}+/`, 64)).join(nl);
      return `-----BEGIN ${kind}-----${nl}${body}${nl}-----END ${kind}-----`;
    },
    urlCredentials: () => `${r.pick(['admin', 'app_user', 'deploy', name()])}:${r.chars(`${ALNUM}!*$`, r.int(8, 20))}`,
    authHeader: () => (r.next() < 0.7 ? r.chars(`${ALNUM}-._~`, r.int(24, 64)) : Buffer.from(`${name()}:${r.chars(ALNUM, 12)}`).toString('base64')),
    secretValue: () => r.chars(`${ALNUM}!#$%*`, r.int(8, 24)),
  };
}

/** Things that look like PII to a naive pattern but are not: the false-positive traps. */
export function lookalikes(r) {
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  const iso = () => `20${r.int(19, 26)}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}T${pad(r.int(0, 23))}:${pad(r.int(0, 59))}:${pad(r.int(0, 59))}.${r.int(100, 999)}Z`;
  const date = () => r.pick([() => `20${r.int(19, 26)}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`, () => `${pad(r.int(1, 28))}/${pad(r.int(1, 12))}/20${r.int(19, 26)}`, () => `${pad(r.int(1, 28))}.${pad(r.int(1, 12))}.20${r.int(19, 26)}`])();
  const uuid = () => `${r.chars(HEXL, 8)}-${r.chars(HEXL, 4)}-4${r.chars(HEXL, 3)}-${r.pick(['8', '9', 'a', 'b'])}${r.chars(HEXL, 3)}-${r.chars(HEXL, 12)}`;
  return {
    iso,
    date,
    uuid,
    time: () => `${pad(r.int(0, 23))}:${pad(r.int(0, 59))}:${pad(r.int(0, 59))}`,
    version: () => r.pick([() => `${r.int(0, 20)}.${r.int(0, 30)}.${r.int(0, 40)}`, () => `v${r.int(1, 24)}.${r.int(0, 20)}.${r.int(0, 9)}`, () => `${r.int(1, 5)}.${r.int(0, 9)}.${r.int(0, 9)}-rc.${r.int(1, 5)}`])(),
    order: () => r.pick([() => `ORD-20${r.int(19, 26)}-${r.chars(DIGITS, 6)}`, () => `#${r.int(10000, 9999999)}`, () => `${r.int(100000, 99999999)}`, () => `INV-${r.chars(UPPERNUM, 8)}`])(),
    sha1: () => r.chars(HEXL, 40),
    sha256: () => r.chars(HEXL, 64),
    md5: () => r.chars(HEXL, 32),
    gitSha: () => r.chars(HEXL, 7),
    traceDec: () => notLuhn(String(BigInt(r.int(1, 2 ** 31)) * 4294967296n + BigInt(r.int(0, 2 ** 31)))),
    traceHex: () => r.chars(HEXL, 32),
    spanHex: () => notLuhn(r.chars(HEXL, 16)), // all 16 hex digits can be decimal ones
    traceparent: () => `00-${r.chars(HEXL, 32)}-${r.chars(HEXL, 16)}-01`,
    port: () => String(r.pick([80, 443, 3000, 5432, 6379, 8080, 8126, 9090, r.int(1024, 65535)])),
    duration: () => r.pick([() => `${r.int(1, 999)}ms`, () => `${r.int(0, 9)}.${r.chars(DIGITS, 3)}s`, () => `${pad(r.int(0, 2))}:${pad(r.int(0, 59))}:${pad(r.int(0, 59))}.${r.chars(DIGITS, 3)}`, () => `PT${r.int(1, 9)}H${r.int(1, 59)}M`])(),
    unixMs: () => String(r.int(1_600_000_000, 1_800_000_000) * 1000 + r.int(0, 999)),
    unixS: () => String(r.int(1_600_000_000, 1_800_000_000)),
    bytes: () => String(r.int(0, 5_000_000)),
    amount: () => r.pick([() => `$${r.int(1, 9)},${r.chars(DIGITS, 3)}.${r.chars(DIGITS, 2)}`, () => `${r.int(1, 9999)}.${r.chars(DIGITS, 2)}`])(),
    pod: () => `${r.pick(['api', 'worker', 'checkout', 'gateway'])}-${r.chars('bcdfghjklmnpqrstvwxz2456789', 10)}-${r.chars('bcdfghjklmnpqrstvwxz2456789', 5)}`,
    pid: () => String(r.int(1, 65535)),
    count: () => String(r.int(0, 100000)),
    pct: () => `${r.int(0, 100)}.${r.int(0, 9)}%`,
    ulid: () => `usr_01${r.chars('0123456789ABCDEFGHJKMNPQRSTVWXYZ', 24)}`,
  };
}
