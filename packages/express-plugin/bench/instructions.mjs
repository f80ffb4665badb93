// `pnpm --filter @kennel/express bench:instructions`: kennel's plugins alone vs with the middleware, in instructions (valgrind).
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { runInstructions } from '../../http/bench/instructions.mjs';

await runInstructions({
  title: 'express 5',
  server: fileURLToPath(new URL('./server.mjs', import.meta.url)),
  cwd: fileURLToPath(new URL('..', import.meta.url)),
  autocannon,
});
