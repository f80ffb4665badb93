// ESM consumer: kennel metrics + express middleware, installed from the packed tarballs.
import { createKennel } from '@kennel/core';
import { kennelExpress } from '@kennel/express';
import { metricsPlugin } from '@kennel/metrics';
import express from 'express';

const kennel = await createKennel({ plugins: [metricsPlugin()] });
const app = express();
app.use(kennelExpress({ kennel }));
app.get('/hello/:name', (req, res) => res.json({ hello: req.params.name }));

const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const response = await fetch(`http://127.0.0.1:${server.address().port}/hello/esm`);
kennel.get('metrics').increment('consumer.sent', 1, { flavour: 'esm' });
const body = await response.json();
await new Promise((resolve) => server.close(resolve));
await kennel.shutdown();
console.log(JSON.stringify({ status: response.status, body }));
