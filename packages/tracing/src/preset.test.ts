import { expect, test, vi } from 'vitest';
import { applyPreset, applyPresetToTracer, LEAN_ENV, resolvePreset } from './preset.js';

test('lean sets DD_* defaults only where the user set nothing', () => {
  const env: Record<string, string | undefined> = { DD_REMOTE_CONFIGURATION_ENABLED: 'true' };
  const applied = applyPreset('lean', env);
  expect(env.DD_REMOTE_CONFIGURATION_ENABLED).toBe('true');
  expect(env.DD_CODE_ORIGIN_FOR_SPANS_ENABLED).toBe('false');
  expect(applied).toEqual(Object.keys(LEAN_ENV).filter((k) => k !== 'DD_REMOTE_CONFIGURATION_ENABLED'));
  expect(applyPreset('default', {})).toEqual([]);
});

test('preset comes from the option, else KENNEL_TRACING_PRESET; anything else is a clear error', () => {
  expect(resolvePreset(undefined, {})).toBe('default');
  expect(resolvePreset(undefined, { KENNEL_TRACING_PRESET: 'lean' })).toBe('lean');
  expect(resolvePreset('default', { KENNEL_TRACING_PRESET: 'lean' })).toBe('default');
  expect(() => resolvePreset(undefined, { KENNEL_TRACING_PRESET: 'fast' })).toThrow(/KENNEL_TRACING_PRESET="fast" is invalid: expected "default" or "lean"/);
});

test("the lean preset turns dd-trace's http server spans off (client spans stay) and says kennel opens them", () => {
  const use = vi.fn();
  expect(applyPresetToTracer('lean', { use } as never)).toBe('kennel');
  expect(use).toHaveBeenCalledExactlyOnceWith('http', { server: false });
  use.mockClear();
  expect(applyPresetToTracer('default', { use } as never)).toBe('dd-trace');
  expect(use).not.toHaveBeenCalled();
});
