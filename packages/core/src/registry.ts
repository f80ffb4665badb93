import { resolveConfig } from './config/resolve.js';
import { ErrorCodes, KennelError } from './errors.js';
import { createHookBus, type HookBus } from './hooks.js';
import { createLogger, onceGate, safeLogger } from './logger.js';
import { dedupe, orderPlugins } from './order.js';
import { genericNoop, type AnyPlugin, type KennelPluginApis, type PluginContext } from './plugin.js';
import type { KennelConfig, KennelOptions, Logger } from './types.js';

export type PluginState = 'ready' | 'disabled' | 'failed' | 'skipped';

export interface PluginStatus {
  name: string;
  state: PluginState;
  /** Why a plugin is disabled, failed or skipped. */
  reason?: string;
  /** How long setup took, in milliseconds (fractional). */
  setupMs?: number;
}

export interface ShutdownResult {
  name: string;
  ok: boolean;
  timedOut?: boolean;
  error?: string;
}

type PluginNames<P extends readonly AnyPlugin[]> = P[number]['name'];
type ApiOf<P extends readonly AnyPlugin[], N> = Awaited<ReturnType<Extract<P[number], { name: N }>['setup']>>;

export interface Kennel<P extends readonly AnyPlugin[] = readonly AnyPlugin[]> {
  readonly config: KennelConfig;
  readonly logger: Logger;
  readonly hooks: HookBus;
  /** A plugin's API; its no-op API when it is disabled, failed or skipped. */
  get<N extends PluginNames<P>>(name: N): ApiOf<P, N>;
  get<N extends keyof KennelPluginApis>(name: N): KennelPluginApis[N];
  /** A plugin's API only when it is registered and ready. */
  tryGet<N extends keyof KennelPluginApis>(name: N): KennelPluginApis[N] | undefined;
  tryGet<T = unknown>(name: string): T | undefined;
  status(): PluginStatus[];
  /** Reverse order, each bounded by `config.shutdownTimeoutMs`; idempotent; never rejects. */
  shutdown(): Promise<ShutdownResult[]>;
}

export interface CreateKennelOptions<P extends readonly AnyPlugin[]> {
  /** The plugins, or a function that receives the defaults (none in core) and returns the list. */
  plugins: P | ((defaults: readonly AnyPlugin[]) => P);
  /** Options in code; env vars still win. Pass a resolved config to skip resolution. */
  config?: KennelOptions;
  /** Environment to read (defaults to process.env); handy in tests. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Defaults to a stderr logger at `config.logLevel`. */
  logger?: Logger;
  /** Run shutdown on these signals (true = SIGTERM + SIGINT). If the app has no handler of its own, the signal is re-raised afterwards so the process ends as it would have. */
  handleSignals?: boolean | readonly NodeJS.Signals[];
}

interface Entry {
  plugin: AnyPlugin;
  status: PluginStatus;
  api: unknown;
}

/**
 * Validates config, orders plugins by dependency, sets them up and returns the handle.
 * Throws only for programmer errors (invalid config, missing dependency, cycle); a plugin whose
 * setup fails is isolated: reported once, its API replaced by a no-op, its dependants skipped.
 */
