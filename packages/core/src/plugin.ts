import type { HookBus } from './hooks.js';
import type { KennelConfig, Logger } from './types.js';

/**
 * Plugin APIs by name, for typed `ctx.get('metrics')` / `kennel.get('metrics')` anywhere.
 * Each plugin package adds itself: `declare module '@kennel/core' { interface KennelPluginApis { metrics: MetricsApi } }`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface KennelPluginApis {}

/** What a plugin's `setup` receives. One object, so fields can be added without breaking plugins. */
export interface PluginContext {
  readonly name: string;
  /** The resolved, validated, frozen config. */
  readonly config: KennelConfig;
  /** Logger scoped to this plugin (`[kennel:<name>]`). */
  readonly logger: Logger;
  /** Logs a warning once per key for the life of the process. */
  warnOnce(key: string, message: string, fields?: Record<string, unknown>): void;
  readonly hooks: HookBus;
  /** API of a plugin named in `dependsOn` (its no-op API when that plugin is disabled). */
  get<N extends keyof KennelPluginApis>(name: N): KennelPluginApis[N];
  get<T = unknown>(name: string): T;
  /** API of a plugin named in `optionalDependsOn`, or undefined when it is absent, disabled or failed. */
  tryGet<N extends keyof KennelPluginApis>(name: N): KennelPluginApis[N] | undefined;
  tryGet<T = unknown>(name: string): T | undefined;
}

export interface KennelPlugin<Name extends string = string, Api = unknown> {
  readonly name: Name;
  /** Plugins that must be set up first; missing ones are a registration error. */
  readonly dependsOn?: readonly string[];
  /** Plugins set up first when present; absent ones are fine. */
  readonly optionalDependsOn?: readonly string[];
  /** Extra enable switch read from config (e.g. DD_TRACE_ENABLED); the `plugins` flag is checked too. */
  readonly enabled?: (config: KennelConfig) => boolean;
  readonly setup: (ctx: PluginContext) => Api | Promise<Api>;
  /** Flush and close; bounded by `shutdownTimeoutMs`; must not throw (errors are contained anyway). */
  readonly shutdown?: (api: Api) => void | Promise<void>;
  /** The API used when the plugin is disabled or failed: same shape, does nothing, still runs callbacks. */
  readonly noop?: () => Api;
}

// biome-ignore lint: any is needed for variance in plugin lists
export type AnyPlugin = KennelPlugin<string, any>;

/** Identity with inference: keeps the name as a literal type and checks the shape. */
export function definePlugin<const Name extends string, Api>(plugin: KennelPlugin<Name, Api>): KennelPlugin<Name, Api> {
  return plugin;
}

/** A no-op standing in for a plugin that gave no `noop()`: any property is a function returning undefined. */
export function genericNoop<Api>(): Api {
  const fn = () => undefined;
  return new Proxy({}, { get: (_t, key) => (key === 'then' ? undefined : fn) }) as Api;
}
