import { protocolSafe } from './names.js';
import type { EventOptions, ServiceCheckStatus } from './types.js';

/** Datadog truncates event text at 4000 characters. */
export const EVENT_TEXT_LIMIT = 4000;

const escapeNewlines = (text: string) => text.replace(/\r?\n/g, '\\n');
const seconds = (date: Date | number) => Math.round(date instanceof Date ? date.getTime() / 1000 : date);

/**
 * `_e{<title bytes>,<text bytes>}:<title>|<text>|d:…|h:…|k:…|p:…|s:…|t:…|#tags` — the lengths are
 * UTF-8 bytes as the DogStatsD spec says (hot-shots counts UTF-16 units, wrong for non-ASCII).
 * `tagSection` is `|#…` plus any origin fields, or ''.
 */
export function formatEvent(title: string, text: string, options: EventOptions, tagSection: string): string {
  const t = escapeNewlines(title);
  const body = escapeNewlines(text);
  let line = `_e{${Buffer.byteLength(t)},${Buffer.byteLength(body)}}:${t}|${body}`;
  if (options.date !== undefined) line += `|d:${seconds(options.date)}`;
  if (options.hostname) line += `|h:${protocolSafe(options.hostname)}`;
  if (options.aggregationKey) line += `|k:${protocolSafe(options.aggregationKey)}`;
  if (options.priority) line += `|p:${options.priority}`;
  if (options.sourceTypeName) line += `|s:${protocolSafe(options.sourceTypeName)}`;
  if (options.alertType) line += `|t:${options.alertType}`;
  return line + tagSection;
}

/** `_sc|<name>|<status>|h:…|#tags|m:<message>` — the message must be the last field. */
export function formatServiceCheck(name: string, status: ServiceCheckStatus, options: { hostname?: string; message?: string }, tagSection: string): string {
  let line = `_sc|${name}|${status}`;
  if (options.hostname) line += `|h:${protocolSafe(options.hostname)}`;
  line += tagSection;
  if (options.message) line += `|m:${escapeNewlines(options.message)}`;
  return line;
}

/** Cuts `text` to at most `maxBytes` UTF-8 bytes without splitting a character. */
export function truncateBytes(text: string, maxBytes: number): string {
  if (text.length * 3 <= maxBytes || Buffer.byteLength(text) <= maxBytes) return text;
  return Buffer.from(text).subarray(0, Math.max(0, Math.floor(maxBytes))).toString().replace(/\uFFFD+$/, '');
}
