// The benchmark's express app on a free loopback port; with a kennel handle, installed at the app's
// entry (`instrumentExpress`, no middleware span of its own) with its error handler after the route.
import express from 'express';
import { benchOptions } from '../../http/bench/kennel.mjs';

export async function expressApp(kennel) {
  const app = express();
  const kennelExpress = kennel ? await import('../dist/index.js') : undefined;
  kennelExpress?.instrumentExpress(app, { kennel, ...benchOptions() });
  app.get('/users/:id', (req, res) => res.json({ id: req.params.id, name: 'Ada' }));
  if (kennelExpress) app.use(kennelExpress.kennelErrorHandler());
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
}
