// What closing the main window does: hide it and keep proving in the tray, or quit. Pure; main.ts applies it.

export interface CloseInput {
  /** Settings → Desktop: keep proving in the tray when the window is closed. */
  closeToTray: boolean;
  /** The one-off "still proving in the tray" notice was shown before (shell-state.ts keeps this). */
  noticeShown: boolean;
  /** The app is quitting anyway (Quit in a menu, the OS shutting down): the window must not hold it back. */
  quitting: boolean;
  platform: NodeJS.Platform;
}

export interface CloseDecision {
  action: 'hide' | 'quit';
  /** Show the one-off notice that proving goes on. */
  notice: boolean;
}

export function closeDecision({ closeToTray, noticeShown, quitting, platform }: CloseInput): CloseDecision {
  if (quitting) return { action: 'quit', notice: false };
  // On macOS closing a window never quits an app (Quit is ⌘Q or the menu), whatever the setting says.
  if (closeToTray || platform === 'darwin') return { action: 'hide', notice: !noticeShown };
  return { action: 'quit', notice: false };
}

/** The one-off notice's words; macOS keeps the icon in the menu bar and quits with ⌘Q. */
export function closeNotice(platform: NodeJS.Platform): { title: string; body: string } {
  const title = 'ProverDesk is still proving';
  if (platform === 'darwin') return { title, body: 'It keeps working from its menu bar icon. Quit it from there or with ⌘Q.' };
  return { title, body: 'It keeps working from its tray icon. Quit it from there, or have closing the window quit it in Settings → Desktop.' };
}
