import type { PresetName } from '../types.js';

/** Values that differ per environment; everything else has one default (see fields.ts). */
export const presets: Readonly<Record<PresetName, Readonly<Record<string, unknown>>>> = {
  dev: {
    logLevel: 'debug',
    'tracing.sampleRate': 1,
    'tracing.startupLogs': true,
    'tracing.preset': 'default',
    'metrics.flushIntervalMs': 500,
    'pii.strictness': 'standard',
  },
  staging: {
    logLevel: 'info',
    'tracing.sampleRate': 1,
    'tracing.startupLogs': false,
    'tracing.preset': 'default',
    'metrics.flushIntervalMs': 1000,
    'pii.strictness': 'standard',
  },
  prod: {
    logLevel: 'warn',
    'tracing.sampleRate': undefined,
    'tracing.startupLogs': false,
    // @kennel/tracing's lean preset: each request's web span opened by kennel's framework middleware.
    'tracing.preset': 'lean',
    'metrics.flushIntervalMs': 2000,
    'pii.strictness': 'strict',
  },
};

const aliases: ReadonlyArray<readonly [RegExp, PresetName]> = [
  [/^(dev|develop|development|local|test|testing|ci)$/i, 'dev'],
  [/^(stag|stage|staging|stg|qa|uat|preprod|pre-prod)$/i, 'staging'],
];

/** Maps an env name (DD_ENV) to a preset; unknown names get `prod`, the strictest. */
export function presetForEnv(env: string): PresetName {
  for (const [pattern, preset] of aliases) if (pattern.test(env)) return preset;
  return 'prod';
}
