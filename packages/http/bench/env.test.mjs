import { afterEach, describe, expect, it, vi } from 'vitest';
import { benchEnv, benchJson, benchKnob } from './env.mjs';

afterEach(() => vi.unstubAllEnvs());

describe('benchKnob', () => {
  it('falls back when the variable is unset or empty', () => {
    vi.stubEnv('BENCH_TEST_KNOB', '');
    expect(benchKnob('BENCH_TEST_KNOB', 6)).toBe(6);
    delete process.env.BENCH_TEST_KNOB;
    expect(benchKnob('BENCH_TEST_KNOB', 4)).toBe(4);
  });

  it('reads a whole number', () => {
    vi.stubEnv('BENCH_TEST_KNOB', '12');
    expect(benchKnob('BENCH_TEST_KNOB', 6, { even: true })).toBe(12);
  });

  it.each([
    ['2.5', {}, 'a whole number of at least 1'],
    ['lots', {}, 'a whole number of at least 1'],
    ['0', {}, 'a whole number of at least 1'],
    ['1', { min: 2 }, 'a whole number of at least 2'],
    ['3', { min: 2, even: true }, 'an even whole number of at least 2'],
  ])('rejects %s, naming the variable, the value and what it takes', (raw, rule, expected) => {
    vi.stubEnv('BENCH_TEST_KNOB', raw);
    expect(() => benchKnob('BENCH_TEST_KNOB', 6, rule)).toThrow(`BENCH_TEST_KNOB=${raw}: expected ${expected}`);
  });
});

describe('benchJson', () => {
  it('is an empty object when the variable is unset or empty', () => {
    vi.stubEnv('BENCH_TEST_JSON', '');
    expect(benchJson('BENCH_TEST_JSON')).toEqual({});
    delete process.env.BENCH_TEST_JSON;
    expect(benchJson('BENCH_TEST_JSON')).toEqual({});
  });

  it('parses a JSON object', () => {
    vi.stubEnv('BENCH_TEST_JSON', '{"echoRequestId":false}');
    expect(benchJson('BENCH_TEST_JSON')).toEqual({ echoRequestId: false });
  });

  it.each(['{echoRequestId:false}', '[1]', 'null', '3'])('rejects %s, naming the variable and its value', (raw) => {
    vi.stubEnv('BENCH_TEST_JSON', raw);
    expect(() => benchJson('BENCH_TEST_JSON')).toThrow(`BENCH_TEST_JSON=${raw}: expected a JSON object`);
  });
});

describe('benchEnv', () => {
  it('passes on only PATH and the options JSON, with the agent’s addresses', () => {
    vi.stubEnv('BENCH_OPTIONS', '{"metrics":false}');
    vi.stubEnv('BENCH_ROUNDS', '9');
    const env = benchEnv({ url: 'http://127.0.0.1:8126', ports: { statsd: 8125 } });
    expect(env).toMatchObject({ DD_TRACE_AGENT_URL: 'http://127.0.0.1:8126', DD_DOGSTATSD_PORT: '8125', BENCH_OPTIONS: '{"metrics":false}' });
    expect(env).not.toHaveProperty('BENCH_ROUNDS');
  });
});
