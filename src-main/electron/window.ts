// The main window: sandboxed, isolated, no Node, showing the renderer from the app's own origin.
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './app-origin.js';

/** Opens the main window, on `page` (e.g. "jobs") when one is named. */
export function createMainWindow(preloadPath: string, onLoadFailure: (error: unknown) => void, page?: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 860,
    minHeight: 560,
    show: false,
    title: 'ProverDesk',
    backgroundColor: '#0f131b',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(page === undefined ? APP_ENTRY_URL : `${APP_ENTRY_URL}#/${page}`).catch(onLoadFailure);
  return window;
}

/** Brings a window to the front, e.g. when the user starts the app a second time. */
export function focusWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
