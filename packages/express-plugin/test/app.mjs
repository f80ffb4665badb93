// Acceptance fixture: an express app with kennel, run in its own process by acceptance.test.ts.
// FRAMEWORK_MAJOR=4 runs it on express 4 (installed as the `express4` alias).
import { createRequire } from 'node:module';
import { fixtureKennel, fixtureOptions, serveChild, startDownstream } from '../../http/test/serve-child.mjs';
import { instrumentExpress, kennelErrorHandler, kennelExpress } from '../dist/index.js';

const v4 = process.env.FRAMEWORK_MAJOR === '4';
const expressPackage = v4 ? 'express4' : 'express';
const { default: express } = await import(expressPackage);
const kennel = await fixtureKennel();
// A user override through dd-trace's own hook runs last, so it wins over kennel's name. Under the
// lean preset kennel's middleware opens the web span, and the handler names it (see /override).
const tracing = kennel.tryGet('tracing');
const kennelOpensSpans = tracing?.serverSpans === 'kennel';
const override = (span, req) => req?.originalUrl === '/override' && span?.setTag('resource.name', 'custom override');
if (!kennelOpensSpans) tracing?.tracer?.use('express', { hooks: { request: override } });

const app = express();
const options = fixtureOptions(kennel);
// KENNEL_EXPRESS_ENTRY=app: kennel at the app's entry instead of as the first middleware.
if (process.env.KENNEL_EXPRESS_ENTRY === 'app') instrumentExpress(app, options);
else app.use(kennelExpress(options));

app.get('/health', (_req, res) => res.send('ok'));
app.get('/users/:id', (req, res) => {
  res.setHeader('set-cookie', 'sid=response-secret');
  res.json({ id: req.params.id, requestId: req.kennel?.requestId, traceId: req.kennel?.traceId });
});
const teams = express.Router({ mergeParams: true });
teams.get('/:teamId', (_req, res) => res.send('team'));
const orgs = express.Router({ mergeParams: true });
orgs.use('/teams', teams);
app.use('/api/orgs/:orgId', orgs);
app.get(v4 ? '/files/*' : '/files/*splat', (_req, res) => res.send('file'));
// An app that instruments itself, mounted in this one: the outer kennel tracks its requests.
const tenant = instrumentExpress(express(), options);
tenant.get('/items/:itemId', (_req, res) => res.send('item'));
app.use('/tenants/:tenant', tenant);
// A route that passes the request on: the route that answers names it.
app.get('/passed/:id', (_req, _res, next) => next('route'));
app.get('/passed/:name', (_req, res) => res.send('passed'));
// A path-scoped middleware with a longer path than the route it leads to (dd-trace would name the
// request by the longer of the two).
app.use('/scoped/:scopeIdentifier', (_req, _res, next) => next());
app.get('/scoped/:id', (_req, res) => res.send('scoped'));
const downstream = await startDownstream();
app.get('/outbound', (_req, res, next) => {
  fetch(downstream).then((r) => res.json({ status: r.status }), next);
});
app.get('/boom', () => {
  throw new Error('sync boom');
});
app.get('/async-boom', async (_req, _res, next) => {
  await Promise.resolve();
  // express 5 forwards rejections itself; express 4 needs next(err)
  if (v4) return next(new Error('async boom'));
  throw new Error('async boom');
});
app.get('/unavailable', (_req, res) => res.status(503).send('try later'));
app.get('/slow', (_req, res) => {
  setTimeout(() => res.end('late'), 400);
});
app.get('/override', (_req, res) => {
  if (kennelOpensSpans) tracing.activeSpan()?.setTag('resource.name', 'custom override');
  res.send('ok');
});
app.use(kennelErrorHandler());

const server = app.listen(0, '127.0.0.1');
await serveChild(
  kennel,
  () => new Promise((resolve) => server.once('listening', () => resolve(server.address().port))),
  () => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(resolve);
  }),
  createRequire(import.meta.url)(`${expressPackage}/package.json`).version,
);
