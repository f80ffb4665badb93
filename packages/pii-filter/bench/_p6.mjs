import { createScrubber, DETECTORS } from '../dist/index.js';
import { generateCorpus } from '../corpus/generate.mjs';
const lines = generateCorpus({ seed: 1, size: 4000 }).map((s) => s.text);
const off = Object.fromEntries(DETECTORS.map((d) => [d, false]));
const which = process.argv[2];
const fn = which === 'all' ? createScrubber().detect : createScrubber({ detectors: { ...off, [which]: true } }).detect;
for (let r = 0; r < 60; r++) for (const l of lines) fn(l);
