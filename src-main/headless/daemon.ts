// Headless mode: the core plus the UI served on loopback; runs until SIGINT or SIGTERM, then closes cleanly.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startCore } from '../core/core.js';
import { headlessDesktopSignals } from '../core/governor/desktop-signals.js';
import { loadOrCreateAccessToken } from './access-token.js';
import { findPackage, practicePackagesDir } from './package-root.js';
import { startUiServer } from './ui-server.js';

export interface HeadlessOptions {
  dataDir: string;
  port: number;
  sampleIntervalMs?: number;
  /** Leave the practice market off for this run. */
  noPractice?: boolean;
  /** Count the user as always away (servers, rigs): there is no desktop session to ask. */
  assumeIdle?: boolean;
}

export async function runHeadless(options: HeadlessOptions): Promise<void> {
  const pkg = findPackage();
  const staticDir = join(pkg.root, 'dist', 'renderer');
  if (!existsSync(join(staticDir, 'index.html'))) {
    throw new Error(`the UI is not built (no ${join(staticDir, 'index.html')}): run "npm run build"`);
  }
  const core = await startCore({
    dataDir: options.dataDir,
    mode: 'headless',
    appVersion: pkg.version,
    practicePackagesDir: practicePackagesDir(pkg.root),
    practice: !options.noPractice,
    desktopSignals: headlessDesktopSignals({ assumeIdle: options.assumeIdle ?? false }),
    ...(process.env.PROVERDESK_KEYCHAIN_SERVICE ? { keychainService: process.env.PROVERDESK_KEYCHAIN_SERVICE } : {}),
    ...(options.sampleIntervalMs === undefined ? {} : { sampleIntervalMs: options.sampleIntervalMs }),
  });
  let server;
  try {
    const token = loadOrCreateAccessToken(options.dataDir);
    server = await startUiServer({ core, token, staticDir, port: options.port });
    process.stdout.write(`ProverDesk UI: ${server.url}?token=${token}\n`);
  } catch (error) {
    await core.close();
    throw error;
  }

  const uiServer = server;
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.stderr.write(`ProverDesk: ${signal} received, stopping…\n`);
      void uiServer
        .close()
        .then(() => core.close())
        .then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
