// `pnpm --filter @kennel/express bench`: bare vs kennel vs dd-trace, side by side.
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { runBench } from '../../http/bench/rounds.mjs';

await runBench({
  title: 'express 5',
  server: fileURLToPath(new URL('./server.mjs', import.meta.url)),
  cwd: fileURLToPath(new URL('..', import.meta.url)),
  autocannon,
  // The middleware form (`app.use(kennelExpress())`) instead of the app's entry: dd-trace's express
  // integration opens one more span per request for it. A reference, run when BENCH_ONLY names it.
  extraConfigs: [{ name: 'kennel middleware', optIn: true, args: ['--import', '@kennel/tracing/register'], env: { BENCH_KENNEL: 'on', BENCH_EXPRESS_FORM: 'middleware' } }],
});
