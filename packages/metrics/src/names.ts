/**
 * Datadog naming rules (docs.datadoghq.com/metrics/custom_metrics and /getting_started/tagging):
 * - metric names start with a letter, then ASCII letters, digits, `_` and `.`; others become `_`; ≤ 200 chars;
 * - tags start with a letter, then (Unicode) letters, digits, `_ - : . /`; others become `_`; ≤ 200 chars
 *   for the whole `key:value`; the key is case sensitive and cannot contain `:` (the first `:` splits key and value).
 * Everything here runs once per distinct input: callers cache the results.
 */
export const MAX_NAME_LENGTH = 200;
export const MAX_TAG_LENGTH = 200;

const NAME_INVALID = /[^A-Za-z0-9_.]/g;
const LEADING_NON_LETTER = /^[^A-Za-z]+/;
const TAG_KEY_INVALID = /[^\p{L}\p{N}_\-./]/gu;
const TAG_VALUE_INVALID = /[^\p{L}\p{N}_\-:./]/gu;
const LEADING_NON_LETTER_U = /^[^\p{L}]+/u;

/** A valid metric name, or undefined when nothing usable is left (no letter at all). */
export function normaliseMetricName(name: string): string | undefined {
  const clean = String(name).replace(NAME_INVALID, '_').replace(LEADING_NON_LETTER, '').slice(0, MAX_NAME_LENGTH);
  return clean === '' ? undefined : clean;
}

/** A valid tag key, or undefined when nothing usable is left. */
export function normaliseTagKey(key: string): string | undefined {
  const clean = String(key).replace(TAG_KEY_INVALID, '_').replace(LEADING_NON_LETTER_U, '');
  return clean === '' ? undefined : clean.slice(0, MAX_TAG_LENGTH - 1);
}

/** `key:value` (or `key` alone for an empty value), cut to the 200-character tag limit. */
export function formatTag(key: string, value: string): string {
  if (value === '') return key;
  return `${key}:${value.replace(TAG_VALUE_INVALID, '_')}`.slice(0, MAX_TAG_LENGTH);
}

/** For free text inside a DogStatsD line (set values, hostnames, event fields): no line or field breaks. */
export function protocolSafe(text: string): string {
  return String(text).replace(/[|\n\r]/g, '_');
}
