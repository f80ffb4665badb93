/**
 * The server side of rounds.mjs: print the port once listening, answer `cpu` lines on stdin with
 * this process's CPU time, run `stop` then exit on SIGTERM. CPU time per request is what the
 * benchmark compares: unlike req/s it barely moves when other processes share the machine.
 */
export function serveBench(port, stop = async () => {}) {
  process.stdout.write(`${JSON.stringify({ port })}\n`);
  let buffered = '';
  process.stdin.on('data', (chunk) => {
    buffered += chunk;
    let newline;
    while ((newline = buffered.indexOf('\n')) !== -1) {
      buffered = buffered.slice(newline + 1);
      const { user, system } = process.cpuUsage();
      process.stdout.write(`${JSON.stringify({ cpuMicros: user + system })}\n`);
    }
  });
  process.once('SIGTERM', () => void stop().finally(() => process.exit(0)));
}
