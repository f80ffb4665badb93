import { describe, expect, test } from 'vitest';
import { configSources, explainConfig, KennelConfigError, printableConfig, resolveConfig } from '../src/index.js';

const problems = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(KennelConfigError);
    expect((error as KennelConfigError).code).toBe('KENNEL_ERR_CONFIG_INVALID');
    return (error as Error).message;
  }
  throw new Error('expected a KennelConfigError');
};

describe('resolveConfig precedence', () => {
  test('preset < options < environment variables', () => {
    const config = resolveConfig(
      { service: 'from-options', version: '1.0.0', tracing: { sampleRate: 0.5 }, metrics: { flushIntervalMs: 750 } },
      { DD_SERVICE: 'from-env', DD_ENV: 'staging' },
    );
    expect(config.service).toBe('from-env');
    expect(config.version).toBe('1.0.0');
    expect(config.tracing.sampleRate).toBe(0.5);
    expect(config.metrics.flushIntervalMs).toBe(750);
    expect(config.logLevel).toBe('info'); // staging preset
    const sources = configSources(config);
    expect(sources.service).toBe('DD_SERVICE');
    expect(sources.version).toBe('options.version');
    expect(sources.logLevel).toBe('preset:staging');
    expect(sources['agent.tracePort']).toBe('default');
  });

  test('env name selects the preset; unknown names get the strictest (prod)', () => {
    expect(resolveConfig({}, { DD_ENV: 'production' }).preset).toBe('prod');
    expect(resolveConfig({}, { DD_ENV: 'qa' }).preset).toBe('staging');
    expect(resolveConfig({}, { DD_ENV: 'local' }).preset).toBe('dev');
    expect(resolveConfig({}, { DD_ENV: 'eu-west-sandbox' }).preset).toBe('prod');
    expect(resolveConfig({}, {}).preset).toBe('dev');
    expect(resolveConfig({}, {}).env).toBe('dev');
  });

  test('KENNEL_PRESET wins over options.preset and over the env name', () => {
    expect(resolveConfig({ preset: 'staging', env: 'production' }, { KENNEL_PRESET: 'dev' }).preset).toBe('dev');
    expect(resolveConfig({ preset: 'staging', env: 'production' }, {}).preset).toBe('staging');
  });

  test('presets differ in sample rate, logging, flush interval, PII strictness and tracing preset', () => {
    const dev = resolveConfig({}, { DD_ENV: 'dev' });
    const prod = resolveConfig({}, { DD_ENV: 'prod' });
    const staging = resolveConfig({}, { DD_ENV: 'staging' });
    expect([dev.tracing.preset, staging.tracing.preset, prod.tracing.preset]).toEqual(['default', 'default', 'lean']);
    expect(configSources(prod)['tracing.preset']).toBe('preset:prod');
    expect(resolveConfig({}, { DD_ENV: 'prod', KENNEL_TRACING_PRESET: 'default' }).tracing.preset).toBe('default');
    expect([dev.tracing.sampleRate, prod.tracing.sampleRate]).toEqual([1, undefined]);
    expect([dev.logLevel, prod.logLevel]).toEqual(['debug', 'warn']);
    expect([dev.metrics.flushIntervalMs, prod.metrics.flushIntervalMs]).toEqual([500, 2000]);
    expect([dev.pii.strictness, prod.pii.strictness]).toEqual(['standard', 'strict']);
  });

  test('empty env vars count as unset', () => {
    expect(resolveConfig({ service: 'svc' }, { DD_SERVICE: '' }).service).toBe('svc');
  });
});

describe('agent addresses', () => {
  test('defaults to 127.0.0.1 on 8126 / 8125', () => {
    const { agent } = resolveConfig({}, {});
    expect(agent).toEqual({ host: '127.0.0.1', tracePort: 8126, traceUrl: 'http://127.0.0.1:8126', statsdHost: '127.0.0.1', statsdPort: 8125, statsdSocket: undefined });
  });

  test('DD_AGENT_HOST and ports compose the trace URL; statsd host follows the agent host', () => {
    const { agent } = resolveConfig({}, { DD_AGENT_HOST: 'dd-agent', DD_TRACE_AGENT_PORT: '9126', DD_DOGSTATSD_PORT: '9125' });
    expect(agent.traceUrl).toBe('http://dd-agent:9126');
    expect(agent.statsdHost).toBe('dd-agent');
    expect(agent.statsdPort).toBe(9125);
  });

  test('DD_TRACE_AGENT_URL accepts unix sockets and wins over host/port', () => {
    const { agent } = resolveConfig({}, { DD_TRACE_AGENT_URL: 'unix:///var/run/datadog/apm.socket', DD_AGENT_HOST: 'x' });
    expect(agent.traceUrl).toBe('unix:///var/run/datadog/apm.socket');
  });

  test('IPv6 hosts are bracketed in the trace URL', () => {
    expect(resolveConfig({ agent: { host: '::1' } }, {}).agent.traceUrl).toBe('http://[::1]:8126');
  });

  test('DD_DOGSTATSD_URL: udp:// sets host and port, unix:// sets the socket', () => {
    expect(resolveConfig({}, { DD_DOGSTATSD_URL: 'udp://statsd.local:18125' }).agent).toMatchObject({ statsdHost: 'statsd.local', statsdPort: 18125 });
    expect(resolveConfig({}, { DD_DOGSTATSD_URL: 'unix:///var/run/datadog/dsd.socket' }).agent.statsdSocket).toBe('/var/run/datadog/dsd.socket');
  });
});

