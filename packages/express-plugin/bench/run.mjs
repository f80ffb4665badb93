// `pnpm --filter @kennel/express bench`: bare vs kennel vs dd-trace, side by side.
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { runBench } from '../../http/bench/rounds.mjs';

await runBench({
  title: 'express 5',
  server: fileURLToPath(new URL('./server.mjs', import.meta.url)),
  cwd: fileURLToPath(new URL('..', import.meta.url)),
  autocannon,
});
