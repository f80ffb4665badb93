import { expect, test } from 'vitest';
import { cachedLookup } from '../src/dns.js';

test('re-resolves a name after the refresh interval, serving the cached address meanwhile and on failure', () => {
  let clock = 0;
  const answers: Array<[Error | null, string]> = [[null, '10.0.0.1'], [null, '10.0.0.2'], [new Error('SERVFAIL'), '']];
  const calls: string[] = [];
  const lookup = cachedLookup(1000, (host, _family, cb) => {
    calls.push(host);
    const [error, address] = answers.shift()!;
    cb(error as NodeJS.ErrnoException | null, address, 4);
  }, () => clock);
  const resolve = () => {
    let got = '';
    lookup('agent.internal', 4, (_e, address) => void (got = address));
    return got;
  };
  expect(resolve()).toBe('10.0.0.1');
  clock = 500;
  expect(resolve()).toBe('10.0.0.1');
  expect(calls).toHaveLength(1);
  clock = 1000; // expired: this send uses the cached address, the refresh updates it for the next one
  expect(resolve()).toBe('10.0.0.1');
  expect(resolve()).toBe('10.0.0.2');
  clock = 2000; // refresh fails: the last good address stays
  expect(resolve()).toBe('10.0.0.2');
  expect(resolve()).toBe('10.0.0.2');
  expect(calls).toHaveLength(3);
});

test('IP literals never hit the resolver', () => {
  const lookup = cachedLookup(1000, () => {
    throw new Error('should not resolve');
  });
  let got = '';
  lookup('0.0.0.0', 4, (_e, address) => void (got = address));
  expect(got).toBe('0.0.0.0');
});
