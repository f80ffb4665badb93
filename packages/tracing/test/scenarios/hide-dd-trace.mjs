// Preload: makes `dd-trace` unresolvable, as in an app that did not install the peer dependency.
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier !== 'dd-trace') return nextResolve(specifier, context);
    throw Object.assign(new Error("Cannot find module 'dd-trace'"), { code: 'MODULE_NOT_FOUND' });
  },
});
