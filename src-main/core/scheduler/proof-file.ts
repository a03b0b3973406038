// A finished proof and its figures, kept on disk until the coordinator has it, so a restart submits it again
// instead of proving twice. The file is in place (safe from an app crash) before the job moves to
// `submitting`; its sync to disk (safe from a power loss) runs alongside the submission, and the scheduler
// waits for it before it records the outcome, so a recorded outcome always has its proof on disk.
import { mkdir, open, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProofToSubmit } from './coordinator-adapter.js';

export type ProofFigures = Omit<ProofToSubmit, 'proof'>;

interface StoredProof extends ProofFigures {
  proofBase64: string;
}

/**
 * Writes <dir>/<jobId>.proof.json (aside, then renamed into place) and starts syncing it to disk: `synced`
 * settles when it is there (a failure to sync is passed to onSyncError; it never rejects).
 */
export async function saveProofFile(
  dir: string,
  jobId: string,
  proof: Uint8Array,
  figures: ProofFigures,
  onSyncError: (error: unknown) => void,
): Promise<{ path: string; synced: Promise<void> }> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${jobId}.proof.json`);
  const stored: StoredProof = { ...figures, proofBase64: Buffer.from(proof).toString('base64') };
  await writeFile(`${path}.tmp`, JSON.stringify(stored));
  await rename(`${path}.tmp`, path);
  const synced = (async () => {
    const handle = await open(path, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  })().catch(onSyncError);
  return { path, synced };
}

export async function loadProofFile(path: string): Promise<ProofToSubmit> {
  const { proofBase64, ...figures } = JSON.parse(await readFile(path, 'utf8')) as StoredProof;
  return { ...figures, proof: Buffer.from(proofBase64, 'base64') };
}
