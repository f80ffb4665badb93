import { channel } from 'node:diagnostics_channel';
import { createHookBus } from '@kennel/core';
import { expect, test } from 'vitest';
import { scrubFinishedSpans, scrubTags } from './scrub.js';

const stats = () => ({ droppedPayloads: 0, exportErrors: 0, droppedTags: 0 });

test('no preTag handler: the tags object is returned as is (nothing allocated)', () => {
  const tags = { email: 'a@b.c' };
  expect(scrubTags(createHookBus(() => {}), tags, stats())).toBe(tags);
});

test('string tags go through preTag with key and channel; null drops and is counted; other types pass', () => {
  const hooks = createHookBus(() => {});
  const seen: unknown[] = [];
  hooks.on('preTag', (value, key, channel) => {
    seen.push([key, channel]);
    return key === 'secret' ? null : value.toUpperCase();
  });
  const counters = stats();
  expect(scrubTags(hooks, { name: 'bob', secret: 'x', n: 3, ok: true, none: undefined }, counters)).toEqual({ name: 'BOB', n: 3, ok: true, none: undefined });
  expect(seen).toEqual([['name', 'span.tag'], ['secret', 'span.tag']]);
  expect(counters.droppedTags).toBe(1);
});

test('a throwing scrubber fails closed: the tag is dropped, not sent raw', () => {
  const hooks = createHookBus(() => {});
  hooks.on('preTag', () => {
    throw new Error('broken scrubber');
  });
  expect(scrubTags(hooks, { email: 'a@b.c' }, stats())).toEqual({});
});

test('finished spans are followed only while a preTag handler exists, and their string tags are scrubbed then', () => {
  const finish = channel('dd-trace:span:finish');
  const hooks = createHookBus(() => {});
  const stop = scrubFinishedSpans(hooks, stats());
  expect(finish.hasSubscribers).toBe(false);
  const off = hooks.on('preTag', (value) => value.replace('a@b.c', '[email]'));
  expect(finish.hasSubscribers).toBe(true);
  const tags: Record<string, unknown> = { 'user.email': 'mail a@b.c', 'span.kind': 'server' };
  finish.publish({ context: () => ({ _tags: tags }) });
  expect(tags).toEqual({ 'user.email': 'mail [email]', 'span.kind': 'server' });
  off();
  expect(finish.hasSubscribers).toBe(false);
  hooks.on('preTag', (value) => value);
  expect(finish.hasSubscribers).toBe(true);
  stop();
  expect(finish.hasSubscribers).toBe(false);
});
