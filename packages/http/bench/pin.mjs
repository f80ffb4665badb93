/**
 * CPU pinning for the benchmarks, opt-in with BENCH_PIN=1: the server under test gets the last CPU
 * to itself; this process (autocannon) and the local agent share the others. Unpinned, the three
 * compete for the same cores and the scheduler decides, round by round, how much of one the server
 * gets. Linux only (util-linux `taskset`).
 *
 * Pinned runs also keep idle CPUs polling rather than halting, where the process may ask (root:
 * `/dev/cpu_dma_latency`, held at 0 until this process exits). On a virtual machine a halted vCPU
 * is woken through the hypervisor, and the process that wakes it pays, inside its socket write:
 * here the server pays to wake autocannon. Measured in the fastify package's BENCHMARKS.md:
 * polling steadies the control; it does not move kennel's ratio.
 */
import { spawnSync } from 'node:child_process';
import { openSync, writeSync } from 'node:fs';
import { cpus } from 'node:os';

/**
 * With BENCH_PIN set, pins this process (every thread, and so the children it starts next) off the
 * last CPU. Returns `{ note, command(file, args) }`: `command` gives the `[file, args]` that start a
 * server (on the last CPU when pinned, as given otherwise); `note` says what was pinned, or is empty.
 * Call it before starting the agent.
 */
export function benchPinning() {
  if (!process.env.BENCH_PIN) return { note: '', command: (file, args) => [file, args] };
  const count = cpus().length;
  if (count < 2) throw new Error(`BENCH_PIN=${process.env.BENCH_PIN}: pinning needs at least 2 CPUs, this machine has ${count}; unset BENCH_PIN`);
  const server = String(count - 1);
  const rest = count === 2 ? '0' : `0-${count - 2}`;
  const result = spawnSync('taskset', ['-a', '-p', '-c', rest, String(process.pid)], { stdio: 'ignore' });
  if (result.error || result.status !== 0) {
    throw new Error(`BENCH_PIN=${process.env.BENCH_PIN}: taskset failed (${result.error?.message ?? `exit ${result.status}`}); it needs Linux with util-linux, or unset BENCH_PIN`);
  }
  const idle = holdIdlePolling() ? 'idle CPUs poll' : 'idle CPUs may halt (could not hold /dev/cpu_dma_latency: it needs root)';
  return {
    note: `; server pinned to CPU ${server}; load generator and agent on CPU ${rest}; ${idle}`,
    command: (file, args) => ['taskset', ['-c', server, file, ...args]],
  };
}

/** Asks the kernel for zero wake-up latency (so idle CPUs poll) while this process lives; false where it may not. */
function holdIdlePolling() {
  try {
    writeSync(openSync('/dev/cpu_dma_latency', 'w'), Buffer.alloc(4)); // a 32-bit 0; the fd stays open: closing it ends the request
    return true;
  } catch {
    return false;
  }
}
