/** `pnpm chaos` sets KENNEL_CHAOS=long: the same scenarios with ten times the traffic. */
export const LONG = process.env.KENNEL_CHAOS === 'long';

/** Requests per scenario phase. */
export const REQUESTS = LONG ? 5000 : 500;
/** Concurrent clients of the load generator. */
export const CONCURRENCY = 8;
/** Heap growth allowed after GC across a scenario (generous: the figure is printed, the bound only catches leaks). */
export const HEAP_BOUND_BYTES = 24 * 1024 * 1024;
