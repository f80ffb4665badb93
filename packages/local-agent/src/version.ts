/** Reported by `GET /info` as the agent version. */
export const AGENT_VERSION = 'kennel-local-agent/0.1.0';
