import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));

// A real process: with no handler of its own, SIGTERM flushes kennel then ends the process by the signal.
test('SIGTERM without an app handler: shutdown runs, then the process ends by the signal', async () => {
  const script = `
    import { createKennel, definePlugin } from ${JSON.stringify(dist)};
    const p = definePlugin({ name: 'p', setup: () => ({}), shutdown: async () => { await new Promise((r) => setTimeout(r, 20)); console.log('flushed'); } });
    await createKennel({ plugins: [p], env: {}, handleSignals: true });
    setInterval(() => {}, 1000); // an open handle, like a server
    console.log('ready');
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk;
    if (out.includes('ready')) child.kill('SIGTERM');
  });
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
  expect(out).toBe('ready\nflushed\n');
  expect([code, signal]).toEqual([null, 'SIGTERM']);
});
