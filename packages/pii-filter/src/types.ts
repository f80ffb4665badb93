import type { PiiStrictness } from '@kennel/core';

/** Built-in detectors, each individually switchable. */
export type DetectorName =
  | 'email'
  | 'phone'
  | 'card'
  | 'ssn'
  | 'iban'
  | 'ipv4'
  | 'ipv6'
  | 'jwt'
  | 'apiKey'
  | 'privateKey'
  | 'urlCredentials'
  | 'authHeader'
  | 'secretValue';

/**
 * What happens to a detected value.
 * - `redact`: replaced by a label, `[EMAIL]`.
 * - `mask`: cards, IBANs, phones and SSNs keep their last 4 digits, emails their first letter and domain; everything else is redacted.
 * - `hash`: `[EMAIL:3f1c…]`, a salted HMAC-SHA256 pseudonym, stable for a given salt (needs `salt`).
 * - `drop`: the whole value (string, tag, object field) is dropped.
 */
export type ScrubMode = 'redact' | 'mask' | 'hash' | 'drop';

/** One detected value: which detector, where (UTF-16 offsets, end exclusive), and the text. */
export interface Finding {
  readonly detector: DetectorName | (string & {});
  readonly start: number;
  readonly end: number;
  readonly value: string;
}

/** A user-supplied detector, run as one extra regex pass after the built-in scan. */
export interface CustomDetector {
  /** Detector name, used in findings, `modes` and the redaction label. */
  name: string;
  /** Must be linear-time; the `g` flag is added when missing. */
  pattern: RegExp;
  /** Redaction label. @default name upper-cased */
  label?: string;
  /** Extra check on a match (a checksum, a range); return false to ignore it. */
  validate?: (match: string) => boolean;
  /** Skip the regex entirely unless the text contains this substring (cheap prefilter). */
  contains?: string;
}

/** Options of `createScrubber` and of the plugin (where strictness sets the defaults). */
export interface PiiFilterOptions {
  /** Switch built-in detectors on or off. @default all on (the plugin: per strictness) */
  detectors?: Partial<Record<DetectorName, boolean>>;
  /** Default mode for every detector. @default "redact" */
  mode?: ScrubMode;
  /** Per-detector mode overrides, e.g. `{ email: 'hash' }`. Keys are detector or custom detector names. */
  modes?: Partial<Record<DetectorName, ScrubMode>> & Record<string, ScrubMode | undefined>;
  /** Secret for `hash` mode (HMAC key). Never logged. @env KENNEL_PII_SALT */
  salt?: string;
  /** Extra detectors. */
  custom?: readonly CustomDetector[];
  /** Values never scrubbed: exact strings or regexes tested against each finding's value. */
  allow?: ReadonlyArray<string | RegExp>;
  /**
   * Object keys and tag keys whose whole value is redacted, matched case-insensitively ignoring `-`, `_`, `.`
   * and spaces; names of 5+ characters also match as a suffix (`dbPassword`, `x-api-key`).
   * An array replaces the defaults; a function receives them.
   * @default DEFAULT_KEY_NAMES (strict adds PERSONAL_KEY_NAMES)
   */
  keyNames?: readonly string[] | ((defaults: readonly string[]) => readonly string[]);
  /** Objects nested deeper than this are replaced by `[TRUNCATED]` rather than scanned. @default 100 */
  maxDepth?: number;
}

/** The pure, synchronous scrubbing functions. */
export interface Scrubber {
  /** Scrubbed text; `null` only when a detector in `drop` mode fired. */
  scrubString(text: string): string | null;
  /** A scrubbed copy (unchanged subtrees are shared, the input is never mutated); cycles become `[CIRCULAR]`. */
  scrubObject<T>(value: T): T;
  /** Every finding in `text`, sorted by offset, non-overlapping, after the allowlist. */
  detect(text: string): Finding[];
  /** True when `key` is a sensitive key name (its value is redacted whole). */
  isSensitiveKey(key: string): boolean;
  /** Scrubs one tag value: sensitive keys are redacted whole, other values scanned. */
  scrubTag(value: string, key: string): string | null;
}

/** What `kennel.get('pii-filter')` returns. */
export interface PiiFilterApi extends Scrubber {
  /** The strictness in force (from `config.pii.strictness`). */
  readonly strictness: PiiStrictness;
  /** Scrubs a structured log record (pino/console object); same as `scrubObject`. */
  scrubLogRecord<T extends object>(record: T): T;
  /** Options to spread into `pino({...})`: scrubs the merged object and string arguments. */
  pinoOptions(): PinoScrubOptions;
}

/** A structural subset of pino's options, so pino is not a dependency. */
export interface PinoScrubOptions {
  formatters: { log(object: Record<string, unknown>): Record<string, unknown> };
  hooks: { logMethod(this: unknown, args: unknown[], method: (...args: unknown[]) => void, level: number): void };
}
