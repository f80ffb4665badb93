// One benchmark configuration of an express app; BENCH_KENNEL=on adds kennel (tracing follows DD_TRACE_ENABLED).
import express from 'express';
import { serveBench } from '../../http/bench/child.mjs';

const app = express();
let stop = async () => {};
if (process.env.BENCH_KENNEL === 'on') {
  const [{ createKennel }, { tracingPlugin }, { metricsPlugin }, { instrumentExpress, kennelErrorHandler }] = await Promise.all([
    import('@kennel/core'),
    import('@kennel/tracing'),
    import('@kennel/metrics'),
    import('../dist/index.js'),
  ]);
  const kennel = await createKennel({ plugins: [tracingPlugin(), metricsPlugin(JSON.parse(process.env.BENCH_METRICS_OPTIONS ?? '{}'))] });
  instrumentExpress(app, { kennel, ...JSON.parse(process.env.BENCH_OPTIONS ?? '{}') });
  stop = () => kennel.shutdown();
  app.get('/users/:id', (req, res) => res.json({ id: req.params.id, name: 'Ada' }));
  app.use(kennelErrorHandler());
} else {
  app.get('/users/:id', (req, res) => res.json({ id: req.params.id, name: 'Ada' }));
}
const server = app.listen(0, '127.0.0.1', () => serveBench(server, stop));
