// `proverdesk resources` as a script runs it (a real process from the build): showing and changing the limits,
// the refusals, snoozing, and a governor running on the same data folder picking a change up by itself.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResourceSettings, SnoozeState } from '../../../src-main/core/api/resource-schemas.js';
import { databaseFileIn } from '../../../src-main/core/data-dir.js';
import { EngineHost } from '../../../src-main/core/engine/engine-host.js';
import { forkEngineProcess } from '../../../src-main/core/engine/fork-engine.js';
import { headlessDesktopSignals } from '../../../src-main/core/governor/desktop-signals.js';
import { startGovernor } from '../../../src-main/core/governor/start-governor.js';
import { openStore } from '../../../src-main/core/store/open-store.js';

const BIN = join(process.cwd(), 'bin', 'proverdesk.js');
const dataDir = mkdtempSync(join(tmpdir(), 'proverdesk-cli-resources-'));

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, 'resources', ...args, '--data-dir', dataDir], (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }));
  });
}
const shown = async () => JSON.parse((await cli('--json')).stdout) as { settings: ResourceSettings; snooze: SnoozeState | null };

beforeAll(() => {
  if (!existsSync(join(process.cwd(), 'dist', 'main', 'headless', 'cli.js'))) throw new Error('the build is missing: run "npm run build" first (npm test does)');
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('proverdesk resources', () => {
  it('shows the defaults, changes only the limits named, and keeps them', async () => {
    const first = await cli();
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^threads: +default \(\d+\)$/m);
    expect(first.stdout).toMatch(/^CPU-time limit: +100 %$/m);
    expect(first.stdout).toMatch(/^on battery: +paused$/m);
    expect(first.stdout).toMatch(/^snooze: +none$/m);

    const set = await cli('set', '--cpu-pct', '40', '--threads', '1', '--only-when-idle', '10', '--cpu-max-c', 'off', '--low-priority', 'off');
    expect(set.code).toBe(0);
    expect(set.stdout).toMatch(/^CPU-time limit: +40 %$/m);
    const { settings } = await shown();
    expect(settings.cpu).toEqual({ threads: 1, timePct: 40 });
    expect(settings.idle).toEqual({ onlyWhenIdle: true, idleMinutes: 10 });
    expect(settings.heat.cpuMaxC).toBeNull();
    expect(settings.heat.gpuMaxC).toBe(83); // untouched
    expect(settings.lowPriority).toBe(false);

    await cli('set', '--threads', 'default', '--only-when-idle', 'off');
    expect((await shown()).settings).toMatchObject({ cpu: { threads: null, timePct: 40 }, idle: { onlyWhenIdle: false, idleMinutes: 10 } });
  });

  it('refuses limits out of range or words it does not know, and keeps what was there', async () => {
    const before = (await shown()).settings;
    const zero = await cli('set', '--cpu-pct', '0');
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('these limits cannot be kept: cpu.timePct');
    const word = await cli('set', '--on-battery', 'maybe');
    expect(word.code).toBe(2);
    expect(word.stderr).toContain("--on-battery takes on or off (got 'maybe')");
    const snooze = await cli('snooze', '2h');
    expect(snooze.code).toBe(2);
    expect(snooze.stderr).toContain("snooze takes 1h, 3h, tomorrow, pause or off (got '2h')");
    expect((await shown()).settings).toEqual(before);
  });

  it('snoozes from a script, and a running governor on the same folder follows the changes', async () => {
    const store = openStore(databaseFileIn(dataDir));
    const engine = new EngineHost(forkEngineProcess);
    const quiet = { info: () => {}, warn: () => {}, error: () => {} };
    const governor = await startGovernor({ store, engine, desktop: headlessDesktopSignals({ assumeIdle: true }), latestSample: () => null, intervalMs: 100, log: quiet });
    const eventually = async (what: string, ok: () => boolean) => {
      for (let i = 0; i < 100 && !ok(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(ok(), what).toBe(true);
    };
    try {
      expect(governor.status().summary).toBe('Throttled to 40 %: your CPU-time limit (40 %)');
      const gpu = await cli('snooze', '1h', '--gpu');
      expect(gpu.stdout).toMatch(/^GPU work snoozed until /);
      expect((await shown()).snooze).toMatchObject({ scope: 'gpu' });
      await eventually('the GPU snooze to be seen', () => !governor.status().gpuAllowed);
      const pause = await cli('snooze', 'pause');
      expect(pause.stdout).toBe('proving paused until you resume (resources snooze off)\n');
      await eventually('the pause to be seen', () => governor.status().summary === 'Paused: paused by you');
      expect((await cli()).stdout).toMatch(/^snooze: +until you resume$/m);
      await cli('snooze', 'off');
      await cli('set', '--cpu-pct', '100');
      await eventually('the new limit and the end of the snooze to be seen', () => governor.status().summary === 'Running at full speed');
      expect((await shown()).snooze).toBeNull();
    } finally {
      governor.stop();
      engine.close();
      store.close();
    }
  });
});
