// The consumer app, given the modules as its caller loaded them (import in express-app.mjs,
// require in express-app.cjs): kennel metrics + express middleware, one request, one metric.
module.exports = async function serveOnce({ createKennel, kennelExpress, metricsPlugin, express }, flavour) {
  const kennel = await createKennel({ plugins: [metricsPlugin()] });
  const app = express();
  app.use(kennelExpress({ kennel }));
  app.get('/hello/:name', (req, res) => res.json({ hello: req.params.name }));

  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const response = await fetch(`http://127.0.0.1:${server.address().port}/hello/${flavour}`);
  kennel.get('metrics').increment('consumer.sent', 1, { flavour });
  const body = await response.json();
  await new Promise((resolve) => server.close(resolve));
  await kennel.shutdown();
  console.log(JSON.stringify({ status: response.status, body }));
};
