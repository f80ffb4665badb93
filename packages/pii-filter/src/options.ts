import { ErrorCodes, KennelError } from '@kennel/core';
import { DEFAULT_KEY_NAMES } from './keys.js';
import type { CustomDetector, DetectorName, PiiFilterOptions, ScrubMode } from './types.js';

export const DETECTORS: readonly DetectorName[] = [
  'email', 'phone', 'card', 'ssn', 'iban', 'ipv4', 'ipv6', 'jwt', 'apiKey', 'privateKey', 'urlCredentials', 'authHeader', 'secretValue',
];
const MODES: readonly ScrubMode[] = ['redact', 'mask', 'hash', 'drop'];

/** Options after defaults and validation. */
export interface ResolvedOptions {
  on: Record<DetectorName, boolean>;
  mode: ScrubMode;
  modes: Record<string, ScrubMode>;
  salt: string | undefined;
  custom: ResolvedCustom[];
  allowExact: Set<string>;
  allowPatterns: RegExp[];
  keyNames: readonly string[];
  maxDepth: number;
}

export interface ResolvedCustom {
  name: string;
  pattern: RegExp;
  label: string;
  validate: ((match: string) => boolean) | undefined;
  contains: string | undefined;
}

function invalid(option: string, value: unknown, expected: string): KennelError {
  return new KennelError(ErrorCodes.PII_OPTION_INVALID, `Invalid @kennel/pii-filter option ${option}=${JSON.stringify(value)}: expected ${expected}`);
}

function checkMode(option: string, mode: unknown): ScrubMode {
  if (!MODES.includes(mode as ScrubMode)) throw invalid(option, mode, `one of ${MODES.map((m) => `"${m}"`).join(', ')}`);
  return mode as ScrubMode;
}

export function resolveOptions(options: PiiFilterOptions = {}): ResolvedOptions {
  // A literal, not Object.fromEntries: a fixed-shape object keeps the scanner's `on.x` checks monomorphic and fast.
  const on: Record<DetectorName, boolean> = {
    email: true, phone: true, card: true, ssn: true, iban: true, ipv4: true, ipv6: true,
    jwt: true, apiKey: true, privateKey: true, urlCredentials: true, authHeader: true, secretValue: true,
  };
  for (const [name, enabled] of Object.entries(options.detectors ?? {})) {
    if (!DETECTORS.includes(name as DetectorName)) throw invalid(`detectors.${name}`, enabled, `a detector name, one of ${DETECTORS.join(', ')}`);
    if (typeof enabled !== 'boolean') throw invalid(`detectors.${name}`, enabled, 'true or false');
    on[name as DetectorName] = enabled;
  }
  const mode = checkMode('mode', options.mode ?? 'redact');
  const custom = (options.custom ?? []).map((d, k) => resolveCustom(d, k));
  const known = new Set<string>([...DETECTORS, ...custom.map((d) => d.name)]);
  const modes: Record<string, ScrubMode> = {};
  for (const [name, m] of Object.entries(options.modes ?? {})) {
    if (!known.has(name)) throw invalid(`modes.${name}`, m, `a detector name, one of ${[...known].join(', ')}`);
    if (m !== undefined) modes[name] = checkMode(`modes.${name}`, m);
  }
  const salt = options.salt;
  if (salt !== undefined && (typeof salt !== 'string' || salt.length === 0)) throw invalid('salt', '<secret>', 'a non-empty string (or KENNEL_PII_SALT)');
  const usesHash = mode === 'hash' || Object.values(modes).includes('hash');
  if (usesHash && salt === undefined) {
    throw new KennelError(ErrorCodes.PII_SALT_MISSING, '@kennel/pii-filter hash mode needs a secret salt: pass options.salt or set KENNEL_PII_SALT (an unsalted hash of an email is reversible by guessing)');
  }
  const keyNames = typeof options.keyNames === 'function' ? options.keyNames(DEFAULT_KEY_NAMES) : (options.keyNames ?? DEFAULT_KEY_NAMES);
  const maxDepth = options.maxDepth ?? 100;
  if (!Number.isInteger(maxDepth) || maxDepth < 1) throw invalid('maxDepth', maxDepth, 'an integer ≥ 1');
  const allow = options.allow ?? [];
  return {
    on,
    mode,
    modes,
    salt,
    custom,
    allowExact: new Set(allow.filter((a): a is string => typeof a === 'string')),
    allowPatterns: allow.filter((a): a is RegExp => a instanceof RegExp).map((r) => new RegExp(r.source, r.flags.replace(/[gy]/g, ''))),
    keyNames,
    maxDepth,
  };
}

function resolveCustom(d: CustomDetector, k: number): ResolvedCustom {
  if (typeof d?.name !== 'string' || d.name.length === 0) throw invalid(`custom[${k}].name`, d?.name, 'a non-empty string');
  if (!(d.pattern instanceof RegExp)) throw invalid(`custom[${k}].pattern`, String(d.pattern), 'a RegExp');
  const flags = d.pattern.flags.includes('g') ? d.pattern.flags.replace('y', '') : `${d.pattern.flags.replace('y', '')}g`;
  return {
    name: d.name,
    pattern: new RegExp(d.pattern.source, flags),
    label: d.label ?? d.name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase(),
    validate: d.validate,
    contains: d.contains,
  };
}
