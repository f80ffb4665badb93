/** Every name kennel puts on the wire for HTTP requests, in one place. */

export const METRIC_REQUESTS = 'http.server.requests';
export const METRIC_DURATION = 'http.server.duration';

/** Route tag value when no route matched (404s, early rejections): keeps cardinality fixed. */
export const UNMATCHED_ROUTE = 'unmatched';
/** Status recorded for requests the client aborted before a response was sent (nginx convention). */
export const ABORTED_STATUS = 499;

export const TAG_REQUEST_ID = 'kennel.http.request_id';
export const TAG_ERROR = 'kennel.http.error';
export const TAG_ERROR_MESSAGE = 'error.message';
/** dd-trace's own error flag on a span (true, or the Error itself). */
export const TAG_ERROR_FLAG = 'error';
export const TAG_HTTP_ROUTE = 'http.route';
export const TAG_HTTP_URL = 'http.url';
export const TAG_HTTP_STATUS = 'http.status_code';
export const TAG_SPAN_KIND = 'span.kind';
export const TAG_RESOURCE = 'resource.name';
export const TAG_MANUAL_DROP = 'manual.drop';
export const REQUEST_HEADER_TAG_PREFIX = 'http.request.headers.';

export const REDACTED = '<redacted>';

export const DEFAULT_IGNORE_PATHS: readonly string[] = ['/health', '/healthz', '/livez', '/readyz', '/ping'];
export const DEFAULT_REQUEST_ID_HEADER = 'x-request-id';

/** Credentials: never captured, whatever the allowlist says. */
export const NEVER_CAPTURED_HEADERS: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

export const ENV_IGNORE_PATHS = 'KENNEL_HTTP_IGNORE_PATHS';
export const ENV_TAG_SAMPLE_RATE = 'KENNEL_HTTP_TAG_SAMPLE_RATE';

/** Most routes a per-route cache holds before it starts over: templates are bounded, a buggy caller must not grow memory. */
export const ROUTE_CACHE_LIMIT = 2000;
