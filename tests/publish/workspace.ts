import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface WorkspacePackage {
  /** Absolute folder. */
  dir: string;
  /** Folder relative to the repository root, e.g. `packages/core`. */
  path: string;
  json: PackageJson;
}

export interface ExportConditions {
  import: { types: string; default: string };
  require: { types: string; default: string };
}

export interface PackageJson {
  name: string;
  version: string;
  private?: boolean;
  description?: string;
  keywords?: string[];
  license?: string;
  homepage?: string;
  bugs?: { url: string };
  repository?: { type: string; url: string; directory: string };
  type?: string;
  files?: string[];
  main?: string;
  module?: string;
  types?: string;
  exports?: Record<string, ExportConditions | string>;
  engines?: Record<string, string>;
  sideEffects?: boolean | string[];
  bin?: Record<string, string>;
  publishConfig?: { access?: string };
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/** Every package under the workspace folders that hold publishable code (packages/*, apps/*). */
export function workspacePackages(): WorkspacePackage[] {
  return ['packages', 'apps'].flatMap((group) =>
    readdirSync(join(ROOT, group))
      .map((name) => join(ROOT, group, name))
      .filter((dir) => existsSync(join(dir, 'package.json')))
      .map((dir) => ({ dir, path: relative(ROOT, dir), json: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson })),
  );
}

/** The packages users install from the registry. */
export function publicPackages(): WorkspacePackage[] {
  return workspacePackages().filter((p) => !p.json.private);
}

export function packageByName(name: string): WorkspacePackage {
  const found = workspacePackages().find((p) => p.json.name === name);
  if (!found) throw new Error(`no workspace package named ${name}`);
  return found;
}
