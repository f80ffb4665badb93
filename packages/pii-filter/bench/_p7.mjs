import { createScrubber } from '../dist/index.js';
import { generateCorpus } from '../corpus/generate.mjs';
const big = generateCorpus({ seed: 1, size: 4000 }).map((s) => s.text).join('\n');
const all = createScrubber();
for (let x = 0; x < 150; x++) all.detect(big);
