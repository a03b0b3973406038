// Reads the practice market's circuit packages that scripts/build-practice.ts put in dist/practice/, checking
// each against the hash in the index so a damaged install is reported, not served.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { SandboxCircuit } from '../coordinators/batch-api/sandbox-server.js';
import { readCircuitPackage } from '../engine/circuit-package.js';

export const PRACTICE_INDEX_FILE = 'index.json';
const MAX_PRACTICE_PACKAGE_BYTES = 256 * 2 ** 20;

const PracticeIndexSchema = z.object({
  recipe: z.string(),
  circuits: z.array(z.object({ name: z.string(), file: z.string().regex(/^[\w.-]+\.tar$/), constraints: z.number().int().positive(), sha256: z.string() })),
});
export type PracticeIndex = z.infer<typeof PracticeIndexSchema>;

export interface PracticePackage extends SandboxCircuit {
  name: string;
  constraints: number;
  /** Of packageBytes, checked against the index. */
  sha256: string;
}

export async function loadPracticePackages(dir: string): Promise<PracticePackage[]> {
  let raw: string;
  try {
    raw = await readFile(join(dir, PRACTICE_INDEX_FILE), 'utf8');
  } catch {
    throw new Error(`the practice circuits are not built (no ${join(dir, PRACTICE_INDEX_FILE)}): run "npm run build"`);
  }
  const index = PracticeIndexSchema.safeParse(JSON.parse(raw));
  if (!index.success) throw new Error(`${join(dir, PRACTICE_INDEX_FILE)} is damaged: rebuild with "npm run build"`);
  return Promise.all(
    index.data.circuits.map(async (entry) => {
      const packageBytes = await readFile(join(dir, entry.file));
      if (createHash('sha256').update(packageBytes).digest('hex') !== entry.sha256) {
        throw new Error(`the practice package ${entry.file} is damaged (its hash does not match): rebuild with "npm run build"`);
      }
      const circuit = await readCircuitPackage(packageBytes, MAX_PRACTICE_PACKAGE_BYTES);
      return { name: entry.name, constraints: entry.constraints, sha256: entry.sha256, packageBytes, circuit };
    }),
  );
}
