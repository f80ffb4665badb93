/** Package name, exported so consumers and tests can check which kennel package they loaded. */
export const packageName = '@kennel/pii-filter';

export { piiFilterPlugin } from './plugin.js';
export { createScrubber } from './scrubber.js';
export { pinoOptions } from './log.js';
export { DEFAULT_KEY_NAMES, PERSONAL_KEY_NAMES } from './keys.js';
export { DETECTORS } from './options.js';
export { LABELS } from './modes.js';
export { strictnessDefaults } from './strictness.js';
export { scrubString, scrubObject, detect } from './default.js';
export type * from './types.js';
