import { KennelConfigError } from '@kennel/core';
import { describe, expect, test } from 'vitest';
import { parseDaemonConfig } from './config.js';

const TOKENS = { KENNEL_DAEMON_VIEWER_TOKEN: 'viewer-token-0123456789', KENNEL_DAEMON_ADMIN_TOKEN: 'admin-token-0123456789' };

function config(argv: string[], env: Record<string, string> = {}) {
  const parsed = parseDaemonConfig(argv, env);
  if (parsed.help) throw new Error('unexpected --help');
  return parsed.config;
}

function issuesOf(argv: string[], env: Record<string, string> = {}) {
  try {
    parseDaemonConfig(argv, env);
  } catch (error) {
    expect(error).toBeInstanceOf(KennelConfigError);
    return (error as KennelConfigError).issues.map((i) => i.source);
  }
  throw new Error('expected a KennelConfigError');
}

describe('parseDaemonConfig', () => {
  test('defaults: dev, 9090/3001, no TLS, generated tokens', () => {
    const c = config([]);
    expect(c).toMatchObject({ env: 'dev', host: '127.0.0.1', apiPort: 9090, webPort: 3001, tls: undefined });
    expect(c.kennel.preset).toBe('dev');
    expect(c.tokens.viewer.source).toBe('generated');
    expect(c.tokens.admin.token).not.toBe(c.tokens.viewer.token);
    expect(c.agentApiUrl).toBe('http://127.0.0.1:8126');
  });

  test('flags win over env; --env selects the kennel preset; port 0 is allowed', () => {
    const c = config(['--env', 'prod', '--port', '0', '--web-port', '0'], { ...TOKENS, KENNEL_DAEMON_PORT: '7000', DD_TRACE_AGENT_PORT: '9126' });
    expect(c).toMatchObject({ env: 'prod', apiPort: 0, webPort: 0 });
    expect(c.kennel.preset).toBe('prod');
    expect(c.kennel.env).toBe('prod');
    expect(c.tokens.admin).toEqual({ role: 'admin', token: TOKENS.KENNEL_DAEMON_ADMIN_TOKEN, source: 'env' });
    expect(c.agentApiUrl).toBe('http://127.0.0.1:9126');
  });

  test('--disable turns plugins off through kennel feature flags', () => {
    expect(config(['--disable', 'tracing,pii-filter']).kennel.plugins).toEqual({ tracing: false, 'pii-filter': false });
  });

  test('every problem is reported at once', () => {
    const sources = issuesOf(['--env', 'qa', '--port', '70000', '--tls-cert', '/nonexistent.pem'], { KENNEL_DAEMON_WEB_PORT: 'abc', DD_TRACE_SAMPLE_RATE: '7' });
    expect(sources).toEqual(expect.arrayContaining(['--env', '--port', 'KENNEL_DAEMON_WEB_PORT', '--tls-cert', 'DD_TRACE_SAMPLE_RATE']));
  });

  test('outside dev, tokens are required and must differ', () => {
    expect(issuesOf(['--env', 'staging'])).toEqual(['KENNEL_DAEMON_VIEWER_TOKEN', 'KENNEL_DAEMON_ADMIN_TOKEN']);
    const same = { KENNEL_DAEMON_VIEWER_TOKEN: 'x'.repeat(20), KENNEL_DAEMON_ADMIN_TOKEN: 'x'.repeat(20) };
    expect(issuesOf(['--env', 'prod'], same)).toEqual(['KENNEL_DAEMON_VIEWER_TOKEN/KENNEL_DAEMON_ADMIN_TOKEN']);
    expect(issuesOf([], { KENNEL_DAEMON_ADMIN_TOKEN: 'short' })).toEqual(['KENNEL_DAEMON_ADMIN_TOKEN']);
  });

  test('unknown flags are an error, --help is not', () => {
    expect(issuesOf(['--prot', '1'])).toEqual(['argv']);
    expect(parseDaemonConfig(['--help'], {})).toEqual({ help: true });
  });
});
