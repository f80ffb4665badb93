/** Reported by `GET /info` as the agent version. */
export const AGENT_VERSION = 'kennel-local-agent/0.1.0';

/** Package name, exported so consumers and tests can check which kennel package they loaded. */
export const packageName = '@kennel/local-agent';
