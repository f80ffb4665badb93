// The server of one benchmark configuration: BENCH_KENNEL=on adds kennel (tracing follows
// DD_TRACE_ENABLED); BENCH_PAIRED=1 serves paired.mjs's three apps in this one process instead.
import { serveBench, servePairedApps } from '../../http/bench/child.mjs';
import { benchKennel } from '../../http/bench/kennel.mjs';
import { fastifyApp } from './app.mjs';

if (process.env.BENCH_PAIRED) {
  await servePairedApps(fastifyApp);
} else {
  const kennel = process.env.BENCH_KENNEL === 'on' ? await benchKennel() : undefined;
  serveBench(await fastifyApp(kennel), async () => kennel?.shutdown());
}
