import type { PinoScrubOptions, Scrubber } from './types.js';

/**
 * Options to spread into `pino({ ...pinoOptions(scrubber) })`: `formatters.log` scrubs the merged
 * object (at any depth, key names included) and `hooks.logMethod` scrubs string arguments (the message
 * and printf-style values). A message dropped by `drop` mode is logged as `[DROPPED]`.
 */
export function pinoOptions(scrubber: Scrubber): PinoScrubOptions {
  return {
    formatters: { log: (object) => scrubber.scrubObject(object) },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((a) => (typeof a === 'string' ? (scrubber.scrubString(a) ?? '[DROPPED]') : a));
        method.apply(this, scrubbed);
      },
    },
  };
}