describe('tags and feature flags', () => {
  test('DD_TAGS (comma or space separated) merges over options.tags', () => {
    const config = resolveConfig({ tags: { team: 'core', tier: 1 } }, { DD_TAGS: 'team:platform,region:eu  zone:b' });
    expect(config.tags).toEqual({ team: 'platform', tier: '1', region: 'eu', zone: 'b' });
    expect(configSources(config).tags).toBe('options.tags + DD_TAGS');
  });

  test('tags may be given as key:value strings', () => {
    expect(resolveConfig({ tags: ['a:b', 'flag'] }, {}).tags).toEqual({ a: 'b', flag: '' });
  });

  test('plugin flags from options, KENNEL_PLUGINS_DISABLED and KENNEL_PLUGIN_<NAME>', () => {
    const config = resolveConfig({ plugins: { metrics: false, tracing: true } }, { KENNEL_PLUGINS_DISABLED: 'tracing, pii-filter', KENNEL_PLUGIN_LLM_OBSERVABILITY: 'off', KENNEL_PLUGIN_METRICS: 'yes' });
    expect(config.plugins).toEqual({ metrics: true, tracing: false, 'pii-filter': false, 'llm-observability': false });
  });

  test('booleans accept true/false, 1/0, yes/no, on/off', () => {
    for (const [raw, value] of [['0', false], ['TRUE', true], ['no', false], ['on', true]] as const) {
      expect(resolveConfig({}, { DD_TRACE_ENABLED: raw }).tracing.enabled).toBe(value);
    }
  });
});

