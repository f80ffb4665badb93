import { KennelConfigError, type ConfigIssue } from '../errors.js';
import type { KennelConfig, KennelOptions, PresetName } from '../types.js';
import { fieldByPath, fields, parseBool, specialKeys, type Field } from './fields.js';
import { presetForEnv, presets } from './presets.js';

type Env = Readonly<Record<string, string | undefined>>;
/** Where each resolved value came from: `DD_SERVICE`, `options.service`, `preset:prod`, `default`. */
export type ConfigSources = Readonly<Record<string, string>>;

const sourcesOf = new WeakMap<KennelConfig, ConfigSources>();
const PLUGIN_NAME = /^[a-z][a-z0-9-]*$/;
const DEFAULT_SERVICE = 'unnamed-node-service';

/**
 * Resolves preset → options → environment variables into one frozen config.
 * Every invalid value is collected; if any, a KennelConfigError lists them all.
 */
export function resolveConfig(options: KennelOptions = {}, env: Env = process.env): KennelConfig {
  const issues: ConfigIssue[] = [];
  const given = flattenOptions(options, issues);
  const values = new Map<string, unknown>();
  const sources: Record<string, string> = {};

  const pick = (field: Field, preset: PresetName | undefined) => {
    const fromEnv = readEnv(field, env, issues);
    if (fromEnv) return void set(field.path, fromEnv.value, fromEnv.name);
    if (given.has(field.path)) {
      const value = given.get(field.path);
      if (field.accepts(value)) return void set(field.path, value, `options.${field.path}`);
      issues.push({ source: `options.${field.path}`, received: value, expected: field.expected });
    }
    if (preset && field.path in presets[preset]) return void set(field.path, presets[preset][field.path], `preset:${preset}`);
    if (field.default !== undefined) set(field.path, field.default, 'default');
  };
  const set = (path: string, value: unknown, source: string) => {
    values.set(path, value);
    sources[path] = source;
  };

  pick(fieldByPath.get('env')!, undefined);
  pick(fieldByPath.get('preset')!, undefined);
  const envName = values.get('env') as string | undefined;
  const preset = (values.get('preset') as PresetName | undefined) ?? (envName ? presetForEnv(envName) : 'dev');
  if (!values.has('preset')) set('preset', preset, envName ? `env:${envName}` : 'default');
  if (!envName) set('env', preset, `preset:${preset}`);
  for (const field of fields) if (field.path !== 'env' && field.path !== 'preset') pick(field, preset);

  applyDogStatsdUrl(env, values, sources, issues);
  if (!values.has('service')) set('service', env.npm_package_name || DEFAULT_SERVICE, env.npm_package_name ? 'npm_package_name' : 'default');
  if (!values.has('agent.statsdHost')) set('agent.statsdHost', values.get('agent.host'), sources['agent.host'] ?? 'default');
  if (!values.has('agent.traceUrl')) {
    const host = String(values.get('agent.host'));
    set('agent.traceUrl', `http://${host.includes(':') ? `[${host}]` : host}:${values.get('agent.tracePort')}`, 'agent.host + agent.tracePort');
  }
  if (!values.has('llmobs.mlApp')) set('llmobs.mlApp', values.get('service'), 'service');

  const { tags, source: tagSource } = resolveTags(options.tags, env.DD_TAGS, issues);
  const plugins = resolvePluginFlags(options.plugins, env, issues);
  if (issues.length > 0) throw new KennelConfigError(issues);

  const config = deepFreeze({ ...unflatten(values), tags, plugins }) as KennelConfig;
  sourcesOf.set(config, Object.freeze({ ...sources, tags: tagSource }));
  return config;
}

/** Where each value of a config made by resolveConfig came from (for `explainConfig` and debugging). */
export function configSources(config: KennelConfig): ConfigSources {
  return sourcesOf.get(config) ?? {};
}

function readEnv(field: Field, env: Env, issues: ConfigIssue[]): { name: string; value: unknown } | undefined {
  for (const name of field.env) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const value = field.parseEnv(raw);
    if (field.accepts(value)) return { name, value };
    issues.push({ source: name, received: raw, expected: field.expected });
    return undefined;
  }
  return undefined;
}

