// `proverdesk sandbox donation` in its own process, for the end-to-end tests: a program distributor serving one
// program per practice circuit (range-check, poseidon-chain-4k, poseidon-chain-16k), each with `groups` input
// groups. Resolves with its address once it has printed it.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface DonationSandboxProcess {
  url: string;
  stop(): void;
}

export async function startDonationSandboxProcess(groups = 2): Promise<DonationSandboxProcess> {
  const child = spawn(process.execPath, ['bin/proverdesk.js', 'sandbox', 'donation', '--port', '0', '--groups', String(groups)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const match = /^donation sandbox: (\S+)$/.exec(line);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the donation sandbox exited (code ${code})`)));
  });
  return { url, stop: () => child.kill() };
}
