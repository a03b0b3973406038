import { describe, expect, it } from 'vitest';
import type { GovernorReason, GovernorStatus } from '../../../src-main/core/api/resource-schemas.js';
import { TRAY_STATES, trayIconFile, trayTheme } from '../../../src-main/electron/tray/tray-icons.js';
import {
  marketProblem,
  menuAction,
  overallFraction,
  TOOLTIP_MAX_CHARS,
  trayModel,
  type TrayInput,
  type TrayJob,
  type TrayMenuItem,
} from '../../../src-main/electron/tray/tray-model.js';

// Thursday 12 June 2025, 14:00 local time: every clock text below is local, like the tray's.
const NOW = new Date(2025, 5, 12, 14, 0).getTime();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function governor(overrides: Partial<GovernorStatus> = {}): GovernorStatus {
  return {
    atMs: NOW,
    state: 'running',
    cpuPct: 100,
    gpuAllowed: true,
    takeNewWork: true,
    reasons: [],
    finishing: null,
    snooze: null,
    summary: 'Running at full speed',
    ...overrides,
  };
}

const reason = (rule: GovernorReason['rule'], effect: GovernorReason['effect'], text: string, scope: GovernorReason['scope'] = 'all'): GovernorReason => ({
  rule,
  effect,
  scope,
  cpuPct: effect === 'pause' ? 0 : 40,
  text,
});

/** In msm-b2, half done: 48 % of the proof, reached in 4.8 minutes, so about 5.2 minutes are left. */
function job(overrides: Partial<TrayJob> = {}): TrayJob {
  return {
    id: 'job-1',
    coordinatorName: 'Practice market',
    phase: 'msm-b2',
    fraction: 0.5,
    provingStartedAtMs: NOW - 4.8 * MINUTE,
    deadlineAtMs: NOW + 30 * MINUTE,
    ...overrides,
  };
}

function input(overrides: Partial<TrayInput> = {}): TrayInput {
  return {
    governor: governor(),
    job: null,
    today: { accepted: 12, failed: 0, priceCents: 34, costCents: 5 },
    problem: null,
    nowMs: NOW,
    windowVisible: false,
    theme: 'dark',
    platform: 'linux',
    ...overrides,
  };
}

const item = (menu: TrayMenuItem[], id: string): TrayMenuItem | undefined => menu.find((entry) => entry.id === id);
const ids = (menu: TrayMenuItem[]): string[] => menu.map((entry) => entry.id);

