import { randomBytes } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import { parseArgs } from 'node:util';
import { KennelConfigError, resolveConfig, type ConfigIssue, type KennelConfig } from '@kennel/core';
import type { DaemonConfig, DaemonEnv, Role, RoleToken } from './types.js';

type Env = Readonly<Record<string, string | undefined>>;
interface Picked {
  source: string;
  value: string;
}

const ENVS: readonly DaemonEnv[] = ['dev', 'staging', 'prod'];
const MIN_TOKEN_LENGTH = 16;
const PORT = 'an integer port from 0 to 65535 (0 picks a free port)';

/** Flags accepted by the CLI; each has an env var twin (see DaemonConfig). */
const flags = {
  env: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  'web-port': { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'agent-api': { type: 'string' },
  'llm-url': { type: 'string' },
  disable: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const usage = `Usage: kennel-daemon [options]

  --env dev|staging|prod   environment preset (DD_ENV; default dev)
  --host <addr>            bind address (KENNEL_DAEMON_HOST; default 127.0.0.1)
  --port <n>               API port (KENNEL_DAEMON_PORT; default 9090; 0 = any free port)
  --web-port <n>           frontend port (KENNEL_DAEMON_WEB_PORT; default 3001; 0 = any free port)
  --tls-cert <file>        PEM certificate; serve the API over HTTPS (KENNEL_DAEMON_TLS_CERT)
  --tls-key <file>         PEM private key (KENNEL_DAEMON_TLS_KEY)
  --agent-api <url>        local agent JSON API (KENNEL_DAEMON_AGENT_API_URL; default the trace agent URL)
  --llm-url <url>          OpenAI-compatible server to use as the "local-runtime" LLM profile (KENNEL_DAEMON_LLM_URL)
  --disable <a,b>          disable kennel plugins, e.g. tracing,pii-filter (also KENNEL_PLUGINS_DISABLED)

Role tokens: KENNEL_DAEMON_VIEWER_TOKEN, KENNEL_DAEMON_ADMIN_TOKEN (generated in dev when unset).
Agent and telemetry: the usual DD_* variables (DD_AGENT_HOST, DD_TRACE_AGENT_PORT, DD_DOGSTATSD_PORT, ...).`;

export type ParsedCli = { help: true } | { help: false; config: DaemonConfig };

/**
 * Reads flags and environment into a validated DaemonConfig. Every problem is collected and
 * thrown at once as a KennelConfigError, so a bad start-up lists all of them.
 */
export function parseDaemonConfig(argv: readonly string[], env: Env = process.env): ParsedCli {
  const issues: ConfigIssue[] = [];
  let values: Partial<Record<keyof typeof flags, string | boolean>> = {};
  try {
    values = parseArgs({ args: [...argv], options: flags, strict: true, allowPositionals: false }).values;
  } catch (error) {
    issues.push({ source: 'argv', received: argv.join(' '), expected: `known flags only (${(error as Error).message}); see --help` });
  }
  if (values.help === true) return { help: true };

  /** The flag wins over its env var; empty env values count as unset. */
  const pick = (flag: keyof typeof flags | undefined, envName?: string): Picked | undefined => {
    const fromFlag = flag && values[flag];
    if (typeof fromFlag === 'string') return { source: `--${flag}`, value: fromFlag };
    const fromEnv = envName ? env[envName] : undefined;
    return fromEnv && envName ? { source: envName, value: fromEnv } : undefined;
  };

  const envPick = pick('env', 'DD_ENV');
  let daemonEnv = (envPick?.value ?? 'dev') as DaemonEnv;
  if (!ENVS.includes(daemonEnv)) {
    issues.push({ source: envPick!.source, received: envPick!.value, expected: 'one of "dev", "staging", "prod"' });
    daemonEnv = 'dev'; // keep validating the rest against a known preset
  }

  const host = pick('host', 'KENNEL_DAEMON_HOST')?.value ?? '127.0.0.1';
  const apiPort = port(pick('port', 'KENNEL_DAEMON_PORT'), 9090, issues);
  const webPort = port(pick('web-port', 'KENNEL_DAEMON_WEB_PORT'), 3001, issues);
  if (apiPort !== 0 && apiPort === webPort) issues.push({ source: '--port/--web-port', received: apiPort, expected: 'two different ports for the API and the frontend' });
  const tls = tlsFiles(pick('tls-cert', 'KENNEL_DAEMON_TLS_CERT'), pick('tls-key', 'KENNEL_DAEMON_TLS_KEY'), issues);
  const uptime = pick(undefined, 'KENNEL_DAEMON_UPTIME_INTERVAL_MS');
  const uptimeIntervalMs = uptime ? Number(uptime.value) : 10_000;
  if (!Number.isInteger(uptimeIntervalMs) || uptimeIntervalMs < 100) {
    issues.push({ source: 'KENNEL_DAEMON_UPTIME_INTERVAL_MS', received: uptime?.value, expected: 'an integer number of milliseconds >= 100' });
  }

  const disabled = pick('disable')?.value;
  const kennel = kennelConfig(daemonEnv, disabled, env, issues);
  const tokens = roleTokens(daemonEnv, env, issues);
  const agentPick = pick('agent-api', 'KENNEL_DAEMON_AGENT_API_URL');
  const agentApiUrl = agentPick?.value ?? (kennel?.agent.traceUrl.startsWith('http') ? kennel.agent.traceUrl : 'http://127.0.0.1:8126');
  const llmPick = pick('llm-url', 'KENNEL_DAEMON_LLM_URL');
  for (const url of [agentPick, llmPick]) if (url && !/^https?:\/\/\S+$/.test(url.value)) issues.push({ source: url.source, received: url.value, expected: 'an http(s):// URL' });

  if (issues.length > 0 || !kennel || !tokens) throw new KennelConfigError(issues);
  return {
    help: false,
    config: { env: daemonEnv, host, apiPort, webPort, tls, tokens, agentApiUrl: agentApiUrl.replace(/\/$/, ''), llmUrl: llmPick?.value, uptimeIntervalMs, kennel },
  };
}

function port(picked: Picked | undefined, fallback: number, issues: ConfigIssue[]): number {
  if (!picked) return fallback;
  const value = Number(picked.value);
  if (picked.value.trim() !== '' && Number.isInteger(value) && value >= 0 && value <= 65535) return value;
  issues.push({ source: picked.source, received: picked.value, expected: PORT });
  return fallback;
}

function tlsFiles(cert: Picked | undefined, key: Picked | undefined, issues: ConfigIssue[]) {
  if (!cert && !key) return undefined;
  if (!cert || !key) {
    const given = (cert ?? key)!;
    issues.push({ source: given.source, received: given.value, expected: 'both a certificate (--tls-cert / KENNEL_DAEMON_TLS_CERT) and a key (--tls-key / KENNEL_DAEMON_TLS_KEY), or neither' });
    return undefined;
  }
  for (const file of [cert, key]) {
    try {
      accessSync(file.value, constants.R_OK);
    } catch {
      issues.push({ source: file.source, received: file.value, expected: 'a readable PEM file' });
    }
  }
  return { cert: cert.value, key: key.value };
}

/** kennel's own config: the preset follows the daemon env; DD_* / KENNEL_* variables still apply. */
function kennelConfig(daemonEnv: DaemonEnv, disabled: string | undefined, env: Env, issues: ConfigIssue[]): KennelConfig | undefined {
  const plugins: Record<string, boolean> = {};
  for (const name of (disabled ?? '').split(',').map((s) => s.trim()).filter(Boolean)) plugins[name] = false;
  try {
    return resolveConfig({ env: daemonEnv, preset: daemonEnv, service: 'kennel-at-daemon', plugins }, { ...env, DD_ENV: undefined, KENNEL_PRESET: undefined });
  } catch (error) {
    if (error instanceof KennelConfigError) issues.push(...error.issues);
    else throw error;
    return undefined;
  }
}

const tokenEnv: Record<Role, string> = { viewer: 'KENNEL_DAEMON_VIEWER_TOKEN', admin: 'KENNEL_DAEMON_ADMIN_TOKEN' };

/** Tokens come from the environment; in dev a missing one is generated (and printed by the CLI). */
function roleTokens(daemonEnv: DaemonEnv, env: Env, issues: ConfigIssue[]): DaemonConfig['tokens'] | undefined {
  const one = (role: Role): RoleToken | undefined => {
    const name = tokenEnv[role];
    const given = env[name];
    if (given === undefined || given === '') {
      if (daemonEnv === 'dev') return { role, token: randomBytes(24).toString('base64url'), source: 'generated' };
      issues.push({ source: name, received: '(unset)', expected: `a token of at least ${MIN_TOKEN_LENGTH} characters (required outside dev)` });
      return undefined;
    }
    if (given.length < MIN_TOKEN_LENGTH || /\s/.test(given)) {
      issues.push({ source: name, received: '[redacted]', expected: `a token of at least ${MIN_TOKEN_LENGTH} characters without spaces` });
      return undefined;
    }
    return { role, token: given, source: 'env' };
  };
  const viewer = one('viewer');
  const admin = one('admin');
  if (viewer && admin && viewer.token === admin.token) {
    issues.push({ source: 'KENNEL_DAEMON_VIEWER_TOKEN/KENNEL_DAEMON_ADMIN_TOKEN', received: '[redacted]', expected: 'two different tokens' });
    return undefined;
  }
  return viewer && admin ? { viewer, admin } : undefined;
}
