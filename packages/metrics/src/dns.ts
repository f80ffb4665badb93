import { lookup as dnsLookup } from 'node:dns';
import { isIP } from 'node:net';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string, family: number) => void;
type Resolve = (hostname: string, family: number, callback: LookupCallback) => void;
/** The `lookup` signature node:dgram calls before every send: `(hostname, family, callback)`. */
export type SocketLookup = (hostname: string, family: number | object, callback: LookupCallback) => void;

const defaultResolve: Resolve = (hostname, family, callback) => dnsLookup(hostname, { family: family === 6 ? 6 : 4 }, callback);

/**
 * A dgram `lookup` that caches each name for `refreshMs`, then serves the cached address while it
 * re-resolves in the background; a failed refresh keeps the last good address (an agent that moved
 * is picked up within one interval; a DNS hiccup loses nothing). Given to hot-shots through its
 * documented `udpSocketOptions.lookup`, so no send waits on DNS after the first one.
 */
export function cachedLookup(refreshMs: number, resolve: Resolve = defaultResolve, now: () => number = Date.now): SocketLookup {
  const cache = new Map<string, { address: string; family: number; expires: number; refreshing: boolean }>();
  return (hostname, familyOrOptions, callback) => {
    const family = typeof familyOrOptions === 'number' ? familyOrOptions : Number((familyOrOptions as { family?: number }).family ?? 4);
    const literal = isIP(hostname);
    if (literal) return callback(null, hostname, literal);
    const key = `${hostname}/${family}`;
    const entry = cache.get(key);
    if (entry === undefined) {
      return resolve(hostname, family, (error, address, resolvedFamily) => {
        if (!error) cache.set(key, { address, family: resolvedFamily, expires: now() + refreshMs, refreshing: false });
        callback(error, address, resolvedFamily);
      });
    }
    callback(null, entry.address, entry.family);
    if (now() >= entry.expires && !entry.refreshing) {
      entry.refreshing = true;
      resolve(hostname, family, (error, address, resolvedFamily) => {
        entry.refreshing = false;
        entry.expires = now() + refreshMs;
        if (!error) Object.assign(entry, { address, family: resolvedFamily });
      });
    }
  };
}
