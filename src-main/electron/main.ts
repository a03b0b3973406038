// The desktop app's main process: one instance per data folder, the core behind the IPC bridge, a hardened
// window showing the renderer from app://proverdesk, and the desktop shell (tray, notifications, start at
// login) around them. Closing the window keeps proving in the tray unless the user chose otherwise.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, powerMonitor, protocol, session, shell } from 'electron';
import { electronDesktopSignals } from './desktop-signals.js';
import { startCore, type Core } from '../core/core.js';
import { createStderrLogger } from '../core/log/logger.js';
import { APP_SCHEME } from './app-origin.js';
import { createAppProtocolHandler } from './app-protocol.js';
import { startDesktopShell, type DesktopShell } from './desktop-shell.js';
import { launchEngineUtilityProcess } from './engine-process.js';
import { registerIpcBridge } from './ipc-bridge.js';
import { LaunchArgumentError, readDataDirArgument, SQLITE_BINDING_ENV } from './launch-args.js';
import { readShellState, shouldDisableHardwareAcceleration } from './shell-state.js';
import { hardenWebContents } from './web-contents-hardening.js';
import { createMainWindow, focusWindow } from './window.js';

const logger = createStderrLogger('electron');
const PRELOAD_PATH = fileURLToPath(new URL('./preload.cjs', import.meta.url));
const RENDERER_DIR = fileURLToPath(new URL('../../renderer/', import.meta.url));
const PRACTICE_DIR = fileURLToPath(new URL('../../practice/', import.meta.url));
// The tray hands icon paths to the OS (AppIndicator on Linux), so a packaged app uses the unpacked copies.
const TRAY_ICONS_DIR = app.isPackaged
  ? join(process.resourcesPath, 'app.asar.unpacked', 'assets', 'tray')
  : fileURLToPath(new URL('../../../assets/tray/', import.meta.url));

let corePromise: Promise<Core> | undefined;
let disposeBridge: (() => void) | undefined;
let mainWindow: BrowserWindow | undefined;
let desktopShell: DesktopShell | undefined;
let dataDirArgument: string | undefined;
let shutdown: 'running' | 'closing' | 'closed' = 'running';
/** The OS is logging out or shutting down: closing the window must not hold that back. */
let osEnding = false;

/** Everything Electron accepts only before `ready`; false when this process should not go on. */
function prepare(): boolean {
  try {
    dataDirArgument = readDataDirArgument(process.argv);
  } catch (error) {
    if (!(error instanceof LaunchArgumentError)) throw error;
    process.stderr.write(`ProverDesk: ${error.message}\n`);
    app.exit(2);
    return false;
  }
  if (dataDirArgument !== undefined) app.setPath('userData', dataDirArgument);
  // Decided before `ready` or never: the core's settings are not readable yet, so the shell keeps a copy.
  if (shouldDisableHardwareAcceleration(readShellState(app.getPath('userData')))) app.disableHardwareAcceleration();
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
  app.on('second-instance', () => showMainWindow());
  app.on('activate', () => showMainWindow());
  app.on('window-all-closed', () => {
    // Closed to the tray: proving goes on without a window (the renderer is gone, so it costs nothing).
    if (desktopShell?.keepsRunningWithoutWindow() && shutdown === 'running' && !osEnding) return;
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
  powerMonitor.on('shutdown', () => {
    osEnding = true;
  });
  desktopShell = await startDesktopShell({
    core,
    dataDirArgument,
    iconsDir: TRAY_ICONS_DIR,
    showWindow: showMainWindow,
    toggleWindow,
    quit: () => app.quit(),
    log: createStderrLogger('shell'),
  });
  // The end-to-end test (where Electron runs) reads the tray through this; nothing else uses it.
  if (process.env.PROVERDESK_E2E_HOOKS === '1') Object.assign(globalThis, { proverdeskTrayModel: () => desktopShell?.trayModel() });
  if (!desktopShell.startHidden) showMainWindow();
}

/** Shows and focuses the window, creating it if it was closed; on `page` (e.g. "jobs") when one is named. */
function showMainWindow(page?: string): void {
  if (disposeBridge === undefined) return; // still starting, or shutting down
  if (mainWindow !== undefined && !mainWindow.isDestroyed()) {
    focusWindow(mainWindow);
    if (page !== undefined) void mainWindow.webContents.executeJavaScript(`location.hash = ${JSON.stringify(`#/${page}`)}`);
    return;
  }
  const window = createMainWindow(PRELOAD_PATH, (error) =>
    logger.error(`the interface did not load from ${RENDERER_DIR} (run "npm run build" if it is missing)`, error),
    page,
  );
  window.on('close', (event) => {
    const quitting = shutdown !== 'running' || osEnding;
    if (desktopShell?.onWindowClose(quitting) === 'quit' && !quitting) {
      event.preventDefault();
      app.quit();
    }
    // 'hide': the window closes and is made again from the tray; proving goes on.
  });
  window.on('session-end', () => {
    osEnding = true; // Windows: logging off or shutting down
  });
  mainWindow = window;
}

/** The tray's Hide / Open: hiding is not closing (that may quit, as Settings → Desktop says); a hidden page does no work. */
function toggleWindow(): void {
  if (mainWindow !== undefined && !mainWindow.isDestroyed() && mainWindow.isVisible()) mainWindow.hide();
  else showMainWindow();
}

async function closeCore(): Promise<void> {
  desktopShell?.dispose();
  desktopShell = undefined;
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
