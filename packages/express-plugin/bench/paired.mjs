// `pnpm --filter @kennel/express bench:paired`: dd-trace alone vs dd-trace + kennel, both in one process.
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { runPaired } from '../../http/bench/paired.mjs';

await runPaired({
  title: 'express 5',
  server: fileURLToPath(new URL('./server.mjs', import.meta.url)),
  cwd: fileURLToPath(new URL('..', import.meta.url)),
  autocannon,
});
