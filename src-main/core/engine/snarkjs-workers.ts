// snarkjs keeps one BN254 curve per process with a worker thread per core, and never ends them on its
// own: a short-lived process (a CLI command, a test file) ends them so that it can exit.
export async function releaseSnarkjsWorkers(): Promise<void> {
  const holder = globalThis as { curve_bn128?: { terminate(): Promise<void> } | null };
  await holder.curve_bn128?.terminate();
}
