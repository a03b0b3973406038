import { describe, expect, it } from 'vitest';
import { autostartArgs, autostartPlan, startedHidden, type AutostartInput } from '../../../src-main/electron/autostart/autostart-plan.js';

const linux = (overrides: Partial<AutostartInput> = {}): AutostartInput => ({
  platform: 'linux',
  mode: 'on',
  execPath: '/opt/ProverDesk/proverdesk',
  args: [],
  appName: 'ProverDesk',
  home: '/home/ada',
  ...overrides,
});

/** The Exec line of a planned desktop entry. */
function execLine(input: AutostartInput): string {
  const plan = autostartPlan(input);
  if (plan.kind !== 'xdg-autostart') throw new Error(`expected an autostart entry, got ${plan.kind}`);
  return /^Exec=(.*)$/m.exec(plan.content)![1]!;
}

describe('autostartPlan on Linux', () => {
  it('writes a valid desktop entry to ~/.config/autostart', () => {
    const plan = autostartPlan(linux());
    expect(plan).toEqual({
      kind: 'xdg-autostart',
      file: '/home/ada/.config/autostart/proverdesk.desktop',
      content: expect.any(String),
    });
    const lines = (plan as { content: string }).content.split('\n');
    expect(lines[0]).toBe('[Desktop Entry]');
    expect(lines).toEqual(
      expect.arrayContaining(['Type=Application', 'Name=ProverDesk', 'Exec=/opt/ProverDesk/proverdesk', 'X-GNOME-Autostart-enabled=true', 'Hidden=false']),
    );
    // key=value lines only, no blank keys
    for (const line of lines.slice(1).filter((l) => l !== '')) expect(line).toMatch(/^[A-Za-z0-9-]+=.*$/);
  });

  it('adds --hidden when minimised to the tray', () => {
    expect(execLine(linux({ mode: 'minimised' }))).toBe('/opt/ProverDesk/proverdesk --hidden');
  });

  it('removes the entry when off', () => {
    expect(autostartPlan(linux({ mode: 'off' }))).toEqual({ kind: 'xdg-remove', file: '/home/ada/.config/autostart/proverdesk.desktop' });
  });

  it('honours an absolute XDG_CONFIG_HOME and ignores a relative or empty one', () => {
    expect(autostartPlan(linux({ xdgConfigHome: '/srv/cfg' }))).toMatchObject({ file: '/srv/cfg/autostart/proverdesk.desktop' });
    expect(autostartPlan(linux({ xdgConfigHome: 'cfg' }))).toMatchObject({ file: '/home/ada/.config/autostart/proverdesk.desktop' });
    expect(autostartPlan(linux({ xdgConfigHome: '', mode: 'off' }))).toMatchObject({ file: '/home/ada/.config/autostart/proverdesk.desktop' });
  });

  it('starts the AppImage itself, not the binary in its temporary mount', () => {
    const input = linux({ execPath: '/tmp/.mount_ProverXyz/proverdesk', appImage: '/home/ada/Apps/ProverDesk.AppImage', mode: 'minimised' });
    expect(execLine(input)).toBe('/home/ada/Apps/ProverDesk.AppImage --hidden');
    expect(execLine({ ...input, appImage: '' })).toBe('/tmp/.mount_ProverXyz/proverdesk --hidden');
  });

  it('quotes arguments as the Desktop Entry spec says', () => {
    const exec = execLine(
      linux({ execPath: '/home/ada/My Apps/electron', args: ['/home/ada/src/prover desk', '--data-dir', '/data/100%', 'a"b', '$HOME', 'back\\slash', ''] }),
    );
    expect(exec).toBe(
      // spaces → quotes; % → %%; inside quotes " $ \ take a backslash, and then every backslash is doubled (string escapes)
      '"/home/ada/My Apps/electron" "/home/ada/src/prover desk" --data-dir /data/100%% "a\\\\"b" "\\\\$HOME" "back\\\\\\\\slash" ""',
    );
  });

  it('keeps a newline in an argument on one line', () => {
    expect(execLine(linux({ args: ['two\nlines'] }))).toBe('/opt/ProverDesk/proverdesk "two\\nlines"');
  });

  it('treats other freedesktop systems like Linux', () => {
    expect(autostartPlan(linux({ platform: 'freebsd' })).kind).toBe('xdg-autostart');
  });
});

describe('autostartPlan on macOS and Windows', () => {
  it('uses a login item on macOS, which takes no arguments', () => {
    expect(autostartPlan(linux({ platform: 'darwin', mode: 'minimised', args: ['x'] }))).toEqual({ kind: 'login-item', settings: { openAtLogin: true } });
    expect(autostartPlan(linux({ platform: 'darwin', mode: 'off' }))).toEqual({ kind: 'login-item', settings: { openAtLogin: false } });
  });

  it('uses a login item on Windows with the program, and --hidden when minimised', () => {
    const base = { platform: 'win32' as const, execPath: 'C:\\Program Files\\ProverDesk\\ProverDesk.exe', args: ['--data-dir', 'D:\\prover data\\'] };
    expect(autostartPlan(linux({ ...base, mode: 'minimised' }))).toEqual({
      kind: 'login-item',
      settings: { openAtLogin: true, path: 'C:\\Program Files\\ProverDesk\\ProverDesk.exe', args: ['--data-dir', '"D:\\prover data\\\\"', '--hidden'] },
    });
    expect(autostartPlan(linux({ ...base, mode: 'on' }))).toMatchObject({ settings: { openAtLogin: true, args: ['--data-dir', '"D:\\prover data\\\\"'] } });
    expect(autostartPlan(linux({ ...base, mode: 'off' }))).toMatchObject({ settings: { openAtLogin: false } });
  });

  it('quotes Windows arguments so that embedded quotes survive', () => {
    expect(autostartPlan(linux({ platform: 'win32', args: ['say "hi"'] }))).toMatchObject({ settings: { args: ['"say \\"hi\\""'] } });
  });
});

describe('autostartArgs', () => {
  it('is empty for a packaged app on the default data folder', () => {
    expect(autostartArgs({ defaultApp: false, appPath: '/opt/ProverDesk/resources/app.asar' })).toEqual([]);
  });

  it('names the app folder when Electron runs a source checkout, and keeps the data folder', () => {
    expect(autostartArgs({ defaultApp: true, appPath: '/home/ada/proverdesk', dataDir: '/srv/prover' })).toEqual(['/home/ada/proverdesk', '--data-dir', '/srv/prover']);
  });
});

describe('startedHidden', () => {
  it('reads --hidden on Windows and Linux', () => {
    expect(startedHidden({ platform: 'linux', argv: ['/opt/p', '--hidden'], wasOpenedAtLogin: false, mode: 'minimised' })).toBe(true);
    expect(startedHidden({ platform: 'win32', argv: ['C:\\p.exe'], wasOpenedAtLogin: false, mode: 'minimised' })).toBe(false);
  });

  it('on macOS, is a login start while the setting says minimised', () => {
    expect(startedHidden({ platform: 'darwin', argv: [], wasOpenedAtLogin: true, mode: 'minimised' })).toBe(true);
    expect(startedHidden({ platform: 'darwin', argv: [], wasOpenedAtLogin: true, mode: 'on' })).toBe(false);
    expect(startedHidden({ platform: 'darwin', argv: ['--hidden'], wasOpenedAtLogin: false, mode: 'minimised' })).toBe(false);
  });
});