describe('trayModel: state, icon and tooltip', () => {
  it('is idle, waiting for work, when nothing is being proven', () => {
    const model = trayModel(input());
    expect(model.state).toBe('idle');
    expect(model.icon).toBe('idle-dark.png');
    expect(model.tooltip).toBe('ProverDesk: waiting for work');
  });

  it('says it is starting before the governor has answered, with its controls off', () => {
    const model = trayModel(input({ governor: null }));
    expect(model.state).toBe('idle');
    expect(model.tooltip).toBe('ProverDesk: starting…');
    expect(item(model.menu, 'pause')?.enabled).toBe(false);
    expect(item(model.menu, 'snooze')?.enabled).toBe(false);
    expect(item(model.menu, 'snooze-gpu')?.enabled).toBe(false);
    expect(trayModel(input({ governor: null, job: job() })).state).toBe('proving');
  });

  it('shows a job with its progress, time left and deadline, then its market', () => {
    const model = trayModel(input({ job: job() }));
    expect(model.state).toBe('proving');
    expect(model.icon).toBe('proving-dark.png');
    expect(model.tooltip).toBe('Proving 48 % · about 5 min left, due in 30 min · Practice market');
  });

  it('says when a job may miss its deadline, counting the margin kept in hand', () => {
    expect(trayModel(input({ job: job({ deadlineAtMs: NOW + 4 * MINUTE }) })).tooltip).toBe(
      'Proving 48 % · deadline at risk: 5 min left, due in 4 min · Practice market',
    );
    // 5.2 min left against 5.5 min: less than the 30 s margin in hand
    expect(trayModel(input({ job: job({ deadlineAtMs: NOW + 5.5 * MINUTE }) })).tooltip).toContain('deadline at risk');
    expect(trayModel(input({ job: job({ deadlineAtMs: NOW - MINUTE }) })).tooltip).toContain('past its deadline');
  });

  it('gives no time left before a tenth of the proof is done or when it is not known when proving began', () => {
    expect(trayModel(input({ job: job({ phase: 'load-key', fraction: 0.5, deadlineAtMs: null }) })).tooltip).toBe('Proving 3 % · Practice market');
    expect(trayModel(input({ job: job({ provingStartedAtMs: null }) })).tooltip).toBe('Proving 48 % · due in 30 min · Practice market');
    expect(trayModel(input({ job: job({ deadlineAtMs: null }) })).tooltip).toBe('Proving 48 % · about 5 min left · Practice market');
  });

  it('words the phases outside the engine', () => {
    expect(trayModel(input({ job: job({ phase: 'downloading', fraction: 0 }) })).tooltip).toBe("Fetching a job's inputs · due in 30 min · Practice market");
    expect(trayModel(input({ job: job({ phase: 'external', fraction: 0 }) })).tooltip).toBe('Proving with the external prover · due in 30 min · Practice market');
    expect(trayModel(input({ job: job({ phase: 'submitting', fraction: 0 }) })).tooltip).toBe('Submitting a proof · due in 30 min · Practice market');
    expect(trayModel(input({ job: job({ coordinatorName: null, deadlineAtMs: null, phase: 'submitting' }) })).tooltip).toBe('Submitting a proof');
  });

  it('is throttled with the reason first, and not for the user’s own CPU-time limit', () => {
    const heat = governor({ state: 'throttled', cpuPct: 40, reasons: [reason('cpu-heat', 'throttle', 'CPU 91 °C (cap 85 °C)')] });
    const model = trayModel(input({ governor: heat, job: job(), theme: 'light', platform: 'win32' }));
    expect(model.state).toBe('throttled');
    expect(model.icon).toBe('throttled-light.png');
    expect(model.tooltip).toBe('Throttled to 40 %: CPU 91 °C (cap 85 °C) · job at 48 % · about 5 min left, due in 30 min · Practice market');

    const ownLimit = governor({ state: 'throttled', cpuPct: 50, reasons: [reason('cpu-limit', 'throttle', 'your CPU-time limit (50 %)')] });
    expect(trayModel(input({ governor: ownLimit, job: job() })).state).toBe('proving');
    expect(trayModel(input({ governor: ownLimit })).tooltip).toBe('ProverDesk: waiting for work');
  });

  it('is paused by a snooze, with its end in local time', () => {
    const snoozed = (untilMs: number, nowMs = NOW) =>
      trayModel(
        input({
          nowMs,
          governor: governor({ state: 'paused', cpuPct: 0, takeNewWork: false, snooze: { scope: 'all', untilMs }, reasons: [reason('snooze', 'pause', 'snoozed')] }),
        }),
      );
    expect(snoozed(NOW + HOUR).state).toBe('paused');
    expect(snoozed(NOW + HOUR).icon).toBe('paused-dark.png');
    expect(snoozed(NOW + HOUR).tooltip).toBe('Snoozed until 15:00');
    expect(snoozed(new Date(2025, 5, 13).getTime()).tooltip).toBe('Snoozed until midnight');
    const lateEvening = new Date(2025, 5, 12, 22, 30).getTime();
    expect(snoozed(lateEvening + 3 * HOUR, lateEvening).tooltip).toBe('Snoozed until tomorrow 01:30');
    expect(snoozed(new Date(2025, 5, 14, 9, 0).getTime()).tooltip).toBe('Snoozed until Sat 09:00');
  });

  it('is paused by the user until they resume, and the menu offers Resume', () => {
    const model = trayModel(
      input({ job: job(), governor: governor({ state: 'paused', cpuPct: 0, snooze: { scope: 'all', untilMs: null }, reasons: [reason('snooze', 'pause', 'paused by you')] }) }),
    );
    expect(model.state).toBe('paused');
    // A held job has no time left to show, only its deadline.
    expect(model.tooltip).toBe('Paused until you resume · job at 48 % · due in 30 min · Practice market');
    expect(item(model.menu, 'pause')).toBeUndefined();
    expect(item(model.menu, 'resume')).toMatchObject({ label: 'Resume proving' });
  });

  it('is paused by a rule with its reasons, and Pause stays on offer (Resume would not end the rule)', () => {
    const battery = governor({ state: 'paused', cpuPct: 0, reasons: [reason('battery', 'pause', 'on battery'), reason('idle', 'pause', 'user active')] });
    const model = trayModel(input({ governor: battery }));
    expect(model.state).toBe('paused');
    expect(model.tooltip).toBe('Paused: on battery; user active');
    expect(item(model.menu, 'pause')).toMatchObject({ label: 'Pause proving', enabled: true });

    const both = governor({ ...battery, snooze: { scope: 'all', untilMs: NOW + HOUR }, reasons: [reason('snooze', 'pause', 'snoozed'), ...battery.reasons] });
    expect(trayModel(input({ governor: both })).tooltip).toBe('Snoozed until 15:00 · also on battery; user active');
  });

  it('keeps proving through a GPU-only snooze and says so; Resume then resumes GPU work', () => {
    const gpuSnooze = governor({ gpuAllowed: false, snooze: { scope: 'gpu', untilMs: NOW + 3 * HOUR }, reasons: [reason('snooze', 'pause', 'snoozed', 'gpu')] });
    const model = trayModel(input({ governor: gpuSnooze, job: job() }));
    expect(model.state).toBe('proving');
    expect(model.tooltip).toBe('Proving 48 % · about 5 min left, due in 30 min · GPU work snoozed until 17:00 · Practice market');
    expect(item(model.menu, 'resume')).toMatchObject({ label: 'Resume GPU work' });
    expect(item(model.menu, 'snooze-gpu')?.enabled).toBe(true);
    expect(trayModel(input({ governor: governor({ reasons: [reason('gpu-heat', 'pause', 'GPU 90 °C', 'gpu')] }) })).tooltip).toBe(
      'ProverDesk: waiting for work · GPU paused: GPU 90 °C',
    );
  });

  it('shows a job kept going for its deadline as proving, with what it goes on despite', () => {
    const finishing = governor({
      state: 'throttled',
      cpuPct: 60,
      takeNewWork: false,
      reasons: [reason('battery', 'pause', 'on battery')],
      finishing: { jobId: 'job-1', cpuPct: 60, despite: ['on battery'] },
    });
    const model = trayModel(input({ governor: finishing, job: job() }));
    expect(model.state).toBe('proving');
    expect(model.tooltip).toBe('Finishing a job before its deadline despite: on battery · job at 48 % · about 5 min left, due in 30 min · Practice market');
  });

  it('shows a problem first, whatever else is going on', () => {
    const model = trayModel(input({ problem: 'cannot reach Practice market: fetch failed', job: job(), platform: 'darwin' }));
    expect(model.state).toBe('error');
    expect(model.icon).toBe('errorTemplate.png');
    expect(model.tooltip).toBe('Problem: cannot reach Practice market: fetch failed · Proving 48 % · about 5 min left, due in 30 min · Practice market');
    expect(trayModel(input({ problem: 'could not read the proving status: the app is stopping' })).tooltip).toBe(
      'Problem: could not read the proving status: the app is stopping',
    );
  });

  it(`keeps the tooltip within ${TOOLTIP_MAX_CHARS} characters, cutting long names before the time left`, () => {
    const longName = 'Very Long Market Name '.repeat(10);
    const model = trayModel(input({ job: job({ coordinatorName: longName }) }));
    expect(model.tooltip.length).toBeLessThanOrEqual(TOOLTIP_MAX_CHARS);
    expect(model.tooltip).toBe('Proving 48 % · about 5 min left, due in 30 min · Very Long Market Name Very Long…');

    const manyReasons = Array.from({ length: 8 }, (_, i) => reason('other-cpu', 'pause', `other programs use the CPU (${i})`));
    const crowded = trayModel(input({ job: job({ coordinatorName: longName }), governor: governor({ state: 'paused', cpuPct: 0, reasons: manyReasons }) }));
    expect(crowded.tooltip.length).toBe(TOOLTIP_MAX_CHARS);
    expect(crowded.tooltip.startsWith('Paused: other programs use the CPU (0)')).toBe(true);
    expect(crowded.tooltip.endsWith('…')).toBe(true);
  });

  it('never cuts a character in half', () => {
    const emoji = '🧮'.repeat(80); // two UTF-16 units each
    for (const prefix of ['', 'x']) {
      const tooltip = trayModel(input({ problem: prefix + emoji })).tooltip;
      expect(tooltip.length).toBeLessThanOrEqual(TOOLTIP_MAX_CHARS);
      expect(tooltip).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
  });
});

describe('overallFraction', () => {
  it('grows through the engine phases in the order they run, from 0 to 1', () => {
    const phases = ['witness', 'load-key', 'build-abc', 'upload', 'ntt', 'msm-a', 'msm-b2', 'msm-b1', 'msm-c', 'msm-h', 'finish'];
    const points = phases.flatMap((phase) => [overallFraction(phase, 0), overallFraction(phase, 1)]);
    expect(points[0]).toBe(0);
    expect(points.at(-1)).toBe(1);
    for (let i = 1; i < points.length; i++) expect(points[i]).toBeGreaterThanOrEqual(points[i - 1] ?? 1);
  });

  it('grows through the engine phases of a GPU proof, from 0 to 1, weighing them as a GPU spends its time', () => {
    const phases = ['witness', 'load-key', 'build-abc', 'upload', 'ntt', 'msm-a', 'msm-b2', 'msm-b1', 'msm-c', 'msm-h', 'finish'];
    const points = phases.flatMap((phase) => [overallFraction(phase, 0, 'cuda:0'), overallFraction(phase, 1, 'cuda:0')]);
    expect(points[0]).toBe(0);
    expect(points.at(-1)).toBe(1);
    for (let i = 1; i < points.length; i++) expect(points[i]).toBeGreaterThanOrEqual(points[i - 1] ?? 1);
    // The MSMs are a smaller share on a GPU: A, B, C built on the CPU come further.
    expect(overallFraction('ntt', 0, 'cuda:0')).toBeGreaterThan(overallFraction('ntt', 0) ?? 1);
  });

  it('knows nothing of the phases outside the engine', () => {
    for (const phase of ['downloading', 'external', 'submitting', 'something-new']) expect(overallFraction(phase, 0.5)).toBeNull();
  });
});

describe('the tray menu', () => {
  it('lists open, pause, both snoozes, today and quit', () => {
    const menu = trayModel(input()).menu;
    expect(ids(menu)).toEqual(['open', 'separator-window', 'pause', 'snooze', 'snooze-gpu', 'separator-controls', 'today', 'separator-today', 'quit']);
    expect(menu.filter((entry) => entry.type === 'separator')).toHaveLength(3);
    expect(item(menu, 'open')?.label).toBe('Open ProverDesk');
    expect(item(menu, 'quit')?.label).toBe('Quit ProverDesk');
    expect(item(menu, 'snooze')?.submenu?.map((entry) => [entry.id, entry.label])).toEqual([
      ['snooze-all-1h', '1 hour'],
      ['snooze-all-3h', '3 hours'],
      ['snooze-all-tomorrow', 'Until tomorrow'],
    ]);
    expect(ids(item(menu, 'snooze-gpu')?.submenu ?? [])).toEqual(['snooze-gpu-1h', 'snooze-gpu-3h', 'snooze-gpu-tomorrow']);
  });

  it('offers Hide while the window shows', () => {
    expect(trayModel(input({ windowVisible: true })).menu[0]).toEqual({ id: 'hide', label: 'Hide ProverDesk' });
  });

  it('switches Pause and Resume with the snooze', () => {
    expect(item(trayModel(input()).menu, 'pause')).toEqual({ id: 'pause', label: 'Pause proving', enabled: true });
    const paused = trayModel(input({ governor: governor({ state: 'paused', cpuPct: 0, snooze: { scope: 'all', untilMs: NOW + HOUR } }) })).menu;
    expect(item(paused, 'resume')).toEqual({ id: 'resume', label: 'Resume proving' });
    // Snoozing GPU work would replace the snooze of everything and so start the CPU again.
    expect(item(paused, 'snooze-gpu')?.enabled).toBe(false);
    expect(item(paused, 'snooze')?.enabled).toBe(true);
  });

  it("shows today's proofs and earnings in a line that cannot be clicked", () => {
    const today = (figures: TrayInput['today']) => item(trayModel(input({ today: figures })).menu, 'today');
    expect(today({ accepted: 12, failed: 0, priceCents: 34, costCents: 5 })).toEqual({ id: 'today', label: 'Today: 12 proofs · $0.34 asked ($0.05 cost)', enabled: false });
    expect(today({ accepted: 1, failed: 2, priceCents: 0, costCents: 0 })?.label).toBe('Today: 1 proof · 2 failed');
    expect(today({ accepted: 0, failed: 0, priceCents: 0, costCents: 0 })?.label).toBe('Today: 0 proofs');
    expect(today(null)?.label).toBe('Today: –');
  });
});

describe('menuAction', () => {
  it('opens, hides and quits', () => {
    expect(menuAction('open', NOW)).toBe('open');
    expect(menuAction('hide', NOW)).toBe('hide');
    expect(menuAction('quit', NOW)).toBe('quit');
  });

  it('pauses and resumes through the governor', () => {
    expect(menuAction('pause', NOW)).toEqual({ command: 'governor.pause', input: {} });
    expect(menuAction('resume', NOW)).toEqual({ command: 'governor.unsnooze', input: {} });
  });

  it('snoozes everything or GPU work for 1 h, 3 h or until the next local midnight', () => {
    const tomorrow = new Date(2025, 5, 13).getTime();
    for (const scope of ['all', 'gpu'] as const) {
      expect(menuAction(`snooze-${scope}-1h`, NOW)).toEqual({ command: 'governor.snooze', input: { scope, untilMs: NOW + HOUR } });
      expect(menuAction(`snooze-${scope}-3h`, NOW)).toEqual({ command: 'governor.snooze', input: { scope, untilMs: NOW + 3 * HOUR } });
      expect(menuAction(`snooze-${scope}-tomorrow`, NOW)).toEqual({ command: 'governor.snooze', input: { scope, untilMs: tomorrow } });
    }
  });

  it('takes "until tomorrow" to the coming midnight, also just before it and at a month’s end', () => {
    const lastMinute = new Date(2025, 0, 31, 23, 59, 30).getTime();
    expect(menuAction('snooze-all-tomorrow', lastMinute)).toEqual({ command: 'governor.snooze', input: { scope: 'all', untilMs: new Date(2025, 1, 1).getTime() } });
    const midnight = new Date(2025, 5, 13).getTime();
    expect(menuAction('snooze-all-tomorrow', midnight)).toMatchObject({ input: { untilMs: new Date(2025, 5, 14).getTime() } });
  });

  it('has an action for every clickable item of the menu and none for the rest', () => {
    const visit = (menu: TrayMenuItem[]): void => {
      for (const entry of menu) {
        const clickable = entry.type !== 'separator' && entry.submenu === undefined && entry.enabled !== false;
        expect(menuAction(entry.id, NOW) !== null, entry.id).toBe(clickable);
        if (entry.submenu) visit(entry.submenu);
      }
    };
    visit(trayModel(input()).menu);
    visit(trayModel(input({ windowVisible: true, governor: governor({ snooze: { scope: 'gpu', untilMs: NOW + HOUR } }) })).menu);
    expect(menuAction('no-such-item', NOW)).toBeNull();
  });
});

describe('marketProblem', () => {
  const market = (idleReason: string | null, more: { enabled?: boolean; pausedReason?: string | null; name?: string; unreachableSinceMs?: number | null } = {}) => ({
    name: more.name ?? 'Practice market',
    enabled: more.enabled ?? true,
    pausedReason: more.pausedReason ?? null,
    idleReason,
    unreachableSinceMs: more.unreachableSinceMs ?? (idleReason?.startsWith('cannot reach ') ? 1_000 : null),
  });

  it('names a market that cannot be reached', () => {
    expect(marketProblem([market(null), market('cannot reach Practice market: fetch failed')])).toBe('cannot reach Practice market: fetch failed');
    expect(marketProblem([market('cannot reach A: timeout'), market('cannot reach B: refused')])).toBe('cannot reach A: timeout (and 1 more)');
  });

  it('still names it while the governor holds work back and nothing is asked', () => {
    expect(marketProblem([market('waiting: Paused: on battery', { name: 'Sandbox', unreachableSinceMs: 1_000 })])).toBe('cannot reach Sandbox');
  });

  it('ignores markets that are merely idle, paused or turned off', () => {
    expect(marketProblem([market('no more batches'), market('waiting: on battery')])).toBeNull();
    expect(marketProblem([market('cannot reach A: timeout', { enabled: false }), market('cannot reach B: refused', { pausedReason: 'by you' })])).toBeNull();
    expect(marketProblem([])).toBeNull();
  });
});

describe('tray icons', () => {
  it('takes template images on macOS, whatever the theme', () => {
    for (const state of TRAY_STATES) {
      expect(trayIconFile(state, 'light', 'darwin')).toBe(`${state}Template.png`);
      expect(trayIconFile(state, 'dark', 'darwin')).toBe(`${state}Template.png`);
    }
  });

  it('takes coloured images for the theme on Windows and Linux', () => {
    for (const platform of ['win32', 'linux'] as const) {
      expect(trayIconFile('proving', 'light', platform)).toBe('proving-light.png');
      expect(trayIconFile('error', 'dark', platform)).toBe('error-dark.png');
    }
  });

  it("follows the taskbar's theme on Windows, which may differ from the apps' theme", () => {
    expect(trayTheme('win32', { shouldUseDarkColors: false, shouldUseDarkColorsForSystemIntegratedUI: true }, undefined)).toBe('dark');
    expect(trayTheme('win32', { shouldUseDarkColors: true, shouldUseDarkColorsForSystemIntegratedUI: false }, undefined)).toBe('light');
  });

  it("follows the desktop's theme on Linux, except GNOME's and Unity's bar, which is always dark", () => {
    const light = { shouldUseDarkColors: false, shouldUseDarkColorsForSystemIntegratedUI: false };
    expect(trayTheme('linux', light, 'KDE')).toBe('light');
    expect(trayTheme('linux', light, undefined)).toBe('light');
    expect(trayTheme('linux', { ...light, shouldUseDarkColors: true }, 'XFCE')).toBe('dark');
    expect(trayTheme('linux', light, 'ubuntu:GNOME')).toBe('dark');
    expect(trayTheme('linux', light, 'Unity')).toBe('dark');
    expect(trayTheme('linux', light, 'GNOME-Flashback-Like')).toBe('light');
  });

  it('follows the system theme on macOS', () => {
    expect(trayTheme('darwin', { shouldUseDarkColors: true, shouldUseDarkColorsForSystemIntegratedUI: true }, undefined)).toBe('dark');
  });
});
