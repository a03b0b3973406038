// The desktop app's main process: one instance per data folder, the core behind the IPC bridge, and a
// hardened window showing the renderer from app://proverdesk.
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron';
import { electronDesktopSignals } from './desktop-signals.js';
import { startCore, type Core } from '../core/core.js';
import { createStderrLogger } from '../core/log/logger.js';
import { APP_SCHEME } from './app-origin.js';
import { createAppProtocolHandler } from './app-protocol.js';
import { launchEngineUtilityProcess } from './engine-process.js';
import { registerIpcBridge } from './ipc-bridge.js';
import { LaunchArgumentError, readDataDirArgument, SQLITE_BINDING_ENV } from './launch-args.js';
import { hardenWebContents } from './web-contents-hardening.js';
import { createMainWindow, focusWindow } from './window.js';

const logger = createStderrLogger('electron');
const PRELOAD_PATH = fileURLToPath(new URL('./preload.cjs', import.meta.url));
const RENDERER_DIR = fileURLToPath(new URL('../../renderer/', import.meta.url));
const PRACTICE_DIR = fileURLToPath(new URL('../../practice/', import.meta.url));

let corePromise: Promise<Core> | undefined;
let disposeBridge: (() => void) | undefined;
let mainWindow: BrowserWindow | undefined;
let shutdown: 'running' | 'closing' | 'closed' = 'running';

/** Everything Electron accepts only before `ready`; false when this process should not go on. */
function prepare(): boolean {
  let dataDir: string | undefined;
  try {
    dataDir = readDataDirArgument(process.argv);
  } catch (error) {
    if (!(error instanceof LaunchArgumentError)) throw error;
    process.stderr.write(`ProverDesk: ${error.message}\n`);
    app.exit(2);
    return false;
  }
  if (dataDir !== undefined) app.setPath('userData', dataDir);
  // The lock lives in userData, so only a second start on the same data folder is turned away.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);

  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, (url) => {
      shell.openExternal(url).catch((error: unknown) => logger.warn(`could not open ${url}: ${String(error)}`));
    }),
  );
  app.on('second-instance', showMainWindow);
  app.on('activate', showMainWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', (event) => {
    if (shutdown === 'closed') return;
    event.preventDefault();
    if (shutdown === 'closing') return;
    shutdown = 'closing';
    void closeCore().finally(() => {
      shutdown = 'closed';
      app.quit();
    });
  });
  return true;
}

async function start(): Promise<void> {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(RENDERER_DIR));

  // `proverdesk start` hands over a SQLite module built for Electron; a packaged app has it in place.
  const sqliteNativeBinding = process.env[SQLITE_BINDING_ENV];
  corePromise = startCore({
    dataDir: app.getPath('userData'),
    mode: 'electron',
    appVersion: app.getVersion(),
    engineLauncher: launchEngineUtilityProcess,
    practicePackagesDir: PRACTICE_DIR,
    practice: !process.argv.includes('--no-practice'),
    desktopSignals: electronDesktopSignals(),
    ...(sqliteNativeBinding ? { sqliteNativeBinding } : {}),
  });
  const core = await corePromise;
  if (shutdown !== 'running') return;
  disposeBridge = registerIpcBridge({
    ipcMain,
    core,
    appContents: () => BrowserWindow.getAllWindows().map((window) => window.webContents),
  });
  showMainWindow();
}

function showMainWindow(): void {
  if (disposeBridge === undefined) return; // still starting, or shutting down
  if (mainWindow !== undefined && !mainWindow.isDestroyed()) {
    focusWindow(mainWindow);
    return;
  }
  mainWindow = createMainWindow(PRELOAD_PATH, (error) =>
    logger.error(`the interface did not load from ${RENDERER_DIR} (run "npm run build" if it is missing)`, error),
  );
}

async function closeCore(): Promise<void> {
  disposeBridge?.();
  disposeBridge = undefined;
  try {
    const core = await corePromise?.catch(() => undefined); // a core that failed to start has nothing to close
    await core?.close();
  } catch (error) {
    logger.error('closing the core failed', error);
  }
}

if (prepare()) {
  app
    .whenReady()
    .then(start)
    .catch(async (error: unknown) => {
      logger.error('ProverDesk could not start', error);
      dialog.showErrorBox('ProverDesk could not start', error instanceof Error ? error.message : String(error));
      await closeCore();
      app.exit(1);
    });
}
