import type { MetricRecord, MetricType, ServiceCheck, StatsdEvent } from './types.js';

/** A line the parser rejected, with the reason (for counters and rate-limited logs). */
export interface StatsdLineError {
  line: string;
  reason: string;
}

export interface ParsedPacket {
  metrics: Omit<MetricRecord, 'receivedAt'>[];
  events: Omit<StatsdEvent, 'receivedAt'>[];
  serviceChecks: Omit<ServiceCheck, 'receivedAt'>[];
  errors: StatsdLineError[];
}

const METRIC_TYPES = new Set<string>(['c', 'g', 'h', 'd', 'ms', 's']);

/**
 * Parses one DogStatsD datagram (one or more `\n`-separated lines). Never throws:
 * each bad line becomes an entry in `errors` and the good lines are still returned.
 */
export function parseStatsdPacket(packet: string): ParsedPacket {
  const result: ParsedPacket = { metrics: [], events: [], serviceChecks: [], errors: [] };
  for (const raw of packet.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') continue;
    try {
      if (line.startsWith('_e{')) result.events.push(parseEvent(line));
      else if (line.startsWith('_sc|')) result.serviceChecks.push(parseServiceCheck(line));
      else for (const metric of parseMetric(line)) result.metrics.push(metric);
    } catch (error) {
      result.errors.push({ line, reason: (error as Error).message });
    }
  }
  return result;
}

/** `name:value[:value...]|type[|@rate][|#tags][|T<ts>][|c:<container>]...` */
function parseMetric(line: string): Omit<MetricRecord, 'receivedAt'>[] {
  const fields = line.split('|');
  const head = fields[0] ?? '';
  const colon = head.indexOf(':');
  if (colon <= 0) throw new Error('expected <name>:<value>|<type>');
  const name = head.slice(0, colon);
  const type = fields[1];
  if (type === undefined) throw new Error(`metric ${name}: missing type`);
  if (!METRIC_TYPES.has(type)) throw new Error(`metric ${name}: unknown type "${type}" (accepted: c, g, h, d, ms, s)`);

  let sampleRate = 1;
  let tags: string[] = [];
  let timestamp: number | undefined;
  let containerId: string | undefined;
  for (const field of fields.slice(2)) {
    if (field.startsWith('@')) {
      sampleRate = Number(field.slice(1));
      if (!(field.length > 1 && sampleRate >= 0 && sampleRate <= 1)) {
        throw new Error(`metric ${name}: sample rate "${field}" is not a number in [0, 1]`);
      }
    } else if (field.startsWith('#')) tags = splitTags(field.slice(1));
    else if (field.startsWith('T')) timestamp = parseInteger(field.slice(1), `metric ${name}: timestamp`);
    else if (field.startsWith('c:')) containerId = field.slice(2);
    // Other extension fields (e:, card:) are accepted and ignored.
  }

  // One record per value (DogStatsD 1.1 packs `v1:v2:…`), all sharing the line's tags array;
  // built field by field rather than by spreads: a packed line carries a thousand values.
  const values = head.slice(colon + 1).split(':');
  const records: Omit<MetricRecord, 'receivedAt'>[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const text = values[i]!;
    const value = Number(text);
    const record: Omit<MetricRecord, 'receivedAt'> = { name, type: type as MetricType, value, sampleRate, tags };
    if (type === 's') {
      if (text === '') throw new Error(`metric ${name}: empty set member`);
      if (!Number.isFinite(value)) record.value = Number.NaN;
      record.setValue = text;
    } else {
      if (text.trim() === '' || !Number.isFinite(value)) throw new Error(`metric ${name}: value "${text}" is not a number`);
      if (type === 'g' && (text.startsWith('+') || text.startsWith('-'))) record.delta = true;
    }
    if (timestamp !== undefined) record.timestamp = timestamp;
    if (containerId !== undefined) record.containerId = containerId;
    records[i] = record;
  }
  return records;
}

