import { ErrorCodes, KennelError } from './errors.js';
import type { AnyPlugin } from './plugin.js';

/** De-duplicates by name (the last instance wins, so a user's copy replaces a default). */
export function dedupe(plugins: readonly AnyPlugin[]): AnyPlugin[] {
  const byName = new Map<string, AnyPlugin>();
  for (const plugin of plugins) {
    if (!plugin || typeof plugin !== 'object' || typeof plugin.name !== 'string' || typeof plugin.setup !== 'function') {
      throw new KennelError(ErrorCodes.PLUGIN_INVALID, `Invalid plugin ${JSON.stringify(plugin?.name ?? typeof plugin)}: expected an object from definePlugin({ name, setup })`);
    }
    byName.delete(plugin.name);
    byName.set(plugin.name, plugin);
  }
  return [...byName.values()];
}

/** Orders plugins so dependencies come first (stable otherwise); names a missing dependency or a cycle. */
export function orderPlugins(plugins: readonly AnyPlugin[]): AnyPlugin[] {
  const byName = new Map(plugins.map((p) => [p.name, p]));
  for (const plugin of plugins) {
    for (const dep of plugin.dependsOn ?? []) {
      if (!byName.has(dep)) {
        throw new KennelError(
          ErrorCodes.PLUGIN_MISSING_DEPENDENCY,
          `Plugin "${plugin.name}" depends on "${dep}", which is not registered. Add the "${dep}" plugin to createKennel({ plugins }) or remove it from "${plugin.name}".dependsOn.`,
        );
      }
    }
  }
  const ordered: AnyPlugin[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (plugin: AnyPlugin, path: string[]) => {
    const seen = state.get(plugin.name);
    if (seen === 'done') return;
    if (seen === 'visiting') {
      const cycle = [...path.slice(path.indexOf(plugin.name)), plugin.name].join(' → ');
      throw new KennelError(ErrorCodes.PLUGIN_CYCLE, `Plugin dependency cycle: ${cycle}. Break it by removing one of these dependsOn entries.`);
    }
    state.set(plugin.name, 'visiting');
    const deps = [...(plugin.dependsOn ?? []), ...(plugin.optionalDependsOn ?? []).filter((d) => byName.has(d))];
    for (const dep of deps) visit(byName.get(dep)!, [...path, plugin.name]);
    state.set(plugin.name, 'done');
    ordered.push(plugin);
  };
  for (const plugin of plugins) visit(plugin, []);
  return ordered;
}
