/**
 * `node --import @kennel/tracing/register app.js` (ESM or CommonJS app; `--require` works for
 * CommonJS too): starts dd-trace from kennel's environment config before any of the app's
 * modules load, and registers dd-trace's ESM loader hook so ES modules are instrumented too.
 * `tracingPlugin()` then adopts this tracer. Never throws: a problem is reported and the app runs.
 */
import { createRequire } from 'node:module';
import { resolveConfig } from '@kennel/core';
import { applyPreset, reportDeclined, resolvePreset } from './preset.js';
import { bootLogger, startTracer } from './tracer.js';

function register(): void {
  let config;
  try {
    config = resolveConfig({}, process.env);
  } catch (error) {
    process.stderr.write(`[kennel:tracing] error: tracing not started by @kennel/tracing/register: ${error instanceof Error ? error.message : String(error)}\n`);
    return;
  }
  if (!config.tracing.enabled || config.plugins['tracing'] === false) return;
  const logger = bootLogger(config);
  try {
    const choice = resolvePreset(undefined, config);
    applyPreset(choice.preset);
    reportDeclined(choice, logger);
    startTracer(config, 'register', logger, choice);
    // dd-trace's own entry for the loader hook: module.registerHooks (sync) where Node supports it, else module.register.
    createRequire(import.meta.url)('dd-trace/register.js');
  } catch (error) {
    logger.error('tracing not started by @kennel/tracing/register; the app runs untraced', { error: String(error) });
  }
}

register();
