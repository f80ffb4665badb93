// A CommonJS app: node:http is required first. Started with `node --import` (or `--require`)
// `@kennel/tracing/register`, its server must produce spans.
const http = require('node:http');
const { createKennel } = require('@kennel/core');
const { tracingPlugin } = require('@kennel/tracing');

(async () => {
  const kennel = await createKennel({ plugins: [tracingPlugin()] });
  const server = http.createServer((req, res) => res.end('ok'));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const status = await new Promise((resolve, reject) => {
    http.get(`http://127.0.0.1:${server.address().port}/health`, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    }).on('error', reject);
  });
  server.close();
  await kennel.get('tracing').flush();
  await kennel.shutdown();
  console.log(JSON.stringify({ status }));
})();
