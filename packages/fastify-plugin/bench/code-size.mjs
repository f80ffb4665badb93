// `pnpm --filter @kennel/fastify bench:code`: the optimized code a traced request runs through, by package.
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { runCodeSize } from '../../http/bench/code-size.mjs';

await runCodeSize({
  title: 'fastify 5',
  server: fileURLToPath(new URL('./server.mjs', import.meta.url)),
  cwd: fileURLToPath(new URL('..', import.meta.url)),
  autocannon,
});
