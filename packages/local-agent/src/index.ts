export { startLocalAgent } from './agent.js';
export { runAgentCli, CLI_USAGE, type CliIo } from './run-cli.js';
export { AgentStore, DEFAULT_LIMITS, type StoreRecord } from './store.js';
export { parseStatsdPacket, type ParsedPacket, type StatsdLineError } from './statsd-parser.js';
export { decodeTraces, type TraceVersion } from './trace-decoder.js';
export { PayloadDecodeError } from './decode-error.js';
export { packageName } from './version.js';
export type * from './types.js';
