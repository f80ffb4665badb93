import { describe, expect, expectTypeOf, test, vi } from 'vitest';
import { createKennel, definePlugin, KennelError, type Logger } from '../src/index.js';

const silent = (): Logger & { lines: string[] } => {
  const lines: string[] = [];
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push(`${level}: ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`);
  return { lines, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
};

const counter = (calls: string[] = []) =>
  definePlugin({
    name: 'counter',
    setup: () => ({ add: (n: number) => n + 1 }),
    shutdown: () => void calls.push('counter'),
    noop: () => ({ add: (_n: number) => 0 }),
  });

const reporter = (calls: string[] = []) =>
  definePlugin({
    name: 'reporter',
    dependsOn: ['counter'],
    setup: (ctx) => {
      const c = ctx.get<{ add(n: number): number }>('counter');
      return { report: () => `count=${c.add(1)}` };
    },
    shutdown: () => void calls.push('reporter'),
  });

const create = (plugins: Parameters<typeof createKennel>[0]['plugins'], extra = {}) =>
  createKennel({ plugins, env: {}, logger: silent(), ...extra });

describe('ordering and registration', () => {
  test('sets dependencies up first regardless of list order, and types get() from the list', async () => {
    const order: string[] = [];
    const a = definePlugin({ name: 'a', dependsOn: ['b'], setup: () => void order.push('a') });
    const b = definePlugin({ name: 'b', setup: () => (order.push('b'), { value: 42 as const }) });
    const kennel = await createKennel({ plugins: [a, b], env: {}, logger: silent() });
    expect(order).toEqual(['b', 'a']);
    expectTypeOf(kennel.get('b')).toEqualTypeOf<{ value: 42 }>();
    expect(kennel.get('b').value).toBe(42);
  });

  test('optional dependencies order when present and are ignored when absent', async () => {
    const order: string[] = [];
    const x = definePlugin({ name: 'x', optionalDependsOn: ['y', 'absent'], setup: (ctx) => void order.push(`x saw y=${ctx.tryGet('y') !== undefined} absent=${ctx.tryGet('absent')}`) });
    const y = definePlugin({ name: 'y', setup: () => (order.push('y'), {}) });
    await createKennel({ plugins: [x, y], env: {}, logger: silent() });
    expect(order).toEqual(['y', 'x saw y=true absent=undefined']);
  });

  test('a missing dependency names both plugins', async () => {
    await expect(create([reporter()])).rejects.toThrow(
      'Plugin "reporter" depends on "counter", which is not registered. Add the "counter" plugin to createKennel({ plugins }) or remove it from "reporter".dependsOn.',
    );
    await expect(create([reporter()])).rejects.toMatchObject({ code: 'KENNEL_ERR_PLUGIN_MISSING_DEPENDENCY' });
  });

  test('a cycle is named', async () => {
    const a = definePlugin({ name: 'a', dependsOn: ['b'], setup: () => ({}) });
    const b = definePlugin({ name: 'b', dependsOn: ['c'], setup: () => ({}) });
    const c = definePlugin({ name: 'c', dependsOn: ['a'], setup: () => ({}) });
    const error = await create([a, b, c]).catch((e: KennelError) => e);
    expect(error).toBeInstanceOf(KennelError);
    expect((error as KennelError).code).toBe('KENNEL_ERR_PLUGIN_CYCLE');
    expect((error as Error).message).toBe('Plugin dependency cycle: a → b → c → a. Break it by removing one of these dependsOn entries.');
  });

  test('duplicates are de-duplicated by name, the last instance wins', async () => {
    const first = definePlugin({ name: 'dup', setup: () => 'first' });
    const second = definePlugin({ name: 'dup', setup: () => 'second' });
    const kennel = await create([first, second]);
    expect(kennel.get('dup')).toBe('second');
    expect(kennel.status()).toHaveLength(1);
  });

  test('plugins may be a function of the defaults', async () => {
    const kennel = await createKennel({ plugins: (defaults) => [...defaults, counter()], env: {}, logger: silent() });
    expect(kennel.get('counter').add(1)).toBe(2);
  });

  test('an invalid plugin object is rejected with its code', async () => {
    await expect(create([{ name: 'x' } as never])).rejects.toMatchObject({
      code: 'KENNEL_ERR_PLUGIN_INVALID',
      message: 'Invalid plugin "x": expected an object from definePlugin({ name, setup })',
    });
  });

  test('asking for an undeclared dependency fails that plugin with a clear reason', async () => {
    const sneaky = definePlugin({ name: 'sneaky', setup: (ctx) => ctx.get('counter') });
    const kennel = await create([counter(), sneaky]);
    expect(kennel.status().find((s) => s.name === 'sneaky')).toMatchObject({
      state: 'failed',
      reason: 'Plugin "sneaky" asked for "counter" without declaring it: add "counter" to dependsOn or optionalDependsOn.',
    });
  });

  test('unknown names in get() are programmer errors with the registered list', async () => {
    const kennel = await create([counter()]);
    expect(() => (kennel.get as (n: string) => unknown)('nope')).toThrow('Unknown plugin "nope": registered plugins are "counter".');
    expect(kennel.tryGet('nope')).toBeUndefined();
  });

  test('invalid config rejects before any setup runs', async () => {
    const setup = vi.fn();
    await expect(createKennel({ plugins: [definePlugin({ name: 'p', setup })], env: { DD_TRACE_SAMPLE_RATE: '7' }, logger: silent() })).rejects.toThrow(
      'DD_TRACE_SAMPLE_RATE="7" is invalid: expected a number from 0 to 1',
    );
    expect(setup).not.toHaveBeenCalled();
  });
});

describe('failure isolation and flags', () => {
  test('a failing setup is reported once, its API becomes a no-op and dependants are skipped', async () => {
    const logger = silent();
    const broken = definePlugin({ name: 'counter', setup: (): { add(n: number): number } => { throw new Error('socket refused'); }, noop: () => ({ add: () => 0 }) });
    const bystander = definePlugin({ name: 'bystander', setup: () => 'fine' });
    const kennel = await createKennel({ plugins: [broken, reporter(), bystander], env: {}, logger });
    expect(kennel.status()).toEqual([
      { name: 'counter', state: 'failed', reason: 'socket refused', setupMs: expect.any(Number) },
      { name: 'reporter', state: 'skipped', reason: 'dependency "counter" failed: socket refused' },
      { name: 'bystander', state: 'ready', setupMs: expect.any(Number) },
    ]);
    expect(kennel.get('counter').add(5)).toBe(0);
    expect(kennel.tryGet('counter')).toBeUndefined();
    expect(kennel.get('bystander')).toBe('fine');
    expect(logger.lines.filter((l) => l.includes('failed to set up'))).toEqual([
      'error: plugin "counter" failed to set up; its API is now a no-op and the app keeps running {"code":"KENNEL_ERR_PLUGIN_SETUP_FAILED","error":"socket refused"}',
    ]);
    expect(logger.lines).toContain('warn: plugin "reporter" skipped: dependency "counter" failed: socket refused');
  });

  test('async setup rejections are isolated the same way', async () => {
    const broken = definePlugin({ name: 'async', setup: async (): Promise<string> => Promise.reject(new Error('later')) });
    const kennel = await create([broken]);
    expect(kennel.status()[0]).toMatchObject({ state: 'failed', reason: 'later' });
  });

  test('disabled by feature flag: same-shape no-op, setup never runs, dependants still run on the no-op', async () => {
    const setup = vi.fn(() => ({ add: (n: number) => n + 1 }));
    const flagged = definePlugin({ name: 'counter', setup, noop: () => ({ add: () => -1 }) });
    const kennel = await createKennel({ plugins: [flagged, reporter()], env: { KENNEL_PLUGIN_COUNTER: 'false' }, logger: silent() });
    expect(setup).not.toHaveBeenCalled();
    expect(kennel.get('reporter').report()).toBe('count=-1');
    expect(kennel.status()[0]).toEqual({ name: 'counter', state: 'disabled', reason: 'disabled by feature flag' });
  });

  test('a plugin can disable itself from config (e.g. DD_TRACE_ENABLED)', async () => {
    const tracing = definePlugin({ name: 'tracing', enabled: (c) => c.tracing.enabled, setup: () => 'on' });
    const kennel = await createKennel({ plugins: [tracing], env: { DD_TRACE_ENABLED: 'false' }, logger: silent() });
    expect(kennel.status()[0]).toEqual({ name: 'tracing', state: 'disabled', reason: 'disabled by config' });
  });

  test('without noop() a disabled plugin gets a generic no-op whose methods return undefined', async () => {
    const plain = definePlugin({ name: 'plain', setup: () => ({ hello: () => 'hi' }) });
    const kennel = await createKennel({ plugins: [plain], config: { plugins: { plain: false } }, env: {}, logger: silent() });
    expect(kennel.get('plain').hello()).toBeUndefined();
  });
});

describe('shutdown', () => {
  test('runs in reverse order, once, and reports each plugin', async () => {
    const calls: string[] = [];
    const kennel = await create([counter(calls), reporter(calls)]);
    const [first, second] = [kennel.shutdown(), kennel.shutdown()];
    expect(first).toBe(second);
    expect(await first).toEqual([{ name: 'reporter', ok: true }, { name: 'counter', ok: true }]);
    expect(calls).toEqual(['reporter', 'counter']);
  });

  test('a hanging shutdown is bounded by the timeout and a throwing one is contained', async () => {
    const logger = silent();
    const hang = definePlugin({ name: 'hang', setup: () => ({}), shutdown: () => new Promise<void>(() => {}) });
    const boom = definePlugin({ name: 'boom', setup: () => ({}), shutdown: () => { throw new Error('close failed'); } });
    const kennel = await createKennel({ plugins: [hang, boom], env: { KENNEL_SHUTDOWN_TIMEOUT_MS: '20' }, logger });
    expect(await kennel.shutdown()).toEqual([
      { name: 'boom', ok: false, error: 'Error: close failed' },
      { name: 'hang', ok: false, timedOut: true },
    ]);
    expect(logger.lines).toContain('warn: plugin "hang" did not shut down within 20 ms (KENNEL_SHUTDOWN_TIMEOUT_MS); moving on {"code":"KENNEL_ERR_SHUTDOWN_TIMEOUT"}');
  });

  test('disabled and failed plugins are not shut down; onClose hooks run first', async () => {
    const calls: string[] = [];
    const withHook = definePlugin({ name: 'hooked', setup: (ctx) => void ctx.hooks.on('onClose', () => void calls.push('onClose')), shutdown: () => void calls.push('hooked') });
    const off = definePlugin({ name: 'off', setup: () => ({}), shutdown: () => void calls.push('off') });
    const kennel = await create([withHook, off], { config: { plugins: { off: false } } });
    await kennel.shutdown();
    expect(calls).toEqual(['onClose', 'hooked']);
  });

  test('signal wiring runs shutdown and leaves the exit to the app when it has its own (once) handler', async () => {
    const calls: string[] = [];
    const appHandler = () => void calls.push('app');
    process.once('SIGUSR2', appHandler);
    try {
      const kennel = await create([counter(calls)], { handleSignals: ['SIGUSR2'] });
      process.emit('SIGUSR2', 'SIGUSR2');
      await kennel.shutdown();
      expect(calls).toEqual(['app', 'counter']);
      expect(process.listenerCount('SIGUSR2')).toBe(0); // both listeners are gone, and the process is still alive
    } finally {
      process.removeListener('SIGUSR2', appHandler);
    }
  });
});

describe('hooks', () => {
  test('onHandlers hears each handler added to or removed from another hook, and a throwing listener is contained', async () => {
    const logger = silent();
    const kennel = await createKennel({ plugins: [], env: {}, logger });
    const heard: string[] = [];
    kennel.hooks.on('onHandlers', (name) => void heard.push(`${name}:${kennel.hooks.has(name)}`));
    kennel.hooks.on('onHandlers', () => {
      throw new Error('bad listener');
    });
    const off = kennel.hooks.on('preTag', (value) => value);
    off();
    kennel.hooks.on('preText', (value) => value);
    expect(heard).toEqual(['preTag:true', 'preTag:false', 'preText:true']);
    expect(logger.lines.filter((line) => line.includes('"onHandlers" handler threw'))).toHaveLength(3);
  });

  test('processors pipe values, null drops, a throwing scrubber fails closed', async () => {
    const logger = silent();
    const kennel = await createKennel({ plugins: [], env: {}, logger });
    expect(kennel.hooks.has('preTag')).toBe(false);
    expect(kennel.hooks.apply('preTag', 'raw', 'k', 'span.tag')).toBe('raw');
    const off = kennel.hooks.on('preTag', (value) => value.replace('secret', '[REDACTED]'));
    kennel.hooks.on('preTag', (value, key) => (key === 'drop' ? null : `${value}!`));
    expect(kennel.hooks.apply('preTag', 'a secret', 'k', 'span.tag')).toBe('a [REDACTED]!');
    expect(kennel.hooks.apply('preTag', 'x', 'drop', 'span.tag')).toBeNull();
    off();
    expect(kennel.hooks.apply('preTag', 'secret', 'k', 'span.tag')).toBe('secret!');
    kennel.hooks.on('preText', () => {
      throw new Error('bad regex');
    });
    expect(kennel.hooks.apply('preText', 'text', 'log')).toBeNull();
    expect(logger.lines).toContain('error: hook "preText" handler threw; contained {"error":"Error: bad regex"}');
  });

  test('onReady fires after every setup', async () => {
    const seen: string[] = [];
    const a = definePlugin({ name: 'a', setup: (ctx) => void ctx.hooks.on('onReady', () => void seen.push('ready')) });
    const b = definePlugin({ name: 'b', setup: () => void seen.push('b setup') });
    await create([a, b]);
    expect(seen).toEqual(['b setup', 'ready']);
  });

  test('warnOnce logs a key once', async () => {
    const logger = silent();
    const p = definePlugin({ name: 'p', setup: (ctx) => { ctx.warnOnce('k', 'careful'); ctx.warnOnce('k', 'careful'); } });
    await createKennel({ plugins: [p], env: {}, logger });
    expect(logger.lines.filter((l) => l === 'warn: careful')).toHaveLength(1);
  });
});
