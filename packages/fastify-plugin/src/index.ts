export { kennelFastify } from './plugin.js';
export type { KennelFastifyOptions } from './types.js';
export type { RequestContext } from '@kennel/http';
