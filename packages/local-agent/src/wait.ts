export interface WaitUntilOptions<R> {
  /** Returns the result once the condition holds, undefined otherwise. */
  check: () => R | undefined;
  /** Registers a change listener; returns its unsubscribe. */
  subscribe: (onChange: () => void) => () => void;
  timeoutMs: number;
  describeTimeout: (timeoutMs: number) => string;
}

/** Resolves as soon as `check` passes, re-checking on every change notification; rejects on timeout. */
export function waitUntil<R>({ check, subscribe, timeoutMs, describeTimeout }: WaitUntilOptions<R>): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    const initial = check();
    if (initial !== undefined) return resolve(initial);
    let unsubscribe = (): void => {};
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(describeTimeout(timeoutMs)));
    }, timeoutMs);
    unsubscribe = subscribe(() => {
      const result = check();
      if (result === undefined) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(result);
    });
  });
}
