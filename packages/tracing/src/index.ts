/** Package name, exported so consumers and tests can check which kennel package they loaded. */
export const packageName = '@kennel/tracing';
export { tracingPlugin } from './plugin.js';
export { LEAN_ENV, PRESET_ENV } from './preset.js';
export type * from './types.js';
