/** Checksums and ranges applied to candidates after the scan found their shape. */

/** Issuer prefix (first four digits) + length of the major card networks; random digit runs rarely fit both. */
export function cardNetwork(first4: number, len: number): boolean {
  const p2 = Math.floor(first4 / 100);
  const p3 = Math.floor(first4 / 10);
  if (p2 >= 40 && p2 <= 49) return len === 13 || len === 16 || len === 19; // Visa
  if ((p2 >= 51 && p2 <= 55) || (first4 >= 2221 && first4 <= 2720)) return len === 16; // Mastercard
  if (p2 === 34 || p2 === 37) return len === 15; // Amex
  if (first4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649)) return len >= 16 && len <= 19; // Discover
  if (first4 >= 3528 && first4 <= 3589) return len >= 16 && len <= 19; // JCB
  if (p2 === 36 || p2 === 38 || (p3 >= 300 && p3 <= 305)) return len >= 14 && len <= 19; // Diners
  if (p2 === 62) return len >= 16 && len <= 19; // UnionPay
  return false;
}

/** US SSN ranges: area 001–665, 667–899; group 01–99; serial 0001–9999. */
export function validSsn(area: number, group: number, serial: number): boolean {
  return area > 0 && area !== 666 && area < 900 && group > 0 && serial > 0;
}

const A = 65;
/** IBAN length per country (ISO 13616 registry, the countries in common use), by the two capitals' offsets (26 × 26). */
const ibanLengths = new Uint8Array(26 * 26);
for (const entry of 'AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 CH21 CR22 CY28 CZ24 DE22 DK18 DO28 EE20 EG29 ES24 FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 MC27 MD24 ME22 MK19 MR27 MT31 MU30 NL18 NO15 PK24 PL28 PS29 PT25 QA29 RO24 RS22 SA24 SC31 SE24 SI19 SK24 SM27 TN24 TR26 UA29 VA22 VG24 XK20'.split(' ')) {
  ibanLengths[(entry.charCodeAt(0) - A) * 26 + entry.charCodeAt(1) - A] = Number(entry.slice(2));
}

/** Expected IBAN length for a country code given as two capitals' char codes, or 0 when unknown. */
export function ibanLength(c0: number, c1: number): number {
  return ibanLengths[(c0 - A) * 26 + c1 - A]!;
}

/**
 * ISO 7064 mod 97-10 over the IBAN in `s[start, end)` (capitals and digits, single spaces between
 * printed groups, which are skipped): the BBAN, then the country code and check digits. Read in
 * place: no compact copy is built.
 */
export function ibanChecksum(s: string, start: number, end: number): boolean {
  let r = 0;
  for (let p = start + 4; p < end; p++) r = mod97Step(r, s.charCodeAt(p));
  for (let p = start; p < start + 4; p++) r = mod97Step(r, s.charCodeAt(p));
  return r === 1;
}

/** Appends one character to the remainder: a digit is one decimal digit, a capital two (A = 10 … Z = 35). */
function mod97Step(r: number, c: number): number {
  if (c === 32) return r;
  return c <= 57 ? (r * 10 + (c - 48)) % 97 : (r * 100 + (c - 55)) % 97;
}
