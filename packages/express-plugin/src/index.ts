export { kennelExpress, kennelErrorHandler } from './middleware.js';
export type { KennelExpressOptions } from './types.js';
export type { RequestContext } from '@kennel/http';
