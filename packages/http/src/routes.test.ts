import { expect, test } from 'vitest';
import { ROUTE_CACHE_LIMIT } from './constants.js';
import type { OutcomeSeries } from './metric-tags.js';
import { RouteTable } from './routes.js';

/** A series factory that records what it was asked for. */
function counting() {
  const built: string[] = [];
  const factory = (method: string, route: string | undefined, status: number): OutcomeSeries => {
    built.push(`${method} ${route} ${status}`);
    return { tags: [`${method} ${route} ${status}`], requests: { record() {} }, duration: { record() {} } };
  };
  return { built, table: new RouteTable(factory) };
}

test('an entry names its route per method, and builds each outcome series once', () => {
  const { built, table } = counting();
  const entry = table.entry('/users/:id');
  expect(table.entry('/users/:id')).toBe(entry);
  expect(entry.resource('GET')).toBe('GET /users/:id');
  expect(entry.resource('POST')).toBe('POST /users/:id');
  expect(entry.resource('GET')).toBe('GET /users/:id'); // back from POST: read from the entry's map
  expect(table.entry(undefined).resource('GET')).toBe('GET unmatched');
  const ok = entry.outcome('GET', 200);
  expect(ok.tags).toEqual(['GET /users/:id 200']);
  expect(entry.outcome('GET', 404).tags).toEqual(['GET /users/:id 404']);
  expect(entry.outcome('POST', 200).tags).toEqual(['POST /users/:id 200']);
  expect(entry.outcome('GET', 200)).toBe(ok);
  expect(built).toEqual(['GET /users/:id 200', 'GET /users/:id 404', 'POST /users/:id 200']);
});

test('entries and series together are bounded: past the limit the table starts over', () => {
  const { built, table } = counting();
  const first = table.entry('/r0');
  first.outcome('GET', 200);
  for (let i = 1; i <= ROUTE_CACHE_LIMIT; i++) table.entry(`/r${i}`).outcome('GET', 200);
  expect(table.entry('/r0')).not.toBe(first);
  // an entry a request still holds keeps answering
  expect(first.outcome('GET', 200).tags).toEqual(['GET /r0 200']);
  expect(built.length).toBe(ROUTE_CACHE_LIMIT + 1);
});

test('a table without metrics names routes and refuses series', () => {
  const table = new RouteTable(undefined);
  expect(table.entry('/a').resource('GET')).toBe('GET /a');
  expect(() => table.entry('/a').outcome('GET', 200)).toThrow(/without metrics/);
});
