// Start at login, per OS: what to ask Electron for (a login item on macOS and Windows) or which XDG autostart
// entry to write or remove (Linux and the other freedesktop systems). Pure, so every OS's answer is tested anywhere.
import { posix } from 'node:path';
import type { DesktopSettings } from '../../core/api/desktop-schemas.js';

export type StartAtLogin = DesktopSettings['startAtLogin'];

/** Asks a start at login to stay in the tray (Windows and Linux; macOS says so through wasOpenedAtLogin). */
export const HIDDEN_ARG = '--hidden';

export const XDG_AUTOSTART_FILE = 'proverdesk.desktop';

export interface AutostartInput {
  platform: NodeJS.Platform;
  mode: StartAtLogin;
  /** The program to start: the app's binary (Electron's own in a source checkout). */
  execPath: string;
  /** Its arguments before `--hidden` (see autostartArgs). */
  args: readonly string[];
  appName: string;
  home: string;
  xdgConfigHome?: string | undefined;
  /** `process.env.APPIMAGE`: inside an AppImage, execPath is in a mount that is gone after the app quits. */
  appImage?: string | undefined;
}

/** The part of Electron's `Settings` for `app.setLoginItemSettings` that the app uses. */
export interface LoginItemSettings {
  openAtLogin: boolean;
  /** Windows only (macOS ignores them). */
  path?: string;
  args?: string[];
}

export type AutostartPlan =
  | { kind: 'login-item'; settings: LoginItemSettings }
  | { kind: 'xdg-autostart'; file: string; content: string }
  | { kind: 'xdg-remove'; file: string };

export function autostartPlan(input: AutostartInput): AutostartPlan {
  const args = input.mode === 'minimised' ? [...input.args, HIDDEN_ARG] : [...input.args];
  if (input.platform === 'darwin') return { kind: 'login-item', settings: { openAtLogin: input.mode !== 'off' } };
  if (input.platform === 'win32') {
    // Electron writes the Run key as "path" followed by the arguments joined with spaces: quoting is ours.
    return { kind: 'login-item', settings: { openAtLogin: input.mode !== 'off', path: input.execPath, args: args.map(quoteWindowsArg) } };
  }
  const file = posix.join(xdgConfigHome(input), 'autostart', XDG_AUTOSTART_FILE);
  if (input.mode === 'off') return { kind: 'xdg-remove', file };
  const program = input.appImage !== undefined && input.appImage !== '' ? input.appImage : input.execPath;
  return { kind: 'xdg-autostart', file, content: desktopEntry(input.appName, [program, ...args]) };
}

/**
 * The arguments a start at login needs besides `--hidden`: the app folder when Electron runs a source checkout
 * (`electron <folder>`), and the data folder when this launch was given one, so both starts use the same data.
 */
export function autostartArgs({ defaultApp, appPath, dataDir }: { defaultApp: boolean; appPath: string; dataDir?: string | undefined }): string[] {
  return [...(defaultApp ? [appPath] : []), ...(dataDir === undefined ? [] : ['--data-dir', dataDir])];
}

/** Whether this start came from the login item in "minimised" mode, so the window stays closed. */
export function startedHidden({ platform, argv, wasOpenedAtLogin, mode }: { platform: NodeJS.Platform; argv: readonly string[]; wasOpenedAtLogin: boolean; mode: StartAtLogin }): boolean {
  // macOS login items take no arguments (and openAsHidden is gone since macOS 13): the setting decides.
  if (platform === 'darwin') return wasOpenedAtLogin && mode === 'minimised';
  return argv.includes(HIDDEN_ARG);
}

/** $XDG_CONFIG_HOME when set to an absolute path (the Base Directory spec ignores relative ones), else ~/.config. */
function xdgConfigHome({ home, xdgConfigHome }: Pick<AutostartInput, 'home' | 'xdgConfigHome'>): string {
  return xdgConfigHome !== undefined && posix.isAbsolute(xdgConfigHome) ? xdgConfigHome : posix.join(home, '.config');
}

function desktopEntry(appName: string, command: string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    `Name=${escapeString(appName)}`,
    'Comment=Proves for zero-knowledge proof markets in the background',
    `Exec=${escapeString(command.map(quoteExecArg).join(' '))}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    'Hidden=false',
    '',
  ].join('\n');
}

// Desktop Entry spec, "The Exec key": an argument with a reserved character is double-quoted, and inside the
// quotes " ` $ \ take a backslash; a literal % is %%. An empty argument needs quotes to exist at all.
const EXEC_RESERVED = /[\s"'\\><~|&;$*?#()`]/;

function quoteExecArg(arg: string): string {
  const percent = arg.replaceAll('%', '%%');
  if (arg !== '' && !EXEC_RESERVED.test(arg)) return percent;
  return `"${percent.replace(/["`$\\]/g, '\\$&')}"`;
}

/** The escapes of the spec's string values, applied after quoting (so a literal backslash in quotes becomes four). */
function escapeString(value: string): string {
  return value.replace(/[\\\n\t\r]/g, (c) => ({ '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r' })[c]!);
}

/** One argument as CommandLineToArgvW reads it back: quoted when it has blanks or quotes, backslashes doubled before a quote. */
function quoteWindowsArg(arg: string): string {
  if (arg !== '' && !/[\s"]/.test(arg)) return arg;
  return `"${arg.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, '$1$1')}"`;
}
