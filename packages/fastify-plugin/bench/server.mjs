// The server of one benchmark configuration: BENCH_KENNEL=on adds kennel (tracing follows
// DD_TRACE_ENABLED), BENCH_KENNEL=plugins starts kennel's plugins but installs no middleware;
// BENCH_PAIRED=1 serves paired.mjs's three apps in this one process instead.
import { serveBench, servePairedApps } from '../../http/bench/child.mjs';
import { benchKennel } from '../../http/bench/kennel.mjs';
import { fastifyApp } from './app.mjs';

if (process.env.BENCH_PAIRED) {
  await servePairedApps(fastifyApp);
} else {
  const mode = process.env.BENCH_KENNEL;
  const kennel = mode === 'on' || mode === 'plugins' ? await benchKennel() : undefined;
  serveBench(await fastifyApp(mode === 'on' ? kennel : undefined), async () => kennel?.shutdown());
}
