import type { KennelConfig } from '../types.js';
import { fields } from './fields.js';
import { configSources } from './resolve.js';

const REDACTED = '[redacted]';
const secretPaths = fields.filter((x) => x.secret).map((x) => x.path);

/** A plain copy of the config safe to print or serve: secrets replaced by "[redacted]". */
export function printableConfig(config: KennelConfig): Record<string, unknown> {
  const copy = structuredClone(config) as unknown as Record<string, Record<string, unknown>>;
  for (const path of secretPaths) {
    const [group, leaf] = path.split('.') as [string, string];
    if (copy[group]?.[leaf] !== undefined) copy[group][leaf] = REDACTED;
  }
  return copy;
}

/** One line per setting with its value and where it came from, secrets redacted. */
export function explainConfig(config: KennelConfig): string {
  const printable = printableConfig(config) as Record<string, Record<string, unknown>>;
  const sources = configSources(config);
  const lines = fields.map((x) => {
    const [group, leaf] = x.path.split('.') as [string, string | undefined];
    const value = leaf === undefined ? printable[group] : printable[group]?.[leaf];
    return `${x.path} = ${JSON.stringify(value) ?? 'undefined'}  (${sources[x.path] ?? 'unset'})`;
  });
  lines.push(`tags = ${JSON.stringify(config.tags)}  (${sources.tags ?? 'default'})`);
  lines.push(`plugins = ${JSON.stringify(config.plugins)}`);
  return lines.join('\n');
}
