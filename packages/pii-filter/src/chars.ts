/** ASCII character classes as bit flags in one lookup table: the scanner's inner loops test one byte. */
export const WORD = 1; // [A-Za-z0-9_]
export const DIGIT = 2; // [0-9]
export const HEX = 4; // [0-9A-Fa-f]
export const UPPER = 8; // [A-Z]
export const B64URL = 16; // [A-Za-z0-9_-]
export const LOCAL = 32; // email local part [A-Za-z0-9._%+-]
export const DOMAIN = 64; // domain label [A-Za-z0-9-]
export const TOKEN = 128; // bearer token [A-Za-z0-9._~+/=-]
export const TRIGGER = 256; // punctuation that can start or anchor PII: @ + ( : = %
export const LEAD = 512; // a letter that can begin a prefixed token or an IBAN: set by tokens.ts

/** Character codes the matchers compare against. */
export const SPACE = 32; // ' '
export const QUOTE = 34; // '"'
export const HASH = 35; // '#'
export const PERCENT = 37; // '%'
export const APOS = 39; // "'"
export const OPEN = 40; // '('
export const CLOSE = 41; // ')'
export const PLUS = 43; // '+'
export const DASH = 45; // '-'
export const DOT = 46; // '.'
export const COLON = 58; // ':'
export const EQUALS = 61; // '='
export const AT = 64; // '@'
export const BACKSLASH = 92; // '\\'

/** Indexed by UTF-16 code unit (64 KiB): no range branch in the hot loops; non-ASCII has no class. */
export const CLASS = new Uint16Array(65536);
const table = CLASS;
const add = (chars: string, flag: number) => {
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)]! |= flag;
};
const range = (from: string, to: string) => {
  let out = '';
  for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++) out += String.fromCharCode(c);
  return out;
};
const digits = range('0', '9');
const upper = range('A', 'Z');
const lower = range('a', 'z');
const alnum = digits + upper + lower;
add(`${alnum}_`, WORD);
add(digits, DIGIT);
add(`${digits}ABCDEFabcdef`, HEX);
add(upper, UPPER);
add(`${alnum}_-`, B64URL);
add(`${alnum}._%+-`, LOCAL);
add(`${alnum}-`, DOMAIN);
add(`${alnum}._~+/=-`, TOKEN);
add('@+(:=%', TRIGGER);

/**
 * `s.charCodeAt(i)`, or -1 outside the string. Matchers peek past both ends of the text all the
 * time, and once a `charCodeAt` call site has read out of bounds V8 recompiles it into a generic
 * path about 3× slower for every later read. Checking the bounds first keeps this one shared read
 * fast; direct `charCodeAt` calls are left only where a loop bound guards them. -1 rather than
 * `charCodeAt`'s NaN keeps every comparison on small integers, without a float conversion, and
 * `i >>> 0` checks both ends with one unsigned comparison (a negative index becomes a huge one).
 */
export function at(s: string, i: number): number {
  return (i >>> 0) < s.length ? s.charCodeAt(i) : -1;
}

/** Class bits of the char code at `i` (0 outside the string and for non-ASCII). */
export function cls(s: string, i: number): number {
  return (i >>> 0) < s.length ? CLASS[s.charCodeAt(i)]! : 0;
}

/** First index at or after `i` whose class has none of the bits in `flag`. */
export function runEnd(s: string, i: number, flag: number): number {
  const n = s.length;
  while (i < n && (CLASS[s.charCodeAt(i) | 0]! & flag) !== 0) i++;
  return i;
}

/** Case-insensitive ASCII `startsWith` for a lower-case `word`. */
export function startsWithLower(s: string, i: number, word: string): boolean {
  if (i + word.length > s.length) return false;
  for (let k = 0; k < word.length; k++) {
    if ((s.charCodeAt(i + k) | 0x20) !== word.charCodeAt(k)) return false;
  }
  return true;
}
