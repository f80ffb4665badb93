import { describe, expect, it } from 'vitest';
import { groupOf, optimizedFunctions } from './code-size.mjs';

const log = [
  'code-creation,JS,9,100,0x1,300,start file:///k/packages/http/dist/index.js:498:10,0xa,~',
  'code-creation,JS,12,200,0x2,1200,start file:///k/packages/http/dist/index.js:498:10,0xa,+',
  "code-creation,JS,14,300,0x3,3800,start file:///k/packages/http/dist/index.js:498:10,0xa,*'",
  'code-creation,JS,12,400,0x4,640, file:///k/packages/express-plugin/dist/index.js:422:3,0xb,+',
  'code-creation,JS,9,500,0x5,90,never file:///k/packages/metrics/dist/index.js:1:1,0xc,^',
  'code-creation,JS,14,600,0x6,500,get a,b /k/node_modules/.pnpm/dd-trace@6.21.0/node_modules/dd-trace/src/x.js:1:1,0xd,*',
  'code-creation,Builtin,3,700,0x7,64,ArrayPush',
].join('\n');

describe('optimizedFunctions', () => {
  it("keeps each function's last optimized code, with its tier, package and place", () => {
    expect(optimizedFunctions(log)).toEqual([
      { name: 'start', where: 'file:///k/packages/http/dist/index.js:498:10', size: 3800, tier: 'TurboFan', group: '@kennel/http' },
      { name: '(anonymous)', where: 'file:///k/packages/express-plugin/dist/index.js:422:3', size: 640, tier: 'Maglev', group: '@kennel/express' },
      { name: 'get a,b', where: '/k/node_modules/.pnpm/dd-trace@6.21.0/node_modules/dd-trace/src/x.js:1:1', size: 500, tier: 'TurboFan', group: 'dd-trace' },
    ]);
  });

  it('leaves out code never optimized and anything but JS functions', () => {
    expect(optimizedFunctions(log).map((fn) => fn.name)).not.toContain('never');
    expect(optimizedFunctions('code-creation,Builtin,3,700,0x7,64,ArrayPush')).toEqual([]);
  });
});

describe('groupOf', () => {
  it.each([
    ['start file:///k/packages/fastify-plugin/dist/index.js:1:1', '@kennel/fastify'],
    ['emit node:events:1:1', 'node'],
    ['send /k/node_modules/.pnpm/express@5.1.0/node_modules/express/lib/response.js:1:1', 'express'],
    ['x /k/node_modules/@scope/pkg/index.js:1:1', '@scope/pkg'],
    ['handler file:///k/packages/http/bench/child.mjs:1:1', 'other'],
  ])('%s is %s', (label, group) => {
    expect(groupOf(label)).toBe(group);
  });
});
