/** Largest value the short path formats: its thousandths stay a small integer, far from any rounding. */
const SHORT_LIMIT = 2 ** 31 / 1000;
const ZERO = 0x30;
const DOT = 0x2e;

/**
 * Writes a metric value as DogStatsD text, exactly what `String(value)` returns, as ASCII into
 * `target` at `at`, and returns where it ends; `target` needs 24 bytes free there (the longest a
 * number prints). The aggregator packs a series' values this way, straight into its line buffer:
 * no string per value, and none of the partial strings that joining them built (some 100 bytes per
 * value for the collector). Values of at most three decimals (`@kennel/http` records latencies in
 * milliseconds to the microsecond) take a short path of integer digits.
 *
 * Why the short path is exact: when `value` equals `k / 1000` for an integer k, the decimal
 * `int.fff` (trailing zeros dropped) reads back as the same double, and no shorter decimal can (two
 * decimals with at most three places differ by at least 0.001, far more than the spacing of doubles
 * below 2³¹ / 1000), so it is the shortest round-trip form `String` gives. Anything else takes `String`.
 */
export function writeValue(target: Uint8Array, at: number, value: number): number {
  if (value >= 0.001 && value < SHORT_LIMIT) {
    const thousandths = Math.round(value * 1000);
    if (thousandths / 1000 === value) {
      const whole = Math.floor(thousandths / 1000);
      const fraction = thousandths - whole * 1000;
      at = writeWhole(target, at, whole);
      if (fraction === 0) return at;
      const hundredths = Math.floor(fraction / 10) % 10;
      const last = fraction % 10;
      target[at++] = DOT;
      target[at++] = ZERO + Math.floor(fraction / 100);
      if (hundredths === 0 && last === 0) return at;
      target[at++] = ZERO + hundredths;
      if (last !== 0) target[at++] = ZERO + last;
      return at;
    }
  }
  const text = String(value);
  for (let i = 0; i < text.length; i++) target[at++] = text.charCodeAt(i);
  return at;
}

/** A non-negative integer below 2³¹ in decimal digits. */
function writeWhole(target: Uint8Array, at: number, whole: number): number {
  let end = at + 1;
  for (let rest = whole; rest >= 10; rest = Math.floor(rest / 10)) end++;
  for (let i = end - 1, rest = whole; i >= at; i--, rest = Math.floor(rest / 10)) target[i] = ZERO + (rest % 10);
  return end;
}
