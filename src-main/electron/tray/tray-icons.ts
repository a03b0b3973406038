// Which tray icon to show, per platform: macOS takes monochrome "Template" images it recolours for the menu
// bar itself; Windows and Linux take coloured ones drawn for a light or a dark taskbar. The files are drawn
// by scripts/make-icons.mjs into assets/tray/, each with an @2x beside it that Electron picks on high-DPI
// screens.

export const TRAY_STATES = ['proving', 'idle', 'throttled', 'paused', 'error'] as const;
export type TrayState = (typeof TRAY_STATES)[number];

/** The theme of the taskbar or panel the icon sits on (a dark one needs a bright glyph). */
export type TrayTheme = 'light' | 'dark';

/** The parts of Electron's `nativeTheme` that decide the tray's theme. */
export interface ThemeFacts {
  shouldUseDarkColors: boolean;
  /** Windows: the taskbar's (system) theme, which may differ from the apps' theme. */
  shouldUseDarkColorsForSystemIntegratedUI: boolean;
}

/** The file under assets/tray/ for a state (without its @2x twin, which Electron finds by itself). */
export function trayIconFile(state: TrayState, theme: TrayTheme, platform: NodeJS.Platform): string {
  return platform === 'darwin' ? `${state}Template.png` : `${state}-${theme}.png`;
}

/**
 * GNOME and Unity draw their top bar dark whatever the theme, so their icons are always the bright ones.
 * `desktop` is XDG_CURRENT_DESKTOP, a colon-separated list such as "ubuntu:GNOME".
 */
export function trayTheme(platform: NodeJS.Platform, theme: ThemeFacts, desktop: string | undefined): TrayTheme {
  if (platform === 'win32') return theme.shouldUseDarkColorsForSystemIntegratedUI ? 'dark' : 'light';
  if (platform === 'linux' && /(^|:)(gnome|unity)(:|$)/i.test(desktop ?? '')) return 'dark';
  return theme.shouldUseDarkColors ? 'dark' : 'light';
}
