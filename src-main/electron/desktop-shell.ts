// The desktop shell around the core once it runs: the tray, notifications, start at login and closing to the
// tray, all following Settings → Desktop (read from the core, and its `desktop.changed` event). main.ts keeps
// the app's lifecycle; the decisions are the pure modules beside this one.
import { app, Notification } from 'electron';
import { defaultDesktopSettings, type DesktopSettings } from '../core/api/desktop-schemas.js';
import type { Core } from '../core/core.js';
import type { Logger } from '../core/log/logger.js';
import { applyAutostart } from './autostart/autostart.js';
import { startedHidden } from './autostart/autostart-plan.js';
import { closeDecision, closeNotice } from './close-policy.js';
import { isCoreEvent, queryCore } from './core-calls.js';
import { installNotifications } from './notifications/notifications.js';
import { provesOnGpu, readShellState, updateShellState } from './shell-state.js';
import { installTray } from './tray/tray.js';
import type { TrayModel } from './tray/tray-model.js';

export interface DesktopShellOptions {
  core: Core;
  /** The data folder given with --data-dir, if any (the login item starts the app on the same one). */
  dataDirArgument: string | undefined;
  iconsDir: string;
  /** Shows the window (creating it), on a page of the app when one is named. */
  showWindow(page?: string): void;
  toggleWindow(): void;
  quit(): void;
  log: Logger;
}

export interface DesktopShell {
  /** The app was started at login "minimised": the window stays closed until asked for. */
  readonly startHidden: boolean;
  /** What closing the window does now; `quitting` when the app is on its way out anyway. */
  onWindowClose(quitting: boolean): 'hide' | 'quit';
  /** Whether the app goes on with no window (proving from the tray). */
  keepsRunningWithoutWindow(): boolean;
  /** What the tray shows now (for the end-to-end test where Electron runs). */
  trayModel(): TrayModel | undefined;
  dispose(): void;
}

export async function startDesktopShell(options: DesktopShellOptions): Promise<DesktopShell> {
  const { core, log } = options;
  const userData = app.getPath('userData');
  let settings = await readDesktopSettings(core, log);
  const autostart = (mode: DesktopSettings['startAtLogin']) =>
    void applyAutostart(mode, { dataDir: options.dataDirArgument, onError: (error) => log.warn(`start at login could not be set: ${String(error)}`) });
  const remember = (patch: Parameters<typeof updateShellState>[1]) => {
    try {
      updateShellState(userData, patch);
    } catch (error) {
      log.warn(`could not keep the shell's state: ${String(error)}`);
    }
  };

  remember({ hardwareAcceleration: settings.hardwareAcceleration });
  // 'off' is not applied at start: a test or second data folder must not remove the user's own login item.
  if (settings.startAtLogin !== 'off') autostart(settings.startAtLogin);
  void noteWhetherProvingUsesGpu(core, remember, log);

  const tray = installTray({ core, iconsDir: options.iconsDir, showWindow: () => options.showWindow(), toggleWindow: options.toggleWindow, quit: options.quit, log });
  const stopNotifications = installNotifications({
    core,
    summary: { shownOn: readShellState(userData).summaryShownOn, remember: (date) => remember({ summaryShownOn: date }) },
    showWindow: (page) => options.showWindow(page),
    log,
  });
  const stopEvents = core.subscribe((event) => {
    if (!isCoreEvent(event, 'desktop.changed')) return;
    const next = event.payload;
    if (next.startAtLogin !== settings.startAtLogin) autostart(next.startAtLogin);
    if (next.hardwareAcceleration !== settings.hardwareAcceleration) remember({ hardwareAcceleration: next.hardwareAcceleration });
    settings = next;
  });

  const wasOpenedAtLogin = process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
  return {
    startHidden: startedHidden({ platform: process.platform, argv: process.argv, wasOpenedAtLogin, mode: settings.startAtLogin }),
    onWindowClose(quitting) {
      const decision = closeDecision({ closeToTray: settings.closeToTray, noticeShown: readShellState(userData).closeNoticeShown, quitting, platform: process.platform });
      if (decision.notice) {
        if (Notification.isSupported()) new Notification(closeNotice(process.platform)).show();
        remember({ closeNoticeShown: true });
      }
      return decision.action;
    },
    keepsRunningWithoutWindow: () => settings.closeToTray || process.platform === 'darwin',
    trayModel: () => tray.model(),
    dispose() {
      stopEvents();
      stopNotifications();
      tray.dispose();
    },
  };
}

async function readDesktopSettings(core: Core, log: Logger): Promise<DesktopSettings> {
  try {
    return (await queryCore(core, 'desktop.get', {})).settings;
  } catch (error) {
    log.warn(`could not read the desktop settings (${String(error)}); using the defaults`);
    return defaultDesktopSettings();
  }
}

/** Whether this machine proves on a GPU decides "auto" hardware acceleration at the next start. */
async function noteWhetherProvingUsesGpu(core: Core, remember: (patch: { provesOnGpu: boolean }) => void, log: Logger): Promise<void> {
  try {
    const [{ devices }, { settings }] = await Promise.all([queryCore(core, 'engine.devices', {}), queryCore(core, 'resources.get', {})]);
    remember({ provesOnGpu: provesOnGpu(devices, settings.gpu.allowed) });
  } catch (error) {
    log.warn(`could not tell whether proving uses a GPU (${String(error)}); hardware acceleration stays as it was`);
  }
}
