// Packs every public package and prints its install size: `pnpm package-sizes` (after `pnpm build`).
// Prints a markdown table (the one in the root README).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packPublicPackages, readTarball, unpackedBytes } from './pack.mjs';

const destination = mkdtempSync(join(tmpdir(), 'kennel-sizes-'));
try {
  const rows = packPublicPackages(destination).map((p) => {
    const files = readTarball(p.tarball);
    const maps = [...files].filter(([path]) => path.endsWith('.map')).reduce((sum, [, content]) => sum + content.length, 0);
    return { ...p, files: files.size, unpacked: unpackedBytes(files), maps, packed: statSync(p.tarball).size };
  });
  const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
  console.log('| package | version | files | unpacked | of which source maps | tarball |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: |');
  for (const r of rows.sort((a, b) => a.name.localeCompare(b.name))) {
    console.log(`| \`${r.name}\` | ${r.version} | ${r.files} | ${r.unpacked.toLocaleString('en')} B (${kB(r.unpacked)}) | ${kB(r.maps)} | ${kB(r.packed)} |`);
  }
} finally {
  rmSync(destination, { recursive: true, force: true });
}
