import { createSocket, type Socket } from 'node:dgram';
import { parseStatsdPacket } from './statsd-parser.js';
import type { AgentStore } from './store.js';

/** At most one malformed-line warning per this many ms, so a broken client cannot flood the log. */
const LOG_INTERVAL_MS = 5000;
const RECV_BUFFER_BYTES = 8 << 20;

/** DogStatsD over UDP: every datagram is parsed and stored; bad lines are counted and logged (rate-limited). */
export async function startStatsdServer(store: AgentStore, host: string, port: number, log: (message: string) => void): Promise<Socket> {
  const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
  let lastLog = 0;
  let suppressed = 0;
  socket.on('message', (message) => {
    const parsed = parseStatsdPacket(message.toString('utf8'));
    store.addStatsd(parsed);
    const first = parsed.errors[0];
    if (!first) return;
    const now = Date.now();
    if (now - lastLog < LOG_INTERVAL_MS) {
      suppressed += parsed.errors.length;
      return;
    }
    const also = suppressed > 0 ? ` (${suppressed} more suppressed since the last warning)` : '';
    log(`local-agent: malformed DogStatsD line ${JSON.stringify(first.line.slice(0, 200))}: ${first.reason}${also}`);
    lastLog = now;
    suppressed = parsed.errors.length - 1;
  });
  // A UDP socket error must never take the agent down.
  socket.on('error', (error) => log(`local-agent: DogStatsD socket error: ${error.message}`));
  await new Promise<void>((resolve, reject) => {
    const fail = (error: Error) => {
      socket.close();
      reject(error);
    };
    socket.once('error', fail);
    socket.bind(port, host, () => {
      socket.off('error', fail);
      // A bigger receive buffer absorbs bursts (the kernel caps it at net.core.rmem_max).
      try {
        socket.setRecvBufferSize(RECV_BUFFER_BYTES);
      } catch {
        // Keep the default buffer.
      }
      resolve();
    });
  });
  return socket;
}
