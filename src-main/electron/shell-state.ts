// What the shell must know before `app.ready`, when the core's database is not open yet: whether to turn the
// UI's hardware acceleration off (Electron accepts that only before ready), and whether the one-off "still
// proving in the tray" notice was shown. A tiny JSON file in userData, read synchronously; a missing or
// corrupt file (or field) reads as the defaults, never as a crash.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DesktopSettings } from '../core/api/desktop-schemas.js';

export const SHELL_STATE_FILE = 'shell-state.json';

const ShellStateSchema = z.object({
  closeNoticeShown: z.boolean().catch(false),
  /** A copy of Settings → Desktop's choice, for the next start. */
  hardwareAcceleration: DesktopSettings.shape.hardwareAcceleration.catch('auto'),
  /** Whether this machine proves on a GPU, as found at the last start (see provesOnGpu). */
  provesOnGpu: z.boolean().catch(false),
  /** The local date (YYYY-MM-DD) of the last daily summary, so a restart in the evening does not repeat it. */
  summaryShownOn: z.string().nullable().catch(null),
});
export type ShellState = z.infer<typeof ShellStateSchema>;

export function readShellState(userDataDir: string): ShellState {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(userDataDir, SHELL_STATE_FILE), 'utf8'));
  } catch {
    raw = {};
  }
  // Each field falls back on its own; only a file that is not a JSON object at all loses every field.
  const parsed = ShellStateSchema.safeParse(raw);
  return parsed.success ? parsed.data : ShellStateSchema.parse({});
}

/** Writes the changed fields over what the file holds now (atomically); throws when the file cannot be written. */
export function updateShellState(userDataDir: string, patch: Partial<ShellState>): ShellState {
  const next = { ...readShellState(userDataDir), ...patch };
  const file = join(userDataDir, SHELL_STATE_FILE);
  const partial = `${file}.${process.pid}.partial`;
  mkdirSync(userDataDir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(partial, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
  return next;
}

/** auto: off on a machine that proves on a GPU, so drawing the UI never competes with proving. */
export function shouldDisableHardwareAcceleration(state: Pick<ShellState, 'hardwareAcceleration' | 'provesOnGpu'>): boolean {
  if (state.hardwareAcceleration === 'auto') return state.provesOnGpu;
  return state.hardwareAcceleration === 'off';
}

/** From `engine.devices` and the Resources setting `gpu.allowed` (null = every GPU; [] = none). */
export function provesOnGpu(devices: readonly ({ kind: 'cpu' } | { kind: 'gpu'; state: string })[], allowedGpus: readonly string[] | null): boolean {
  return devices.some((device) => device.kind === 'gpu' && device.state === 'ready') && (allowedGpus === null || allowedGpus.length > 0);
}
