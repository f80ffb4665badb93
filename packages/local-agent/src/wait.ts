import type { WaitOptions } from './types.js';

/** Something to wait on: its current items, how to describe one, and change notifications. */
export interface WaitSource<T> {
  all: () => T[];
  describe: (item: T) => string;
  /** Registers a listener for new items; returns its unsubscribe. */
  subscribe: (onChange: () => void) => () => void;
}

const DEFAULT_TIMEOUT_MS = 5000;
/** How many of the received items a timeout message lists. */
const LISTED_ON_TIMEOUT = 20;

/**
 * Resolves with `check()`'s result as soon as it is defined, re-checking on every new item
 * (no polling); rejects on timeout with a message listing what did arrive.
 */
export function waitFor<T, R>(source: WaitSource<T>, what: string, check: () => R | undefined, options: WaitOptions = {}): Promise<R> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise<R>((resolve, reject) => {
    const initial = check();
    if (initial !== undefined) return resolve(initial);
    let unsubscribe = (): void => {};
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`local-agent: timed out after ${timeoutMs} ms waiting for ${what}; received ${listReceived(source)}`));
    }, timeoutMs);
    unsubscribe = source.subscribe(() => {
      const result = check();
      if (result === undefined) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(result);
    });
  });
}

/** Waits until `n` items exist, or until `options.count` (default 1) items match the predicate; resolves with them. */
export function waitForCount<T>(source: WaitSource<T>, noun: string, countOrPredicate: number | ((item: T) => boolean), options: WaitOptions = {}): Promise<T[]> {
  const predicate = typeof countOrPredicate === 'function' ? countOrPredicate : () => true;
  const count = typeof countOrPredicate === 'number' ? countOrPredicate : (options.count ?? 1);
  const what = typeof countOrPredicate === 'number' ? `${count} ${noun}(s)` : `${count} matching ${noun}(s)`;
  return waitFor(
    source,
    what,
    () => {
      const matching = source.all().filter(predicate);
      return matching.length >= count ? matching : undefined;
    },
    options,
  );
}

/** Waits for the first item matching the predicate. */
export function waitForFirst<T>(source: WaitSource<T>, what: string, predicate: (item: T) => boolean, options: WaitOptions = {}): Promise<T> {
  return waitFor(source, what, () => source.all().find(predicate), options);
}

function listReceived<T>(source: WaitSource<T>): string {
  const items = source.all();
  if (items.length === 0) return 'nothing';
  const shown = items.slice(-LISTED_ON_TIMEOUT).map(source.describe);
  const more = items.length > shown.length ? ` (last ${shown.length} shown)` : '';
  return `${items.length}${more}: ${shown.join('; ')}`;
}
