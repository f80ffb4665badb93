import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { TracerState } from './internal-types.js';
import { PRESET_ENV } from './preset.js';

/** Node publishes each http(s) server response here as it finishes: `{ request, response, socket, server }`. */
const RESPONSE_FINISH = 'http.server.response.finish';

/**
 * The servers kennel's framework middleware serves, for a lean preset the app did not choose (the
 * prod config preset's). Under the lean preset dd-trace opens no server spans, so a server the
 * middleware does not serve (a plain `http` server, another framework, an app missing the
 * middleware) would answer untraced. The middleware claims each server it sees a request on; the
 * first response from a server nobody claimed turns dd-trace's server spans back on for the
 * process, with a warning that says what to do. Until then each response costs one comparison
 * (one server) or one WeakSet lookup; after it, nothing.
 */
export class ServedServers {
  readonly #served = new WeakSet<object>();
  /** The server claimed last: a process nearly always has one, so the lookups stop here. */
  #last: object | undefined = undefined;
  #watching = true;
  readonly #onFinish = (message: unknown) => this.#check((message as { server?: unknown } | null)?.server);

  constructor(private readonly state: TracerState) {
    subscribe(RESPONSE_FINISH, this.#onFinish);
  }

  /** The middleware serves `server` (a request's `socket.server`). Never throws. */
  claim(server: unknown): void {
    if (server === this.#last || typeof server !== 'object' || server === null) return;
    this.#last = server;
    this.#served.add(server);
  }

  stop(): void {
    if (!this.#watching) return;
    this.#watching = false;
    unsubscribe(RESPONSE_FINISH, this.#onFinish);
  }

  #check(server: unknown): void {
    if (server === this.#last || typeof server !== 'object' || server === null || this.#served.has(server)) return;
    this.stop();
    const port = (server as { address?: () => unknown }).address?.();
    try {
      this.state.tracer.use('http', { server: true });
      this.state.serverSpans = 'dd-trace';
    } catch (error) {
      this.state.logger.warn('could not turn dd-trace http server spans back on', { error: String(error) });
      return;
    }
    this.state.logger.warn(
      `a request was answered by an http server that neither @kennel/fastify nor @kennel/express serves, so it had no web span: the prod config preset traces with @kennel/tracing's lean preset, where that middleware opens each request's web span. dd-trace's own server spans are back on for this process (named by method only: dd-trace's framework integrations stay off). Add the middleware to that server, or set ${PRESET_ENV}=default for dd-trace's defaults (or ${PRESET_ENV}=lean to keep the lean preset and leave such servers untraced).`,
      { server: typeof port === 'object' && port !== null ? port : String(port) },
    );
  }
}
