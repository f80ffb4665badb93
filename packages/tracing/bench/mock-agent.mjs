// A trace intake that accepts and discards everything, in its own process so the benchmark's
// busy event loop does not slow its answers (a slow agent makes dd-trace drop payloads).
import { spawn } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

if (process.argv[2] === 'serve') {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('{"rate_by_service":{}}'));
  });
  server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
  process.stdin.on('end', () => process.exit(0)).resume(); // exits with its parent
}

export async function startMockAgent() {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), 'serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise((resolve) => child.stdout.once('data', (chunk) => resolve(String(chunk).trim())));
  return { url: `http://127.0.0.1:${port}`, close: async () => child.stdin.end() };
}

export const fmt = (ns) => `${ns.toFixed(0).padStart(7)} ns/op`;
