// CommonJS consumer: the same app through require().
const { createKennel } = require('@kennel/core');
const { kennelExpress } = require('@kennel/express');
const { metricsPlugin } = require('@kennel/metrics');
const express = require('express');

async function main() {
  const kennel = await createKennel({ plugins: [metricsPlugin()] });
  const app = express();
  app.use(kennelExpress({ kennel }));
  app.get('/hello/:name', (req, res) => res.json({ hello: req.params.name }));

  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const response = await fetch(`http://127.0.0.1:${server.address().port}/hello/cjs`);
  kennel.get('metrics').increment('consumer.sent', 1, { flavour: 'cjs' });
  const body = await response.json();
  await new Promise((resolve) => server.close(resolve));
  await kennel.shutdown();
  console.log(JSON.stringify({ status: response.status, body }));
}
main();
