import { createSocket } from 'node:dgram';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startLocalAgent, type LocalAgent } from '../src/index.js';

let agent: LocalAgent;
const logs: string[] = [];

beforeAll(async () => {
  agent = await startLocalAgent({ tracePort: 0, statsdPort: 0, log: (m) => logs.push(m) });
});
afterAll(() => agent.close());

test('malformed lines are counted, logged once per interval, and never stop intake', async () => {
  const socket = createSocket('udp4');
  const send = (text: string) => new Promise<void>((resolve) => socket.send(text, agent.ports.statsd, '127.0.0.1', () => resolve()));
  await send('broken line one\ngood.one:1|c');
  await send('broken:x|c');
  await send('_e{99,1}:short|x');
  await send('good.two:2|g');
  await agent.store.waitForMetric('good.two');
  socket.close();

  expect(agent.store.counters.malformedStatsdLines).toBe(3);
  expect(agent.store.metrics().map((m) => m.name)).toEqual(['good.one', 'good.two']);
  expect(logs).toEqual(['local-agent: malformed DogStatsD line "broken line one": expected <name>:<value>|<type>']);
});
