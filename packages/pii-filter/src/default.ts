import { createScrubber } from './scrubber.js';
import type { Finding, Scrubber } from './types.js';

let instance: Scrubber | undefined;
/** Created on first use, so importing the package does no work. */
const scrubber = () => (instance ??= createScrubber());

/** Scrubs `text` with every detector in `redact` mode. */
export const scrubString = (text: string): string => scrubber().scrubString(text) ?? '';
/** Scrubs a copy of `value` with every detector and the default key names, in `redact` mode. */
export const scrubObject = <T>(value: T): T => scrubber().scrubObject(value);
/** Findings of every detector in `text`. */
export const detect = (text: string): Finding[] => scrubber().detect(text);
