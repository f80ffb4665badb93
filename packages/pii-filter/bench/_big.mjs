import { createScrubber, DETECTORS } from '../dist/index.js';
import { Redactor } from '@redactpii/node';
import { generateCorpus } from '../corpus/generate.mjs';
const lines = generateCorpus({ seed: 1, size: 4000 }).map((s) => s.text);
const big = lines.join('\n');
const off = Object.fromEntries(DETECTORS.map((d) => [d, false]));
const none = createScrubber({ detectors: off }), all = createScrubber(), r = new Redactor();
const fns = { noneBig: () => none.detect(big), allBig: () => all.detect(big), redactBig: () => r.redact(big), noneLines: () => { for (const l of lines) none.detect(l) }, allLines: () => { for (const l of lines) all.detect(l) } , redactLines: () => { for (const l of lines) r.redact(l) } };
const best = {};
for (let round = 0; round < 6; round++) for (const [n, fn] of Object.entries(fns)) {
  const t = process.cpuUsage(); for (let x = 0; x < 3; x++) fn(); const u = process.cpuUsage(t);
  best[n] = Math.max(best[n] ?? 0, (big.length * 3 / 1e6) / ((u.user + u.system) / 1e6));
}
console.log(Object.fromEntries(Object.entries(best).map(([a, b]) => [a, b.toFixed(0)])));
