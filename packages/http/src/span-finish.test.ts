import { channel } from 'node:diagnostics_channel';
import { expect, test } from 'vitest';
import { whenSpanFinishes } from './span-finish.js';

const finish = (span: object) => channel('dd-trace:span:finish').publish(span);
const follower = () => {
  const calls = { count: 0 };
  return { calls, spanFinished: () => void calls.count++ };
};

test('a follower is called once, when its own span finishes', () => {
  const span = {};
  const other = {};
  const waiting = follower();
  whenSpanFinishes(span, waiting);
  finish(other);
  expect(waiting.calls.count).toBe(0);
  finish(span);
  finish(span);
  expect(waiting.calls.count).toBe(1);
  expect(Object.keys(span)).toEqual([]); // nothing dd-trace would enumerate or encode
});

test('a frozen span is followed all the same', () => {
  const span = Object.freeze({});
  const waiting = follower();
  whenSpanFinishes(span, waiting);
  finish(span);
  finish(span);
  expect(waiting.calls.count).toBe(1);
});

test('a throwing follower never surfaces as an uncaught exception in the host', async () => {
  // diagnostics_channel rethrows a subscriber's error on the next tick, as an uncaught exception.
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => void uncaught.push(error);
  process.on('uncaughtException', onUncaught);
  let called = false;
  try {
    const span = {};
    whenSpanFinishes(span, {
      spanFinished() {
        called = true;
        throw new Error('boom');
      },
    });
    finish(span);
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('uncaughtException', onUncaught);
  }
  expect(called).toBe(true);
  expect(uncaught).toEqual([]);
});
