// Finds the installed ProverDesk package (works from sources under src-main and from the build under dist).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PackageInfo {
  root: string;
  version: string;
}

export function findPackage(from: string = fileURLToPath(import.meta.url)): PackageInfo {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (parsed.name === 'proverdesk') return { root: dir, version: parsed.version ?? '0.0.0' };
    }
    if (dirname(dir) === dir) throw new Error(`cannot find ProverDesk's package.json above ${from}`);
  }
}

/** Where `npm run build` puts the practice market's circuit packages. */
export function practicePackagesDir(root: string): string {
  return join(root, 'dist', 'practice');
}
