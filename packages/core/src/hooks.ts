/**
 * Hooks let plugins cooperate without importing each other. Processor hooks (`pre*`) pipe a
 * value through every handler; a handler returns the new value, or `null` to drop it.
 * Notification hooks (`on*`) are called for their side effects. Handler errors are contained.
 */

/** Where a piece of text is headed; scrubbers may treat channels differently. */
export type TextChannel = 'span.tag' | 'metric.tag' | 'llm.input' | 'llm.output' | 'llm.metadata' | 'log' | 'http.header' | 'http.url' | 'event';

/** The hook catalogue. Packages may add their own with declaration merging. */
export interface KennelHooks {
  /** Scrub one tag or attribute value (span tags, metric tags, LLM metadata, headers). */
  preTag: (value: string, key: string, channel: TextChannel) => string | null;
  /** Scrub free text (LLM prompts/completions, log messages, event text). */
  preText: (value: string, channel: TextChannel) => string | null;
  /** Scrub a structured record (log records, LLM messages) at any depth. */
  preObject: (value: unknown, channel: TextChannel) => unknown;
  /** Every plugin has been set up. */
  onReady: () => void;
  /**
   * A handler was added to or removed from the hook `name` (called synchronously): lets a plugin
   * do per-item work for a hook only while it has handlers.
   */
  onHandlers: (name: HookName) => void;
  /** Shutdown has started; flush what you hold. */
  onClose: () => void | Promise<void>;
}

type HookName = keyof KennelHooks;
type Processor = (value: unknown, ...args: unknown[]) => unknown;

export interface HookBus {
  /** Adds a handler; returns a function that removes it. */
  on<N extends HookName>(name: N, handler: KennelHooks[N]): () => void;
  /** Pipes `value` through the handlers of a `pre*` hook; `null` from any handler drops it. */
  apply<N extends HookName>(name: N, ...args: Parameters<KennelHooks[N]>): ReturnType<KennelHooks[N]> | Parameters<KennelHooks[N]>[0];
  /** Calls every handler of an `on*` hook, awaiting async ones; errors are reported, not thrown. */
  emit<N extends HookName>(name: N, ...args: Parameters<KennelHooks[N]>): Promise<void>;
  /** True when a hook has at least one handler (lets hot paths skip work). */
  has(name: HookName): boolean;
}

export function createHookBus(onError: (name: string, error: unknown) => void): HookBus {
  const handlers = new Map<string, Function[]>();
  /** Tells the `onHandlers` handlers that `name`'s handlers changed. */
  const changed = (name: HookName) => {
    if (name === 'onHandlers') return;
    for (const handler of handlers.get('onHandlers') ?? []) {
      try {
        (handler as KennelHooks['onHandlers'])(name);
      } catch (error) {
        onError('onHandlers', error);
      }
    }
  };
  return {
    on(name, handler) {
      const list = handlers.get(name) ?? [];
      handlers.set(name, [...list, handler]); // copy-on-write: apply() never sees a list change mid-loop
      changed(name);
      return () => {
        handlers.set(name, (handlers.get(name) ?? []).filter((h) => h !== handler));
        changed(name);
      };
    },
    // Positional arguments, not rest/spread: this runs for every tag on the hot path.
    apply: ((name: HookName, value: unknown, a?: unknown, b?: unknown) => {
      const list = handlers.get(name);
      if (list === undefined) return value;
      for (let i = 0; i < list.length; i++) {
        try {
          value = (list[i] as Processor)(value, a, b);
        } catch (error) {
          onError(name, error);
          return null; // fail closed: a broken scrubber must not let raw data through
        }
        if (value === null) return null;
      }
      return value;
    }) as HookBus['apply'],
    async emit(name, ...args) {
      for (const handler of handlers.get(name) ?? []) {
        try {
          await (handler as (...a: unknown[]) => unknown)(...args);
        } catch (error) {
          onError(name, error);
        }
      }
    },
    has: (name) => (handlers.get(name)?.length ?? 0) > 0,
  };
}
