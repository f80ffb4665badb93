/** A reused array of `text`'s char codes (packed small integers, which `codesToString` reads fastest). */
export function charCodes(text: string): number[] {
  return Array.from(text, (char) => char.charCodeAt(0));
}

const HEX_CODES = charCodes('0123456789abcdef');

/** Writes `byte` as the char codes of two lowercase hex digits into `target` at `at`. */
export function writeHexByte(target: number[], at: number, byte: number): void {
  target[at] = HEX_CODES[byte >> 4]!;
  target[at + 1] = HEX_CODES[byte & 0xf]!;
}

/**
 * One flat string of `codes` (each below 256). Ids are built as char codes in one reused array and
 * read out here: no per-byte strings, no chain of partial strings for the header write to copy.
 * `String.fromCharCode` stays inside V8's own code; `Buffer#toString`, the way this was done before,
 * calls into Node's C++ for every id, and measured over loopback under load that call alone cost
 * ≈ 1.8 µs of server CPU a request (BENCHMARKS.md in @kennel/fastify).
 */
export function codesToString(codes: readonly number[]): string {
  return String.fromCharCode.apply(null, codes as number[]);
}
