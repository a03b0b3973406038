// Circuit packages on disk, one folder per package sha256 under <data>/packages, so a circuit a coordinator
// sends again is downloaded and unpacked once. A folder appears only when complete (unpacked aside, renamed).
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readCircuitPackage, type CircuitManifest } from './circuit-package.js';

export interface CachedCircuit {
  manifest: CircuitManifest;
  zkeyPath: string;
  wasmPath: string;
  vkeyPath: string;
}

export class PackageCache {
  constructor(
    private readonly dir: string,
    private readonly maxPackageBytes: number,
  ) {}

  /** The unpacked package with this sha256, downloading it with `download` when it is not here yet. */
  async get(sha256: string, download: () => Promise<Uint8Array>): Promise<CachedCircuit> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    const folder = join(this.dir, sha256);
    if (!existsSync(join(folder, 'manifest.json'))) {
      const bytes = await download();
      const actual = createHash('sha256').update(bytes).digest('hex');
      if (actual !== sha256) throw new Error(`circuit package has sha256 ${actual}, expected ${sha256}`);
      const pkg = await readCircuitPackage(bytes, this.maxPackageBytes);
      const staging = join(this.dir, `.tmp-${sha256}-${randomBytes(4).toString('hex')}`);
      await mkdir(staging, { recursive: true });
      try {
        await writeFile(join(staging, 'circuit.zkey'), pkg.zkey);
        await writeFile(join(staging, 'circuit.wasm'), pkg.wasm);
        await writeFile(join(staging, 'verification_key.json'), JSON.stringify(pkg.vkey));
        await writeFile(join(staging, 'manifest.json'), JSON.stringify(pkg.manifest)); // last: marks it complete
        await rename(staging, folder).catch(async (error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error; // another job unpacked it first
        });
      } finally {
        await rm(staging, { recursive: true, force: true });
      }
    }
    const manifest = JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8')) as CircuitManifest;
    return { manifest, zkeyPath: join(folder, 'circuit.zkey'), wasmPath: join(folder, 'circuit.wasm'), vkeyPath: join(folder, 'verification_key.json') };
  }
}