/** `_e{<title length>,<text length>}:<title>|<text>|d:<ts>|h:<host>|k:<key>|p:<prio>|s:<source>|t:<alert>|#tags` */
function parseEvent(line: string): Omit<StatsdEvent, 'receivedAt'> {
  const header = /^_e\{(\d+),(\d+)\}:/.exec(line);
  if (!header) throw new Error('event: expected _e{<title length>,<text length>}:<title>|<text>');
  const titleLength = Number(header[1]);
  const textLength = Number(header[2]);
  const body = line.slice(header[0].length);
  // The protocol counts UTF-8 bytes; some clients (hot-shots) count UTF-16 units. Accept either.
  const split = splitByLengths(body, titleLength, textLength, 'bytes') ?? splitByLengths(body, titleLength, textLength, 'chars');
  if (!split) throw new Error(`event: title/text do not match the declared lengths ${titleLength},${textLength}`);
  const event: Omit<StatsdEvent, 'receivedAt'> = { title: split.title, text: split.text.replace(/\\n/g, '\n'), tags: [] };
  for (const field of split.rest) {
    if (field.startsWith('#')) event.tags = splitTags(field.slice(1));
    else if (field.startsWith('d:')) event.timestamp = parseInteger(field.slice(2), 'event: timestamp');
    else if (field.startsWith('h:')) event.hostname = field.slice(2);
    else if (field.startsWith('k:')) event.aggregationKey = field.slice(2);
    else if (field.startsWith('p:')) event.priority = field.slice(2);
    else if (field.startsWith('s:')) event.sourceTypeName = field.slice(2);
    else if (field.startsWith('t:')) event.alertType = field.slice(2);
  }
  return event;
}

function splitByLengths(body: string, titleLength: number, textLength: number, unit: 'bytes' | 'chars') {
  const units = unit === 'bytes' ? Buffer.from(body) : body;
  const separator = units.slice(titleLength, titleLength + 1).toString();
  const textEnd = titleLength + 1 + textLength;
  const after = units.slice(textEnd, textEnd + 1).toString();
  if (separator !== '|' || textEnd > units.length || (after !== '' && after !== '|')) return undefined;
  const rest = units.slice(textEnd + 1).toString();
  return {
    title: units.slice(0, titleLength).toString(),
    text: units.slice(titleLength + 1, textEnd).toString(),
    rest: rest === '' ? [] : rest.split('|'),
  };
}

/** `_sc|<name>|<status>|d:<ts>|h:<host>|#tags|m:<message>` (the message is last and may contain `|`). */
function parseServiceCheck(line: string): Omit<ServiceCheck, 'receivedAt'> {
  const fields = line.split('|');
  const name = fields[1] ?? '';
  if (name === '') throw new Error('service check: missing name');
  const status = Number(fields[2]);
  if (!(fields[2] !== '' && Number.isInteger(status) && status >= 0 && status <= 3)) {
    throw new Error(`service check ${name}: status "${fields[2] ?? ''}" is not 0, 1, 2 or 3`);
  }
  const check: Omit<ServiceCheck, 'receivedAt'> = { name, status, tags: [] };
  for (let i = 3; i < fields.length; i++) {
    const field = fields[i] as string;
    if (field.startsWith('m:')) {
      check.message = fields.slice(i).join('|').slice(2).replace(/\\n/g, '\n');
      break;
    }
    if (field.startsWith('#')) check.tags = splitTags(field.slice(1));
    else if (field.startsWith('d:')) check.timestamp = parseInteger(field.slice(2), `service check ${name}: timestamp`);
    else if (field.startsWith('h:')) check.hostname = field.slice(2);
  }
  return check;
}

function splitTags(text: string): string[] {
  return text.split(',').filter((tag) => tag !== '');
}

function parseInteger(text: string, what: string): number {
  if (!/^-?\d+$/.test(text)) throw new Error(`${what} "${text}" is not an integer`);
  return Number(text);
}
