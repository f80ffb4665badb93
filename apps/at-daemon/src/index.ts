export { parseDaemonConfig, usage, type ParsedCli } from './config.js';
export { startDaemon, type Daemon, type StartOptions } from './daemon.js';
export { createAuthorizer, type AuthResult } from './api/auth.js';
export type * from './types.js';
