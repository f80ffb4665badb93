import type { LoggedRequest } from './request-log.js';

/** The session token of a request: `X-Datadog-Test-Session-Token` header, else `test_session_token` query. */
export function sessionToken(headers: Record<string, string | string[] | undefined>, url: URL): string | undefined {
  const header = headers['x-datadog-test-session-token'];
  const value = Array.isArray(header) ? header[0] : header;
  return value ?? url.searchParams.get('test_session_token') ?? undefined;
}

/** No request belongs to the token and no session was started with it. */
export class NoSuchSessionError extends Error {
  override name = 'NoSuchSessionError';
}

/**
 * The requests belonging to a session, with ddapm-test-agent's semantics: walking back from the newest
 * request until the session's `/test/session/start`, keep the requests sent with the token and those
 * sent without one (the latter only until another session's start). Without a token: the untokened
 * requests since the latest start.
 */
export function requestsForSession(entries: readonly LoggedRequest[], token: string | undefined): LoggedRequest[] {
  const own: LoggedRequest[] = [];
  let untokened: LoggedRequest[] = [];
  let matched = token === undefined;
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i] as LoggedRequest;
    if (entry.kind === 'session-start') {
      if (token === undefined) break;
      if (entry.sessionToken === token) {
        matched = true;
        break;
      }
      untokened = [];
      continue;
    }
    if (entry.sessionToken === token) own.push(entry);
    else if (entry.sessionToken === undefined) untokened.push(entry);
  }
  if (!matched && own.length === 0) throw new NoSuchSessionError(`No session found for token '${token}'`);
  return [...own, ...untokened].sort((a, b) => a.seq - b.seq);
}

/**
 * `/test/session/clear`: with a token, drops the session's requests (keeping its start); without one,
 * drops every request.
 */
export function clearSession(entries: readonly LoggedRequest[], token: string | undefined): (entry: LoggedRequest) => boolean {
  if (token === undefined) return () => false;
  const drop = new Set<LoggedRequest>();
  let inSession = false;
  for (const entry of entries) {
    if (entry.kind === 'session-start') {
      inSession = entry.sessionToken === token;
      continue;
    }
    if (inSession || entry.sessionToken === token) drop.add(entry);
  }
  return (entry) => !drop.has(entry);
}
