import { annotateState, type SpanState } from '../span-state.js';
import type { LlmAnnotation } from '../types.js';

export interface StreamAccumulator {
  /** Folds one chunk. */
  add(chunk: unknown): void;
  /** What was gathered, also after an abort or error. */
  result(): LlmAnnotation;
}

/**
 * Observes a streamed body in place. kennel's observer wraps the SDK stream's raw `iterator`
 * (innermost, so it sees every chunk, and dd-trace's integration, which wraps `iterator` later,
 * sees them too); chunks only kennel asked for are hidden one level up, in the instance's
 * `Symbol.asyncIterator` that `for await` uses.
 */
export function observeStream(body: unknown, state: SpanState, acc: StreamAccumulator, finish: (error?: unknown) => void, hide?: (chunk: unknown) => boolean): boolean {
  const stream = body as { iterator?: () => AsyncIterator<unknown>; [Symbol.asyncIterator]?: () => AsyncIterator<unknown> } | null;
  if (!stream || typeof stream.iterator !== 'function') return false;
  const original = stream.iterator.bind(stream);
  const close = (error?: unknown) => {
    if (state.finished) return;
    try {
      annotateState(state, acc.result());
    } catch {
      /* partial is fine */
    }
    finish(error);
  };
  stream.iterator = () => {
    const inner = original();
    return {
      async next() {
        let step: IteratorResult<unknown>;
        try {
          step = await inner.next();
        } catch (error) {
          close(error);
          throw error;
        }
        if (step.done) {
          close();
          return step;
        }
        state.ttftMs ??= performance.now() - state.startedAt;
        try {
          acc.add(step.value);
        } catch {
          /* an odd chunk never breaks the caller's stream */
        }
        return step;
      },
      async return(value?: unknown) {
        close(); // caller stopped early (break / abort): record what arrived
        return (await inner.return?.(value)) ?? { done: true, value: undefined };
      },
      async throw(error?: unknown) {
        close(error);
        if (inner.throw) return inner.throw(error);
        throw error;
      },
    };
  };
  if (hide) {
    stream[Symbol.asyncIterator] = function hidingIterator(this: { iterator: () => AsyncIterator<unknown> }) {
      const it = this.iterator();
      return {
        async next() {
          for (;;) {
            const step = await it.next();
            if (step.done || !safeHide(hide, step.value)) return step;
          }
        },
        return: (value?: unknown) => it.return?.(value) ?? Promise.resolve({ done: true as const, value: undefined }),
        throw: (error?: unknown) => it.throw?.(error) ?? Promise.reject(error),
      };
    };
  }
  return true;
}

function safeHide(hide: (chunk: unknown) => boolean, chunk: unknown): boolean {
  try {
    return hide(chunk);
  } catch {
    return false;
  }
}

