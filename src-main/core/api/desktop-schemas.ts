// API shapes for the desktop shell's own settings (Settings → Desktop): start at login, closing to the tray,
// which notifications to show, and the UI's hardware acceleration. The core only stores them; the Electron
// shell applies them (the headless daemon has no window, tray or login item).
import { z } from 'zod';

export const NotificationKind = z.enum(['jobFailed', 'jobRejected', 'deadlineAtRisk', 'marketDisconnected', 'dailySummary']);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const DesktopSettings = z
  .object({
    /** off; on (opens the window); minimised (starts in the tray). */
    startAtLogin: z.enum(['off', 'on', 'minimised']),
    /** Closing the window keeps proving in the tray; false quits instead. */
    closeToTray: z.boolean(),
    notifications: z.object({
      jobFailed: z.boolean(),
      jobRejected: z.boolean(),
      deadlineAtRisk: z.boolean(),
      marketDisconnected: z.boolean(),
      dailySummary: z.boolean(),
    }).strict(),
    /** auto: off on machines that prove on a GPU, so the UI never competes with proving. Applies at the next start. */
    hardwareAcceleration: z.enum(['auto', 'on', 'off']),
  })
  .strict();
export type DesktopSettings = z.infer<typeof DesktopSettings>;

export const DesktopView = z.object({
  settings: DesktopSettings,
  /** Whether a desktop shell applies these (false in headless mode: shown, kept, but without effect here). */
  applies: z.boolean(),
});
export type DesktopView = z.infer<typeof DesktopView>;

export const DesktopSetInput = z.object({ settings: DesktopSettings }).strict();

export function defaultDesktopSettings(): DesktopSettings {
  return {
    startAtLogin: 'off',
    closeToTray: true,
    notifications: { jobFailed: true, jobRejected: true, deadlineAtRisk: true, marketDisconnected: true, dailySummary: false },
    hardwareAcceleration: 'auto',
  };
}