function flattenOptions(options: KennelOptions, issues: ConfigIssue[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (options === null || typeof options !== 'object') {
    issues.push({ source: 'options', received: options, expected: 'an object' });
    return out;
  }
  const walk = (obj: Record<string, unknown>, prefix: string) => {
    for (const [key, value] of Object.entries(obj)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (value === undefined || (!prefix && specialKeys.has(key))) continue;
      if (fieldByPath.has(path)) out.set(path, value);
      else if (!prefix && isGroup(key) && value !== null && typeof value === 'object') walk(value as Record<string, unknown>, path);
      else issues.push({ source: `options.${path}`, received: value, expected: `a known option (${knownKeys(prefix)})` });
    }
  };
  walk(options as Record<string, unknown>, '');
  return out;
}

const isGroup = (key: string) => fields.some((x) => x.path.startsWith(`${key}.`));
function knownKeys(prefix: string): string {
  const names = new Set<string>();
  for (const x of fields) {
    if (prefix && !x.path.startsWith(`${prefix}.`)) continue;
    names.add((prefix ? x.path.slice(prefix.length + 1) : x.path).split('.')[0]!);
  }
  if (!prefix) for (const key of specialKeys) names.add(key);
  return [...names].join(', ');
}

function applyDogStatsdUrl(env: Env, values: Map<string, unknown>, sources: Record<string, string>, issues: ConfigIssue[]) {
  const raw = env.DD_DOGSTATSD_URL;
  if (!raw) return;
  const unix = /^unix:\/\/(\/\S+)$/.exec(raw);
  const udp = /^udp:\/\/([^\s:/]+|\[[^\]]+\]):(\d{1,5})\/?$/.exec(raw);
  if (unix) {
    values.set('agent.statsdSocket', unix[1]);
    sources['agent.statsdSocket'] = 'DD_DOGSTATSD_URL';
  } else if (udp && Number(udp[2]) <= 65535) {
    values.set('agent.statsdHost', udp[1]!.replace(/^\[|\]$/g, ''));
    values.set('agent.statsdPort', Number(udp[2]));
    sources['agent.statsdHost'] = sources['agent.statsdPort'] = 'DD_DOGSTATSD_URL';
  } else {
    issues.push({ source: 'DD_DOGSTATSD_URL', received: raw, expected: 'udp://host:port or unix:///path/to/dsd.socket' });
  }
}

/** DD_TAGS is `key:value` pairs separated by commas or spaces, as the Datadog Agent reads it. */
function resolveTags(option: KennelOptions['tags'], ddTags: string | undefined, issues: ConfigIssue[]) {
  const tags: Record<string, string> = {};
  const from = new Set<string>();
  const add = (pair: string, origin: string) => {
    const at = pair.indexOf(':');
    const key = (at === -1 ? pair : pair.slice(0, at)).trim();
    if (!key) return issues.push({ source: origin, received: pair, expected: 'tags as key:value with a non-empty key' });
    tags[key] = at === -1 ? '' : pair.slice(at + 1).trim();
    from.add(origin);
  };
  if (Array.isArray(option)) {
    for (const item of option) typeof item === 'string' ? add(item, 'options.tags') : issues.push({ source: 'options.tags', received: item, expected: 'an array of "key:value" strings' });
  } else if (option && typeof option === 'object') {
    for (const [key, value] of Object.entries(option)) {
      if (['string', 'number', 'boolean'].includes(typeof value)) add(`${key}:${value}`, 'options.tags');
      else issues.push({ source: `options.tags.${key}`, received: value, expected: 'a string, number or boolean' });
    }
  } else if (option !== undefined) {
    issues.push({ source: 'options.tags', received: option, expected: 'an object of key → value or an array of "key:value" strings' });
  }
  for (const pair of (ddTags ?? '').split(/[,\s]+/)) if (pair) add(pair, 'DD_TAGS');
  return { tags, source: [...from].join(' + ') || 'default' };
}

/** Feature flags: options.plugins, then KENNEL_PLUGINS_DISABLED=a,b and KENNEL_PLUGIN_<NAME>=true|false. */
function resolvePluginFlags(option: KennelOptions['plugins'], env: Env, issues: ConfigIssue[]) {
  const flags: Record<string, boolean> = {};
  if (option !== undefined && (option === null || typeof option !== 'object' || Array.isArray(option))) {
    issues.push({ source: 'options.plugins', received: option, expected: 'an object of plugin name → true/false' });
  } else {
    for (const [name, value] of Object.entries(option ?? {})) {
      if (typeof value === 'boolean') flags[name] = value;
      else issues.push({ source: `options.plugins.${name}`, received: value, expected: 'true or false' });
    }
  }
  for (const name of (env.KENNEL_PLUGINS_DISABLED ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    if (PLUGIN_NAME.test(name)) flags[name] = false;
    else issues.push({ source: 'KENNEL_PLUGINS_DISABLED', received: env.KENNEL_PLUGINS_DISABLED, expected: 'a comma-separated list of plugin names such as "tracing,llm-observability"' });
  }
  for (const [key, raw] of Object.entries(env)) {
    if (!key.startsWith('KENNEL_PLUGIN_') || raw === undefined || raw === '') continue;
    const value = parseBool(raw);
    if (typeof value === 'boolean') flags[key.slice('KENNEL_PLUGIN_'.length).toLowerCase().replaceAll('_', '-')] = value;
    else issues.push({ source: key, received: raw, expected: 'true or false (also 1/0, yes/no, on/off)' });
  }
  return flags;
}

function unflatten(values: Map<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const [group, leaf] = field.path.split('.') as [string, string | undefined];
    if (leaf === undefined) out[group] = values.get(group);
    else ((out[group] ??= {}) as Record<string, unknown>)[leaf] = values.get(field.path);
  }
  return out;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