describe('validation errors', () => {
  test('an invalid env var names the variable, the value and what is accepted', () => {
    expect(problems(() => resolveConfig({}, { DD_TRACE_SAMPLE_RATE: 'abc' }))).toBe(
      'Invalid kennel configuration (1 problem):\n  - DD_TRACE_SAMPLE_RATE="abc" is invalid: expected a number from 0 to 1',
    );
  });

  test('every problem is reported together, env and options alike', () => {
    const message = problems(() =>
      resolveConfig(
        { service: '', tracing: { sampleRate: 2 }, metrics: { flushIntervalMs: 5 }, bogus: true } as never,
        { DD_TRACE_AGENT_PORT: '99999', DD_TRACE_ENABLED: 'maybe', KENNEL_LOG_LEVEL: 'loud', DD_TRACE_AGENT_URL: 'ftp://x', DD_DOGSTATSD_URL: 'tcp://x:1' },
      ),
    );
    expect(message).toContain('Invalid kennel configuration (9 problems):');
    expect(message).toContain('  - options.bogus=true is invalid: expected a known option (preset, service, env, version, logLevel, agent, tracing, metrics, llmobs, pii, datadog, shutdownTimeoutMs, tags, plugins)');
    expect(message).toContain('  - options.service="" is invalid: expected a non-empty string');
    expect(message).toContain('  - DD_TRACE_AGENT_PORT="99999" is invalid: expected an integer port from 0 to 65535');
    expect(message).toContain('  - DD_TRACE_ENABLED="maybe" is invalid: expected true or false (also 1/0, yes/no, on/off)');
    expect(message).toContain('  - KENNEL_LOG_LEVEL="loud" is invalid: expected one of "debug", "info", "warn", "error", "silent"');
    expect(message).toContain('  - DD_TRACE_AGENT_URL="ftp://x" is invalid: expected an http(s)://host:port or unix:///path/to/socket URL');
    expect(message).toContain('  - options.tracing.sampleRate=2 is invalid: expected a number from 0 to 1');
    expect(message).toContain('  - options.metrics.flushIntervalMs=5 is invalid: expected an integer number of milliseconds from 10 to 60000');
    expect(message).toContain('  - DD_DOGSTATSD_URL="tcp://x:1" is invalid: expected udp://host:port or unix:///path/to/dsd.socket');
  });

  test('value checks hold at their bounds: ranges inclusive, integers whole, words exact', () => {
    const accepted = resolveConfig(
      { agent: { tracePort: 65535 }, tracing: { sampleRate: 0 }, metrics: { maxTagValues: 1, flushIntervalMs: 60_000 }, shutdownTimeoutMs: 1 },
      { DD_TRACE_SAMPLE_RATE: '1', DD_DOGSTATSD_PORT: '0', DD_SITE: 'DatadogHQ.eu', KENNEL_METRICS_PREFIX: 'app.v2_' },
    );
    expect([accepted.agent.tracePort, accepted.agent.statsdPort, accepted.tracing.sampleRate, accepted.metrics.maxTagValues]).toEqual([65535, 0, 1, 1]);
    expect([accepted.metrics.flushIntervalMs, accepted.shutdownTimeoutMs, accepted.datadog.site, accepted.metrics.prefix]).toEqual([60_000, 1, 'DatadogHQ.eu', 'app.v2_']);

    const message = problems(() =>
      resolveConfig(
        { service: '   ', agent: { tracePort: 8126.5 }, tracing: { sampleRate: Number.NaN }, metrics: { maxTagValues: 0, flushIntervalMs: Number.POSITIVE_INFINITY }, logLevel: 'INFO' } as never,
        { DD_TRACE_SAMPLE_RATE: '1.01', DD_DOGSTATSD_PORT: '-1', KENNEL_METRICS_PREFIX: '9lives', KENNEL_LLM_CONTENT: 'full ' },
      ),
    );
    expect(message).toContain('Invalid kennel configuration (10 problems):');
    for (const issue of [
      'options.service="   "',
      'options.agent.tracePort=8126.5',
      'options.metrics.maxTagValues=0',
      'options.tracing.sampleRate=NaN',
      'options.metrics.flushIntervalMs=Infinity',
      'options.logLevel="INFO"',
      'DD_TRACE_SAMPLE_RATE="1.01"',
      'DD_DOGSTATSD_PORT="-1"',
      'KENNEL_METRICS_PREFIX="9lives"',
      'KENNEL_LLM_CONTENT="full "',
    ]) {
      expect(message).toContain(`  - ${issue} is invalid`);
    }
  });

  test('unknown nested options list the known keys of that group', () => {
    expect(problems(() => resolveConfig({ tracing: { sampleRat: 1 } } as never, {}))).toContain(
      'options.tracing.sampleRat=1 is invalid: expected a known option (enabled, sampleRate, logInjection, runtimeMetrics, startupLogs, preset)',
    );
  });

  test('bad tags and flags are named', () => {
    const message = problems(() => resolveConfig({ tags: { ok: 'x', bad: {} as never }, plugins: { tracing: 'no' as never } }, { DD_TAGS: ':v', KENNEL_PLUGIN_METRICS: 'nah', KENNEL_PLUGINS_DISABLED: 'Bad Name' }));
    expect(message).toContain('options.tags.bad={} is invalid: expected a string, number or boolean');
    expect(message).toContain('DD_TAGS=":v" is invalid: expected tags as key:value with a non-empty key');
    expect(message).toContain('options.plugins.tracing="no" is invalid: expected true or false');
    expect(message).toContain('KENNEL_PLUGIN_METRICS="nah" is invalid: expected true or false (also 1/0, yes/no, on/off)');
    expect(message).toContain('KENNEL_PLUGINS_DISABLED="Bad Name" is invalid: expected a comma-separated list of plugin names');
  });

  test('errors carry structured issues', () => {
    try {
      resolveConfig({}, { DD_DOGSTATSD_PORT: '-1' });
      expect.unreachable();
    } catch (error) {
      expect((error as KennelConfigError).issues).toEqual([{ source: 'DD_DOGSTATSD_PORT', received: '-1', expected: 'an integer port from 0 to 65535' }]);
    }
  });
});

describe('resolved config', () => {
  test('is deeply frozen', () => {
    const config = resolveConfig({}, {});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.agent)).toBe(true);
    expect(() => {
      (config.tracing as { enabled: boolean }).enabled = false;
    }).toThrow(TypeError);
  });

  test('printable and explained forms redact secrets', () => {
    const config = resolveConfig({}, { DD_API_KEY: 'abcdef0123456789', DD_APP_KEY: 'secret-app-key', DD_SERVICE: 'svc' });
    expect(config.datadog.apiKey).toBe('abcdef0123456789');
    const printable = printableConfig(config) as { datadog: Record<string, unknown> };
    expect(printable.datadog).toEqual({ site: 'datadoghq.com', apiKey: '[redacted]', appKey: '[redacted]' });
    const text = explainConfig(config);
    expect(text).not.toContain('abcdef0123456789');
    expect(text).not.toContain('secret-app-key');
    expect(text).toContain('service = "svc"  (DD_SERVICE)');
    expect(text).toContain('datadog.apiKey = "[redacted]"  (DD_API_KEY)');
  });

  test('service falls back to the npm package name, then a fixed name', () => {
    expect(resolveConfig({}, { npm_package_name: 'my-app' }).service).toBe('my-app');
    expect(resolveConfig({}, {}).service).toBe('unnamed-node-service');
    expect(resolveConfig({ service: 'svc' }, {}).llmobs.mlApp).toBe('svc');
  });
});
