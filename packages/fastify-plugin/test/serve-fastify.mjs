import { serveChild } from '../../http/test/serve-child.mjs';

/** Serves a fastify fixture app to its test process on a free loopback port (see serveChild). */
export function serveFastify(kennel, app) {
  return serveChild(
    kennel,
    async () => {
      await app.listen({ port: 0, host: '127.0.0.1' });
      return app.server.address().port;
    },
    () => app.close(),
    app.version,
  );
}
