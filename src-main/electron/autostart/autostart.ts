// Start at login, carried out: the login item through Electron, or the XDG autostart entry written (atomically)
// or removed. What to do is autostart-plan.ts's decision.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { app } from 'electron';
import { autostartArgs, autostartPlan, type AutostartPlan, type StartAtLogin } from './autostart-plan.js';

export interface AutostartOptions {
  /** The data folder this launch was given with --data-dir (undefined for the default one). */
  dataDir?: string | undefined;
  onError(error: unknown): void;
}

// One change at a time: a quick off → on → minimised must not interleave writes of the same file.
let queue: Promise<void> = Promise.resolve();

/** Makes the OS start the app at login as `mode` says. Never rejects: a failure goes to `onError`. */
export function applyAutostart(mode: StartAtLogin, { dataDir, onError }: AutostartOptions): Promise<void> {
  queue = queue.then(async () => {
    try {
      await carryOut(
        autostartPlan({
          platform: process.platform,
          mode,
          execPath: process.execPath,
          args: autostartArgs({ defaultApp: process.defaultApp === true, appPath: app.getAppPath(), dataDir }),
          appName: app.getName(),
          home: app.getPath('home'),
          xdgConfigHome: process.env.XDG_CONFIG_HOME,
          appImage: process.env.APPIMAGE,
        }),
      );
    } catch (error) {
      onError(error);
    }
  });
  return queue;
}

async function carryOut(plan: AutostartPlan): Promise<void> {
  if (plan.kind === 'login-item') {
    app.setLoginItemSettings(plan.settings);
  } else if (plan.kind === 'xdg-remove') {
    await rm(plan.file, { force: true });
  } else {
    await mkdir(dirname(plan.file), { recursive: true });
    // A session starting while this runs reads either the old entry or the new one, never half of one.
    const partial = `${plan.file}.${process.pid}.partial`;
    try {
      await writeFile(partial, plan.content, { mode: 0o644 });
      await rename(partial, plan.file);
    } finally {
      await rm(partial, { force: true });
    }
  }
}
