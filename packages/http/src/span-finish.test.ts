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

test('a throwing follower does not reach the code that finished the span', () => {
  const span = {};
  whenSpanFinishes(span, {
    spanFinished() {
      throw new Error('boom');
    },
  });
  expect(() => finish(span)).not.toThrow();
});
