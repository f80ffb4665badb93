// An agent that accepts connections and never answers: dd-trace's in-flight buffer (64 MiB) fills
// and it discards payloads. kennel must count that and say so, not stay silent.
import net from 'node:net';
import { createKennel } from '@kennel/core';
import { tracingPlugin } from '@kennel/tracing';

const sockets = new Set();
const stuck = net.createServer((socket) => {
  sockets.add(socket);
  socket.on('error', () => {});
  socket.resume(); // read and ignore: never answer
});
await new Promise((resolve) => stuck.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${stuck.address().port}`;

const kennel = await createKennel({ plugins: [tracingPlugin({ flushTimeoutMs: 50 })], config: { service: 'svc-full', agent: { traceUrl: url } } });
const tracing = kennel.get('tracing');
const big = 'x'.repeat(16 * 1024);
for (let batch = 0; batch < 20 && tracing.stats().droppedPayloads === 0; batch++) {
  for (let i = 0; i < 300; i++) tracing.withSpan('bulk', { tags: { blob: big } }, () => {});
  await tracing.flush(); // returns after 50 ms: the request stays in flight
}
const stats = tracing.stats();
for (const socket of sockets) socket.destroy();
stuck.close();
await kennel.shutdown();
console.log(JSON.stringify({ stats }));
process.exit(0);
