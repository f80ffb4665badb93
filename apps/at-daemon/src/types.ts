import type { KennelConfig } from '@kennel/core';

export type DaemonEnv = 'dev' | 'staging' | 'prod';
export type Role = 'viewer' | 'admin';

/** Where a role token came from: the environment, or generated at start-up (dev only). */
export type TokenSource = 'env' | 'generated';

export interface RoleToken {
  role: Role;
  token: string;
  source: TokenSource;
}

/** The daemon's validated configuration (kennel's own config lives in `kennel`). */
export interface DaemonConfig {
  /** @env DD_ENV @default "dev" (flag `--env`) */
  env: DaemonEnv;
  /** Interface both servers bind to. @env KENNEL_DAEMON_HOST @default "127.0.0.1" (flag `--host`) */
  host: string;
  /** API port; 0 picks a free one. @env KENNEL_DAEMON_PORT @default 9090 (flag `--port`) */
  apiPort: number;
  /** Frontend port; 0 picks a free one. @env KENNEL_DAEMON_WEB_PORT @default 3001 (flag `--web-port`) */
  webPort: number;
  /** PEM files; both or neither. @env KENNEL_DAEMON_TLS_CERT, KENNEL_DAEMON_TLS_KEY (flags `--tls-cert`, `--tls-key`) */
  tls: { cert: string; key: string } | undefined;
  /** @env KENNEL_DAEMON_VIEWER_TOKEN, KENNEL_DAEMON_ADMIN_TOKEN; generated in dev when unset */
  tokens: { viewer: RoleToken; admin: RoleToken };
  /** The local agent's JSON API. @env KENNEL_DAEMON_AGENT_API_URL @default kennel.agent.traceUrl (flag `--agent-api`) */
  agentApiUrl: string;
  /** An OpenAI-compatible server to register as the `local-runtime` LLM profile. @env KENNEL_DAEMON_LLM_URL (flag `--llm-url`) */
  llmUrl: string | undefined;
  /** How often `daemon.uptime` is sent. @env KENNEL_DAEMON_UPTIME_INTERVAL_MS @default 10000 */
  uptimeIntervalMs: number;
  /** Resolved kennel config (preset follows `env`; DD_* and KENNEL_* env vars apply). */
  kennel: KennelConfig;
}

/** Lifecycle as reported on /status. */
export type DaemonState = 'starting' | 'running' | 'stopping';

/** A plugin or integration as the daemon reports it. */
export interface ComponentStatus {
  name: string;
  /** kennel registry state, or `unavailable` when its package does not provide it (yet). */
  state: 'ready' | 'disabled' | 'failed' | 'skipped' | 'unavailable';
  reason?: string;
  setupMs?: number;
}
