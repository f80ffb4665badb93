import { resolveConfig } from '@kennel/core';
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

test("preset comes from the option, else config.tracing.preset (KENNEL_TRACING_PRESET, else the config preset's); an invalid option is a clear error", () => {
  expect(resolvePreset(undefined, resolveConfig({}, {}))).toEqual({ preset: 'default', implied: false });
  expect(resolvePreset(undefined, resolveConfig({}, { KENNEL_TRACING_PRESET: 'lean' }))).toEqual({ preset: 'lean', implied: false });
  expect(resolvePreset('default', resolveConfig({}, { KENNEL_TRACING_PRESET: 'lean' }))).toEqual({ preset: 'default', implied: false });
  expect(() => resolvePreset('fast' as never, resolveConfig({}, {}))).toThrow(/tracingPlugin\(\{ preset \}\)="fast" is invalid: expected one of "default", "lean"/);
  expect(() => resolveConfig({}, { KENNEL_TRACING_PRESET: 'fast' })).toThrow(/KENNEL_TRACING_PRESET="fast" is invalid: expected one of "default", "lean"/);
});

test('the prod config preset implies the lean preset, watched; unless the app says otherwise or AppSec/IAST needs the server spans', () => {
  const prod = resolveConfig({}, { DD_ENV: 'production' });
  expect(resolvePreset(undefined, prod, {})).toEqual({ preset: 'lean', implied: true });
  // Named by the app (option or env var): its own choice, not watched.
  expect(resolvePreset('lean', prod, {})).toEqual({ preset: 'lean', implied: false });
  expect(resolvePreset(undefined, resolveConfig({}, { DD_ENV: 'production', KENNEL_TRACING_PRESET: 'lean' }), {})).toEqual({ preset: 'lean', implied: false });
  expect(resolvePreset(undefined, resolveConfig({}, { DD_ENV: 'production', KENNEL_TRACING_PRESET: 'default' }), {})).toEqual({ preset: 'default', implied: false });
  const secured = resolvePreset(undefined, prod, { DD_APPSEC_ENABLED: 'true' });
  expect(secured).toMatchObject({ preset: 'default', implied: false });
  expect(secured.declined).toMatch(/DD_APPSEC_ENABLED need dd-trace's own http server spans.*KENNEL_TRACING_PRESET=lean/);
  expect(resolvePreset(undefined, prod, { DD_APPSEC_ENABLED: 'false' })).toEqual({ preset: 'lean', implied: true });
  // dev and staging keep dd-trace's defaults.
  expect(resolvePreset(undefined, resolveConfig({}, { DD_ENV: 'staging' }), {})).toEqual({ preset: 'default', implied: false });
});

test("the lean preset turns dd-trace's http server spans off (client spans stay) and says kennel opens them", () => {
  const use = vi.fn();
  expect(applyPresetToTracer('lean', { use } as never)).toBe('kennel');
  expect(use).toHaveBeenCalledExactlyOnceWith('http', { server: false });
  use.mockClear();
  expect(applyPresetToTracer('default', { use } as never)).toBe('dd-trace');
  expect(use).not.toHaveBeenCalled();
});
