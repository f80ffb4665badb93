import type { PiiStrictness } from '@kennel/core';
import { PERSONAL_KEY_NAMES } from './keys.js';
import type { PiiFilterOptions } from './types.js';

/**
 * What each `pii.strictness` level means for the plugin (user options still win):
 * - `off`: no hooks are registered; telemetry passes unscrubbed (the API still works when called directly).
 * - `standard` (dev, staging): every detector except IP addresses, which stay for debugging; secret key names.
 * - `strict` (prod): every detector including IPv4/IPv6; key names also cover personal fields (email, phone, ip, address…).
 */
export function strictnessDefaults(strictness: PiiStrictness, options: PiiFilterOptions): PiiFilterOptions {
  if (strictness !== 'strict') {
    return { ...options, detectors: { ipv4: false, ipv6: false, ...options.detectors } };
  }
  const userKeys = options.keyNames;
  return {
    ...options,
    keyNames: (defaults) => {
      const withPersonal = [...defaults, ...PERSONAL_KEY_NAMES];
      if (userKeys === undefined) return withPersonal;
      return typeof userKeys === 'function' ? userKeys(withPersonal) : userKeys;
    },
  };
}