export async function createKennel<const P extends readonly AnyPlugin[]>(options: CreateKennelOptions<P>): Promise<Kennel<P>> {
  const config = resolveConfig(options.config, options.env ?? process.env);
  const makeLogger = (scope: string) => (options.logger ? safeLogger(options.logger) : createLogger(config.logLevel, scope));
  const logger = makeLogger('core');
  const hooks = createHookBus((hook, error) => logger.error(`hook "${hook}" handler threw; contained`, { error: String(error) }));
  const list = typeof options.plugins === 'function' ? options.plugins([]) : options.plugins;
  const ordered = orderPlugins(dedupe(list));
  const entries = new Map<string, Entry>();
  const once = onceGate();

  for (const plugin of ordered) {
    const entry: Entry = { plugin, status: { name: plugin.name, state: 'ready' }, api: undefined };
    entries.set(plugin.name, entry);
    const failedDep = (plugin.dependsOn ?? []).map((d) => entries.get(d)!).find((d) => d.status.state === 'failed' || d.status.state === 'skipped');
    if (config.plugins[plugin.name] === false || (plugin.enabled && !safeEnabled(plugin, config))) {
      entry.status = { name: plugin.name, state: 'disabled', reason: config.plugins[plugin.name] === false ? 'disabled by feature flag' : 'disabled by config' };
    } else if (failedDep) {
      entry.status = { name: plugin.name, state: 'skipped', reason: `dependency "${failedDep.plugin.name}" ${failedDep.status.state}: ${failedDep.status.reason}` };
      logger.warn(`plugin "${plugin.name}" skipped: ${entry.status.reason}`);
    } else {
      const started = performance.now();
      const pluginLogger = makeLogger(plugin.name);
      const ctx = makeContext(plugin, config, pluginLogger, hooks, entries, once);
      try {
        entry.api = await plugin.setup(ctx);
        entry.status.setupMs = performance.now() - started;
        continue;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        entry.status = { name: plugin.name, state: 'failed', reason, setupMs: performance.now() - started };
        logger.error(`plugin "${plugin.name}" failed to set up; its API is now a no-op and the app keeps running`, {
          code: ErrorCodes.PLUGIN_SETUP_FAILED,
          error: reason,
        });
      }
    }
    entry.api = plugin.noop ? plugin.noop() : genericNoop();
  }
  await hooks.emit('onReady');

  let closing: Promise<ShutdownResult[]> | undefined;
  const signals = options.handleSignals === true ? (['SIGTERM', 'SIGINT'] as const) : options.handleSignals || [];
  // Prepended so kennel sees the signal before any app listener runs (a `once` listener removes
  // itself when called, so counting later would miss it). A second signal gets Node's default.
  const onSignal = (signal: NodeJS.Signals) => {
    const appHandlesIt = process.listeners(signal).some((l) => l !== onSignal);
    process.removeListener(signal, onSignal);
    void shutdown().then(() => {
      if (!appHandlesIt) process.kill(process.pid, signal); // end the process the way the signal would have
    });
  };
  for (const signal of signals) process.prependListener(signal, onSignal);

  const shutdown = () =>
    (closing ??= (async () => {
      for (const signal of signals) process.removeListener(signal, onSignal);
      await hooks.emit('onClose');
      const results: ShutdownResult[] = [];
      for (const entry of [...entries.values()].reverse()) {
        if (entry.status.state !== 'ready' || !entry.plugin.shutdown) continue;
        results.push(await shutdownOne(entry, config.shutdownTimeoutMs, logger));
      }
      return results;
    })());

  const lookup = (name: string) => {
    const entry = entries.get(name);
    if (!entry) throw new KennelError(ErrorCodes.PLUGIN_UNKNOWN, `Unknown plugin "${name}": registered plugins are ${[...entries.keys()].map((n) => `"${n}"`).join(', ') || 'none'}.`);
    return entry;
  };
  return {
    config,
    logger,
    hooks,
    get: ((name: string) => lookup(name).api) as Kennel<P>['get'],
    tryGet: ((name: string) => {
      const entry = entries.get(name);
      return entry?.status.state === 'ready' ? entry.api : undefined;
    }) as Kennel<P>['tryGet'],
    status: () => [...entries.values()].map((e) => ({ ...e.status })),
    shutdown,
  };
}

function safeEnabled(plugin: AnyPlugin, config: KennelConfig): boolean {
  try {
    return plugin.enabled!(config) !== false;
  } catch {
    return false;
  }
}

function makeContext(plugin: AnyPlugin, config: KennelConfig, logger: Logger, hooks: HookBus, entries: Map<string, Entry>, once: (k: string) => boolean): PluginContext {
  const declared = new Set([...(plugin.dependsOn ?? []), ...(plugin.optionalDependsOn ?? [])]);
  const checkDeclared = (name: string) => {
    if (!declared.has(name)) {
      throw new KennelError(ErrorCodes.PLUGIN_UNDECLARED_DEPENDENCY, `Plugin "${plugin.name}" asked for "${name}" without declaring it: add "${name}" to dependsOn or optionalDependsOn.`);
    }
  };
  return {
    name: plugin.name,
    config,
    logger,
    hooks,
    warnOnce: (key, message, fields) => {
      if (once(`${plugin.name}:${key}`)) logger.warn(message, fields);
    },
    get: ((name: string) => {
      checkDeclared(name);
      return entries.get(name)?.api;
    }) as PluginContext['get'],
    tryGet: ((name: string) => {
      checkDeclared(name);
      const entry = entries.get(name);
      return entry?.status.state === 'ready' ? entry.api : undefined;
    }) as PluginContext['tryGet'],
  };
}

async function shutdownOne(entry: Entry, timeoutMs: number, logger: Logger): Promise<ShutdownResult> {
  const name = entry.plugin.name;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
    timer.unref();
  });
  try {
    const outcome = await Promise.race([Promise.resolve().then(() => entry.plugin.shutdown!(entry.api)), timeout]);
    if (outcome === 'timeout') {
      logger.warn(`plugin "${name}" did not shut down within ${timeoutMs} ms (KENNEL_SHUTDOWN_TIMEOUT_MS); moving on`, { code: ErrorCodes.SHUTDOWN_TIMEOUT });
      return { name, ok: false, timedOut: true };
    }
    return { name, ok: true };
  } catch (error) {
    logger.error(`plugin "${name}" shutdown threw; contained`, { error: String(error) });
    return { name, ok: false, error: String(error) };
  } finally {
    clearTimeout(timer);
  }
}
