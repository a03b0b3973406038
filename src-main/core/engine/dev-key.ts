// INSECURE, test-only Groth16 keys for benchmarks: the native engine makes the proving key from random
// secrets (no powers-of-tau ceremony) and snarkjs exports its verification key, exactly as
// `snarkjs zkey export verificationkey` does.
import { writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import * as snarkjs from 'snarkjs';
import type { EngineHost } from './engine-host.js';
import type { DevSetupStage, DevSetupSummary } from './native-addon.js';

export const INSECURE_KEY_WARNING =
  'INSECURE: this Groth16 key is for tests and benchmarks only. It comes from a random secret that was never ' +
  'destroyed (no trusted-setup ceremony), so proofs made with it prove nothing.';

export interface DevKeyRequest {
  r1csPath: string;
  zkeyPath: string;
  /** Where the verification key JSON goes. */
  vkeyPath: string;
  threads: number;
}

export interface DevKeyHandle {
  readonly result: Promise<DevSetupSummary>;
  cancel(): void;
}

/** File names that say what the files are: `<circuit>.INSECURE-dev.zkey` and `<circuit>.INSECURE-dev.vkey.json`. */
export function suggestedDevKeyPaths(r1csPath: string): { zkey: string; vkey: string } {
  const stem = join(dirname(r1csPath), basename(r1csPath, extname(r1csPath)));
  return { zkey: `${stem}.INSECURE-dev.zkey`, vkey: `${stem}.INSECURE-dev.vkey.json` };
}

/** Makes the proving key in the engine process, then writes its verification key. */
export function makeDevKey(
  engine: EngineHost,
  request: DevKeyRequest,
  onProgress?: (stage: DevSetupStage, fraction: number) => void,
): DevKeyHandle {
  const { vkeyPath, ...setup } = request;
  const handle = engine.devSetup(setup, onProgress);
  const result = handle.result.then(async (summary) => {
    const vkey = await snarkjs.zKey.exportVerificationKey(request.zkeyPath);
    await writeFile(vkeyPath, `${JSON.stringify(vkey, null, 1)}\n`);
    return summary;
  });
  return { result, cancel: () => handle.cancel() };
}
