import type { LogLevel, Logger } from './types.js';

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/** kennel's default logger: one line per record on stderr, `[kennel:<scope>]` prefixed, level-filtered. */
export function createLogger(level: LogLevel = 'info', scope = 'core', sink: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Logger {
  const min = order[level];
  const write = (lvl: Exclude<LogLevel, 'silent'>) => (message: string, fields?: Record<string, unknown>) => {
    if (order[lvl] < min) return;
    let suffix = '';
    if (fields) {
      try {
        suffix = ` ${JSON.stringify(fields)}`;
      } catch {
        suffix = ' [unserialisable fields]';
      }
    }
    sink(`[kennel:${scope}] ${lvl}: ${message}${suffix}`);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** Wraps a user logger so a throwing logger can never break telemetry or the app. */
export function safeLogger(logger: Logger): Logger {
  const guard = (fn: Logger['info']) => (message: string, fields?: Record<string, unknown>) => {
    try {
      fields === undefined ? fn(message) : fn(message, fields);
    } catch {
      /* a logger failure is not worth crashing the host for */
    }
  };
  return {
    debug: guard(logger.debug.bind(logger)),
    info: guard(logger.info.bind(logger)),
    warn: guard(logger.warn.bind(logger)),
    error: guard(logger.error.bind(logger)),
  };
}

/** Returns a function that lets a message through once per key (or once per `intervalMs` when given). */
export function onceGate(intervalMs = Infinity): (key: string) => boolean {
  const last = new Map<string, number>();
  return (key) => {
    const now = Date.now();
    const seen = last.get(key);
    if (seen !== undefined && now - seen < intervalMs) return false;
    if (last.size > 1000) last.clear(); // bounded: keys may come from error messages
    last.set(key, now);
    return true;
  };
}
