/**
 * The value checks of the config table: plain predicates, true when a value is accepted as given.
 * kennel's settings are strings, booleans and bounded numbers, so a few lines cover them; a schema
 * library would be loaded into every traced process for this (zod is 3.5 MB of heap, and a dd-trace
 * process that loaded it served 3.6 % fewer requests per second in kennel's express benchmark).
 */
export type Check = (value: unknown) => boolean;

export const isBoolean: Check = (value) => typeof value === 'boolean';

/** A string with something besides whitespace. */
export const isNonEmpty: Check = (value) => typeof value === 'string' && value.trim() !== '';

/** One of the listed strings, exactly. */
export const isOneOf =
  (...allowed: readonly string[]): Check =>
  (value) =>
    typeof value === 'string' && allowed.includes(value);

/** A string the pattern matches (patterns here are anchored and not global). */
export const isMatch =
  (pattern: RegExp): Check =>
  (value) =>
    typeof value === 'string' && pattern.test(value);

/** A finite number from `min` to `max` inclusive; with `integer`, a safe integer. */
export const isNumberIn =
  (min: number, max: number, integer: boolean): Check =>
  (value) =>
    typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isSafeInteger(value));
