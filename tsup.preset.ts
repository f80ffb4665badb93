import { defineConfig, type Options } from 'tsup';

/** One build shape for every package: ESM + CJS + .d.ts, Node 22 target. */
export function preset(entry: Options['entry'] = ['src/index.ts'], extra: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node22',
    splitting: false,
    treeshake: false,
    ...extra,
  });
}
