// A batch-API sandbox with two practice batches (start-sandbox.ts), in its own process, for the end-to-end
// tests: resolves with its address and the participant ID it knows.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface SandboxProcess {
  url: string;
  participant: string;
  stop(): void;
}

export async function startSandbox(): Promise<SandboxProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/e2e/support/start-sandbox.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the sandbox exited (code ${code})`)));
  });
  return { ...(JSON.parse(line) as { url: string; participant: string }), stop: () => child.kill() };
}
