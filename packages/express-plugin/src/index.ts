export { instrumentExpress, kennelErrorHandler, kennelExpress } from './middleware.js';
export type { ExpressAppLike, KennelExpressOptions } from './types.js';
export type { RequestContext } from '@kennel/http';
