import { definePlugin, ErrorCodes, KennelError, type PluginContext } from '@kennel/core';
import { pinoOptions } from './log.js';
import { createScrubber } from './scrubber.js';
import { strictnessDefaults } from './strictness.js';
import type { PiiFilterApi, PiiFilterOptions, Scrubber, ScrubMode } from './types.js';

declare module '@kennel/core' {
  interface KennelPluginApis {
    'pii-filter': PiiFilterApi;
  }
}

/**
 * Registers the `preTag`, `preText` and `preObject` scrubbers that tracing, metrics, llm and http
 * apply before anything leaves the process. Strictness comes from `config.pii.strictness`.
 */
export function piiFilterPlugin(options: PiiFilterOptions = {}) {
  return definePlugin({
    name: 'pii-filter',
    setup(ctx): PiiFilterApi {
      const strictness = ctx.config.pii.strictness;
      const resolved = strictnessDefaults(strictness, { ...options, salt: options.salt ?? envSalt() });
      const scrubber = buildScrubber(ctx, resolved);
      if (strictness === 'off') {
        ctx.logger.warn('PII scrubbing is off (KENNEL_PII_STRICTNESS / pii.strictness = "off"): telemetry is sent unscrubbed');
      } else {
        ctx.hooks.on('preTag', (value, key) => scrubber.scrubTag(value, key));
        ctx.hooks.on('preText', (value) => scrubber.scrubString(value));
        ctx.hooks.on('preObject', (value) => scrubber.scrubObject(value));
      }
      return api(scrubber, strictness);
    },
    noop: () => api(passThrough, 'off'),
  });
}

function envSalt(): string | undefined {
  const salt = process.env.KENNEL_PII_SALT;
  return salt === undefined || salt === '' ? undefined : salt;
}

/** Hash mode without a salt falls back to redaction: failing the plugin would let telemetry through unscrubbed. */
function buildScrubber(ctx: PluginContext, options: PiiFilterOptions): Scrubber {
  try {
    return createScrubber(options);
  } catch (error) {
    if (!(error instanceof KennelError) || error.code !== ErrorCodes.PII_SALT_MISSING) throw error;
    ctx.logger.error(`${error.message}; using "redact" instead of "hash"`, { code: error.code });
    const unhash = (m: ScrubMode | undefined) => (m === 'hash' ? 'redact' : m);
    const modes = Object.fromEntries(Object.entries(options.modes ?? {}).map(([k, m]) => [k, unhash(m)]));
    return createScrubber({ ...options, mode: unhash(options.mode), modes });
  }
}

function api(scrubber: Scrubber, strictness: PiiFilterApi['strictness']): PiiFilterApi {
  return {
    ...scrubber,
    strictness,
    scrubLogRecord: (record) => scrubber.scrubObject(record),
    pinoOptions: () => pinoOptions(scrubber),
  };
}

const passThrough: Scrubber = {
  scrubString: (text) => text,
  scrubObject: (value) => value,
  detect: () => [],
  isSensitiveKey: () => false,
  scrubTag: (value) => value,
};
