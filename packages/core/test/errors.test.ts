import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { ErrorCodes } from '../src/index.js';

test('every error code is unique and documented in docs/errors.md', () => {
  const docs = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
  const codes = Object.values(ErrorCodes);
  expect(new Set(codes).size).toBe(codes.length);
  for (const code of codes) {
    expect(code).toMatch(/^KENNEL_ERR_[A-Z]+_[A-Z_]+$/);
    expect(docs, `${code} missing from docs/errors.md`).toContain(`\`${code}\``);
  }
});
