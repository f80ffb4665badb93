// One benchmark configuration of a fastify app; BENCH_KENNEL=on adds kennel (tracing follows DD_TRACE_ENABLED).
import Fastify from 'fastify';
import { serveBench } from '../../http/bench/child.mjs';

const app = Fastify();
let stop = async () => {};
if (process.env.BENCH_KENNEL === 'on') {
  const [{ createKennel }, { tracingPlugin }, { metricsPlugin }, { kennelFastify }] = await Promise.all([
    import('@kennel/core'),
    import('@kennel/tracing'),
    import('@kennel/metrics'),
    import('../dist/index.js'),
  ]);
  const kennel = await createKennel({ plugins: [tracingPlugin(), metricsPlugin(JSON.parse(process.env.BENCH_METRICS_OPTIONS ?? '{}'))] });
  await app.register(kennelFastify, { kennel, ...JSON.parse(process.env.BENCH_OPTIONS ?? '{}') });
  stop = () => kennel.shutdown();
}
app.get('/users/:id', async (req) => ({ id: req.params.id, name: 'Ada' }));
await app.listen({ port: 0, host: '127.0.0.1' });
serveBench(app.server, stop);
