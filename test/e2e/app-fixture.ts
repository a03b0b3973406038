// Starts the headless app as a real process (once per worker), the way a user would, and stops it with
// SIGTERM at the end, expecting a clean exit.
import { test as base, expect } from '@playwright/test';
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STARTUP_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
const UI_LINE = /^ProverDesk UI: (http:\/\/127\.0\.0\.1:\d+\/)\?token=(\S+)$/m;

export interface HeadlessApp {
  /** The link the app printed, with the token. */
  url: string;
  /** The same address without the token. */
  baseUrl: string;
  token: string;
  dataDir: string;
}

type AppProcess = ChildProcessByStdio<null, Readable, Readable>;

function waitForUiLine(child: AppProcess, output: () => string): Promise<Omit<HeadlessApp, 'dataDir'>> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`${why}\n--- output of proverdesk ---\n${output()}`));
    };
    const timer = setTimeout(
      () => fail(`no "ProverDesk UI:" line within ${STARTUP_TIMEOUT_MS / 1000} s`),
      STARTUP_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = UI_LINE.exec(stdout);
      if (match === null) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('exit', onExit);
      resolve({ url: `${match[1]!}?token=${match[2]!}`, baseUrl: match[1]!, token: match[2]! });
    };
    const onExit = (code: number | null, signal: string | null) =>
      fail(`proverdesk exited before printing its address (code ${code}, signal ${signal})`);
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });
}

function stop(child: AppProcess): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode });
      return;
    }
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`proverdesk did not stop within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM`));
    }, STOP_TIMEOUT_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
    child.kill('SIGTERM');
  });
}

export const test = base.extend<object, { app: HeadlessApp; practice: boolean; appEnv: Record<string, string> }>({
  /** Whether the app runs its built-in practice market; off unless a spec file asks (`test.use({ practice: true })`). */
  practice: [false, { scope: 'worker', option: true }],
  /** Variables added to the app's environment (e.g. an emulated GPU), for a spec file that asks. */
  appEnv: [{}, { scope: 'worker', option: true }],
  app: [
    async ({ practice, appEnv }, use) => {
      const dataDir = await mkdtemp(join(tmpdir(), 'proverdesk-e2e-'));
      const args = ['start', '--headless', '--data-dir', dataDir, '--port', '0', '--sample-interval-ms', '500', ...(practice ? [] : ['--no-practice'])];
      const child = spawn(process.execPath, ['bin/proverdesk.js', ...args], {
        cwd: REPO_ROOT,
        env: { ...process.env, ...appEnv },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      // Keep reading both streams for the whole run (a full pipe would stall the app); the tail explains failures.
      let output = '';
      const keep = (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-16_000);
      };
      child.stdout.on('data', keep);
      child.stderr.on('data', keep);

      let exit: Awaited<ReturnType<typeof stop>>;
      try {
        const printed = await waitForUiLine(child, () => output);
        await use({ ...printed, dataDir });
      } finally {
        exit = await stop(child);
        await rm(dataDir, { recursive: true, force: true });
      }
      expect(exit, `proverdesk should exit cleanly on SIGTERM; its output:\n${output}`).toEqual({
        code: 0,
        signal: null,
      });
    },
    { scope: 'worker', timeout: STARTUP_TIMEOUT_MS + STOP_TIMEOUT_MS + 10_000 },
  ],
});

export { expect };
