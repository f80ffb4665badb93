// A trace intake that accepts and discards everything: benchmarks measure the client, not the agent.
import http from 'node:http';

export async function startMockAgent() {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('{"rate_by_service":{}}'));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

export const fmt = (ns) => `${ns.toFixed(0).padStart(7)} ns/op`;
