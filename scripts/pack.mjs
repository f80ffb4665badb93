// Packs every public @kennel/* package the way `pnpm publish` would, and reads the tarballs back.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

const ROOT = resolve(import.meta.dirname, '..');

/**
 * `pnpm pack` for every package under packages/ (pnpm rewrites `workspace:^` on pack).
 * @param {string} destination folder for the .tgz files
 * @returns {{ name: string, version: string, tarball: string }[]}
 */
export function packPublicPackages(destination) {
  const out = execFileSync('pnpm', ['-r', '--filter', './packages/**', 'pack', '--pack-destination', destination, '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const packed = JSON.parse(out);
  return (Array.isArray(packed) ? packed : [packed]).map((p) => ({ name: p.name, version: p.version, tarball: p.filename }));
}

/**
 * The files of a .tgz (ustar, as npm and pnpm write it), path → content, without the `package/` prefix.
 * @param {string} tarball
 * @returns {Map<string, Buffer>}
 */
export function readTarball(tarball) {
  const tar = gunzipSync(readFileSync(tarball));
  const files = new Map();
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const field = (start, length) => header.subarray(start, start + length).toString('utf8').replace(/\0.*$/s, '');
    const name = [field(345, 155), field(0, 100)].filter(Boolean).join('/');
    const size = Number.parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    if (type === '0' || type === '') files.set(name.replace(/^package\//, ''), tar.subarray(offset + 512, offset + 512 + size));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

/**
 * Bytes on disk once installed (what npm reports as "unpacked size").
 * @param {Map<string, Buffer>} files
 */
export function unpackedBytes(files) {
  let total = 0;
  for (const content of files.values()) total += content.length;
  return total;
}
