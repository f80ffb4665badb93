const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');

/**
 * Writes `byte` as two lowercase hex digits into `target` at `at`. Ids are built this way in one
 * reused buffer and read out as one flat string: no per-byte strings, no chain of partial strings.
 */
export function writeHexByte(target: Buffer, at: number, byte: number): void {
  target[at] = HEX_DIGITS[byte >> 4]!;
  target[at + 1] = HEX_DIGITS[byte & 0xf]!;
}
