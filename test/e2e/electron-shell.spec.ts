// The desktop app itself, through Playwright's Electron driver: it starts, the window shows the Dashboard, the
// tray shows its menu, and closing the window keeps the app proving in the tray. It needs Electron's binary,
// which cannot be downloaded on every machine (not on this project's CI): there the test is reported as
// skipped, with the reason. Everything the shell decides is also tested without Electron (test/unit/electron).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { _electron as electron, expect, test } from '@playwright/test';
import { SQLITE_BINDING_ENV } from '../../src-main/electron/launch-args.js';
import { ensureSqliteBinding } from '../../src-main/headless/electron-natives.js';
import { locateElectron } from '../../src-main/headless/electron-launcher.js';

test('the desktop app opens on the Dashboard, shows its tray, and keeps running when its window is closed', async () => {
  test.setTimeout(600_000); // the first run builds SQLite for Electron
  const location = await locateElectron({ fetchOnce: false, stateDir: tmpdir(), log: () => {} });
  test.skip(location.kind === 'unavailable', location.kind === 'unavailable' ? `no Electron here: ${location.reason}` : '');
  if (location.kind === 'unavailable') return;

  const { version } = createRequire(import.meta.url)('electron/package.json') as { version: string };
  const sqlite = await ensureSqliteBinding(
    { runtime: 'electron', version, arch: process.arch },
    { cacheDir: join(process.cwd(), 'node_modules', '.cache', 'proverdesk-electron-natives'), log: () => {} },
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'proverdesk-electron-e2e-'));
  const app = await electron.launch({
    executablePath: location.executable,
    args: [process.cwd(), '--data-dir', dataDir, '--no-practice'],
    env: { ...process.env, [SQLITE_BINDING_ENV]: sqlite, PROVERDESK_E2E_HOOKS: '1' },
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('heading', { level: 1 })).toHaveText('Dashboard');

    const trayModel = () => app.evaluate(() => (globalThis as unknown as { proverdeskTrayModel(): { state: string; menu: { id: string }[] } | undefined }).proverdeskTrayModel());
    await expect.poll(async () => (await trayModel())?.menu.map((item) => item.id)).toContain('quit');
    expect((await trayModel())?.state).toMatch(/^(idle|proving|throttled|paused)$/);

    // Closing the window (close to tray is the default) leaves the app running without a window.
    await window.close();
    await expect.poll(async () => app.windows().length).toBe(0);
    expect(await app.evaluate(({ app: electronApp }) => electronApp.isReady())).toBe(true);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
