// Preload: the app (and kennel, resolving its optional peer the way an app's install would) get a
// copy of @opentelemetry/api announcing a newer minor than the one dd-trace bundles. dd-trace keeps
// its own copy. NEWER_OTEL_API is the copy's package folder, prepared by the test.
import { registerHooks } from 'node:module';
import { pathToFileURL } from 'node:url';

const copy = pathToFileURL(`${process.env.NEWER_OTEL_API}/build/src/index.js`).href;
registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier !== '@opentelemetry/api' || context.parentURL?.includes('/dd-trace/')) return nextResolve(specifier, context);
    return { url: copy, format: 'commonjs', shortCircuit: true };
  },
});
