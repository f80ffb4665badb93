// An agent answering 500: dd-trace does not retry, the payload is lost. kennel counts and warns.
import http from 'node:http';
import { createKennel } from '@kennel/core';
import { tracingPlugin } from '@kennel/tracing';

const failing = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.statusCode = 500;
    res.end('no');
  });
});
await new Promise((resolve) => failing.listen(0, '127.0.0.1', resolve));
const kennel = await createKennel({ plugins: [tracingPlugin()], config: { service: 'svc-500', agent: { traceUrl: `http://127.0.0.1:${failing.address().port}` } } });
const tracing = kennel.get('tracing');
tracing.withSpan('lost', () => {});
await tracing.flush();
const stats = tracing.stats();
await kennel.shutdown();
failing.close();
console.log(JSON.stringify({ stats }));
