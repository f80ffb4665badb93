import { KennelConfigError, type ConfigIssue } from '@kennel/core';
import { DEFAULT_IGNORE_PATHS, DEFAULT_REQUEST_ID_HEADER, ENV_IGNORE_PATHS, ENV_TAG_SAMPLE_RATE } from './constants.js';
import type { HttpTelemetryOptions, TagFunction } from './types.js';

/** Options after defaults, env vars and validation. */
export interface ResolvedHttpOptions<Req, Res> {
  ignorePaths: readonly string[];
  isErrorStatus: (status: number) => boolean;
  requestIdHeader: string | undefined;
  echoRequestId: boolean;
  captureHeaders: readonly string[];
  keepQueryParams: ReadonlySet<string>;
  tags: TagFunction<Req, Res> | undefined;
  metricTags: TagFunction<Req, Res | undefined> | undefined;
  tagSampleRate: number;
  resourceNames: boolean;
  metrics: boolean;
  llmContext: HttpTelemetryOptions<Req, Res>['llmContext'];
}

/** Applies defaults and env vars; throws one KennelConfigError listing every invalid option. */
export function resolveHttpOptions<Req, Res>(options: HttpTelemetryOptions<Req, Res>, env: Readonly<Record<string, string | undefined>> = process.env): ResolvedHttpOptions<Req, Res> {
  const issues: ConfigIssue[] = [];
  const check = <T>(ok: boolean, source: string, received: unknown, expected: string, value: T): T => {
    if (!ok) issues.push({ source, received, expected });
    return value;
  };
  const stringList = (name: keyof HttpTelemetryOptions, value: unknown, fallback: readonly string[]): readonly string[] =>
    value === undefined ? fallback : check(Array.isArray(value) && value.every((v) => typeof v === 'string'), `options.${name}`, value, 'an array of strings', (value as string[]) ?? fallback);
  const fn = <F>(name: 'tags' | 'metricTags' | 'llmContext', value: F, expected = 'a function (req, res) => tags'): F =>
    check(value === undefined || typeof value === 'function', `options.${name}`, value, expected, value);
  const bool = (name: 'echoRequestId' | 'resourceNames' | 'metrics') =>
    check(options[name] === undefined || typeof options[name] === 'boolean', `options.${name}`, options[name], 'true or false', options[name] ?? true);

  const envPaths = (env[ENV_IGNORE_PATHS] ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  check(envPaths.every((p) => p.startsWith('/')), ENV_IGNORE_PATHS, env[ENV_IGNORE_PATHS], 'comma-separated paths starting with "/" (a trailing * matches a prefix)', null);
  const ignorePaths = [...stringList('ignorePaths', options.ignorePaths, DEFAULT_IGNORE_PATHS), ...envPaths];

  const header = options.requestIdHeader;
  check(header === undefined || header === false || (typeof header === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(header)), 'options.requestIdHeader', header, 'a header name ([A-Za-z0-9-], up to 64 chars) or false', null);

  const resolved: ResolvedHttpOptions<Req, Res> = {
    ignorePaths,
    isErrorStatus: errorPredicate(options.errorStatuses, issues),
    requestIdHeader: header === false ? undefined : (header ?? DEFAULT_REQUEST_ID_HEADER).toLowerCase(),
    echoRequestId: bool('echoRequestId'),
    captureHeaders: stringList('captureHeaders', options.captureHeaders, []),
    keepQueryParams: new Set(stringList('keepQueryParams', options.keepQueryParams, [])),
    tags: fn('tags', options.tags),
    metricTags: fn('metricTags', options.metricTags),
    tagSampleRate: sampleRate(options.tagSampleRate, env[ENV_TAG_SAMPLE_RATE], issues),
    resourceNames: bool('resourceNames'),
    metrics: bool('metrics'),
    llmContext: fn('llmContext', options.llmContext, 'a function (req) => ({ sessionId, userId }) or undefined'),
  };
  if (issues.length > 0) throw new KennelConfigError(issues);
  return resolved;
}

function sampleRate(value: number | undefined, envValue: string | undefined, issues: ConfigIssue[]): number {
  const fromEnv = envValue === undefined || envValue.trim() === '' ? undefined : Number(envValue);
  const rate = fromEnv ?? value ?? 1;
  if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) {
    issues.push({ source: fromEnv === undefined ? 'options.tagSampleRate' : ENV_TAG_SAMPLE_RATE, received: fromEnv === undefined ? value : envValue, expected: 'a number between 0 and 1' });
  }
  return rate;
}

function errorPredicate(value: HttpTelemetryOptions['errorStatuses'], issues: ConfigIssue[]): (status: number) => boolean {
  if (value === undefined) return (status) => status >= 500;
  if (typeof value === 'function') return value;
  const valid = Array.isArray(value) && value.every((v) => (typeof v === 'number' ? isStatus(v) : Array.isArray(v) && v.length === 2 && v.every(isStatus) && v[0]! <= v[1]!));
  if (!valid) {
    issues.push({ source: 'options.errorStatuses', received: value, expected: 'a function (status) => boolean or a list of status codes (100–599) and [from, to] ranges with from <= to' });
    return () => false;
  }
  const codes = new Set<number>();
  for (const entry of value) {
    if (typeof entry === 'number') codes.add(entry);
    else for (let s = entry[0]; s <= entry[1]; s++) codes.add(s);
  }
  return (status) => codes.has(status);
}

/** An HTTP status code (and 499, kennel's aborted request, among them). */
function isStatus(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 100 && (value as number) <= 599;
}
