// The benchmark's express app on a free loopback port; with a kennel handle, installed at the app's
// entry (`instrumentExpress`, no middleware span of its own; the middleware form with
// BENCH_EXPRESS_FORM=middleware) with its error handler after the route.
import express from 'express';
import { benchOptions } from '../../http/bench/kennel.mjs';

/**
 * express's request prototype as loaded (dd-trace's instrumentation included), copied before kennel
 * installs its accessors on the shared one. The plain apps of the paired harness share the process
 * with kennel's app: on this copy they run as express does without kennel.
 */
const unpatchedRequest = Object.create(Object.getPrototypeOf(express.request), Object.getOwnPropertyDescriptors(express.request));

export async function expressApp(kennel) {
  const app = express();
  if (!kennel) app.request = Object.create(unpatchedRequest, { app: { configurable: true, enumerable: true, writable: true, value: app } });
  const kennelExpress = kennel ? await import('../dist/index.js') : undefined;
  // BENCH_EXPRESS_FORM=middleware: `app.use(kennelExpress())`, the middleware form, instead.
  if (kennelExpress && process.env.BENCH_EXPRESS_FORM === 'middleware') app.use(kennelExpress.kennelExpress({ kennel, ...benchOptions() }));
  else kennelExpress?.instrumentExpress(app, { kennel, ...benchOptions() });
  app.get('/users/:id', (req, res) => res.json({ id: req.params.id, name: 'Ada' }));
  if (kennelExpress) app.use(kennelExpress.kennelErrorHandler());
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
}
