// The tray icon (Electron glue): keeps what trayModel needs current from the core's events and a few queries,
// and applies the model it returns. The core is reached only through dispatch and subscribe, as the UI does;
// what the tray shows and what its menu does is decided in tray-model.ts and tray-icons.ts.
import { join } from 'node:path';
import { app, BrowserWindow, Menu, nativeImage, nativeTheme, Tray, type MenuItemConstructorOptions } from 'electron';
import type { z } from 'zod';
import {
  API_VERSION,
  commands,
  queries,
  type ApiResponse,
  type CommandName,
  type EventMessage,
  type EventName,
  type EventPayload,
  type QueryInput,
  type QueryName,
  type QueryOutput,
} from '../../core/api/contract.js';
import type { GovernorStatus } from '../../core/api/resource-schemas.js';
import type { Core } from '../../core/core.js';
import type { Logger } from '../../core/log/logger.js';
import { trayTheme } from './tray-icons.js';
import {
  localMidnight,
  marketProblem,
  menuAction,
  overallFraction,
  trayModel,
  type TodayFigures,
  type TrayInput,
  type TrayJob,
  type TrayMenuItem,
  type TrayModel,
} from './tray-model.js';

export interface TrayOptions {
  core: Pick<Core, 'dispatch' | 'subscribe'>;
  /** The folder with the tray icons (assets/tray). */
  iconsDir: string;
  /** Shows and focuses the main window, creating it if need be. */
  showWindow(): void;
  /** Hides the window if it is shown (and shows it otherwise); without it the menu only ever offers "Open". */
  toggleWindow?: () => void;
  /** Quits the app (the app's own shutdown closes the core). */
  quit(): void;
  log: Logger;
}

/** Today's figures and the markets' reachability are read this often; the tooltip's times are redrawn with them. */
const REFRESH_INTERVAL_MS = 60_000;
/** Progress comes up to four times a second; the tray is redrawn at most once a second. */
const MIN_RENDER_INTERVAL_MS = 1_000;
/** The job being worked on is among the newest; older ones are not looked for. */
const JOB_LOOKUP_LIMIT = 50;
/** Job states in which the scheduler is still working on a job; any other ends its progress. */
const WORKING_STATES = new Set(['downloading', 'proving', 'submitting']);

/** What the UI would say when a call fails, as the start of the problem shown in the tooltip. */
const CALL_FAILURES: Partial<Record<QueryName | CommandName, string>> = {
  'governor.status': 'could not read the proving status',
  'scheduler.status': 'could not read the current job',
  'jobs.list': 'could not read the job list',
  'jobs.stats': "could not read today's figures",
  'governor.pause': 'could not pause',
  'governor.snooze': 'could not snooze',
  'governor.unsnooze': 'could not resume',
};

type Progress = EventPayload<'scheduler.progress'>;
type JobFacts = Pick<TrayJob, 'id' | 'coordinatorName' | 'deadlineAtMs'>;

export function installTray(options: TrayOptions): { dispose(): void; model(): TrayModel | undefined } {
  const { core, log } = options;
  let disposed = false;
  let governor: GovernorStatus | null = null;
  let progress: Progress | null = null;
  let jobFacts: JobFacts | null = null;
  /** The job whose row was last asked for: once per job as it starts, and at refreshes until it is known. */
  let lookedUpJobId: string | null = null;
  let lookUpInFlight = false;
  let provingStarted: { jobId: string; atMs: number } | null = null;
  let today: TodayFigures | null = null;
  let markets: string | null = null;
  /** Failed calls by name, for the tooltip: each clears when it next succeeds, or at the next refresh if that does not repeat it. */
  const failures = new Map<string, string>();

  const input = (): TrayInput => ({
    governor,
    job: progress && {
      id: progress.jobId,
      coordinatorName: jobFacts?.id === progress.jobId ? jobFacts.coordinatorName : null,
      phase: progress.phase,
      fraction: progress.fraction,
      ...(progress.device === undefined ? {} : { device: progress.device }),
      provingStartedAtMs: provingStarted?.jobId === progress.jobId ? provingStarted.atMs : null,
      deadlineAtMs: jobFacts?.id === progress.jobId ? jobFacts.deadlineAtMs : null,
    },
    today,
    problem: failures.values().next().value ?? markets,
    nowMs: Date.now(),
    windowVisible: options.toggleWindow !== undefined && BrowserWindow.getAllWindows().some((w) => w.isVisible() && !w.isMinimized()),
    theme: trayTheme(process.platform, nativeTheme, process.env.XDG_CURRENT_DESKTOP),
    platform: process.platform,
  });

  const tray = new Tray(nativeImage.createEmpty()); // render() below gives it its icon
  let shown: { icon: string; tooltip: string; menu: string } | undefined;
  let lastModel: TrayModel | undefined;
  let lastRenderMs = 0;
  let renderTimer: NodeJS.Timeout | undefined;

  /** Applies the model, touching only what changed. */
  function render(): void {
    renderTimer = undefined;
    if (disposed) return;
    lastRenderMs = Date.now();
    try {
      const model = trayModel(input());
      const menu = JSON.stringify(model.menu);
      if (model.icon !== shown?.icon) tray.setImage(iconImage(model.icon));
      if (model.tooltip !== shown?.tooltip) tray.setToolTip(model.tooltip);
      if (menu !== shown?.menu) tray.setContextMenu(Menu.buildFromTemplate(model.menu.map((item) => electronItem(item, onMenuClick))));
      shown = { icon: model.icon, tooltip: model.tooltip, menu };
      lastModel = model;
    } catch (error) {
      log.error('the tray could not be updated', error);
    }
  }

  function scheduleRender(): void {
    if (disposed || renderTimer !== undefined) return;
    renderTimer = setTimeout(render, Math.max(0, lastRenderMs + MIN_RENDER_INTERVAL_MS - Date.now()));
  }

  function iconImage(file: string): Electron.NativeImage {
    const image = nativeImage.createFromPath(join(options.iconsDir, file));
    if (image.isEmpty()) log.warn(`the tray icon ${file} is missing from ${options.iconsDir}`);
    return image;
  }

  /** Runs a call through the core; on failure notes the problem for the tooltip and answers null. */
  async function call(kind: 'query' | 'command', name: QueryName | CommandName, request: unknown, output: z.ZodType): Promise<unknown> {
    let answer: ApiResponse;
    try {
      answer = await core.dispatch({ v: API_VERSION, kind, name, input: request });
    } catch (error) {
      answer = { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
    }
    if (disposed) return null;
    const result = answer.ok ? output.safeParse(answer.result) : null;
    if (result?.success) {
      if (kind === 'query') failures.delete(name);
      return result.data;
    }
    const why = answer.ok ? 'an unexpected answer' : answer.error.message;
    failures.set(name, `${CALL_FAILURES[name] ?? name}: ${why}`);
    log.warn(`tray: ${kind} ${name} failed: ${why}`);
    scheduleRender();
    return null;
  }

  const query = async <N extends QueryName>(name: N, request: QueryInput<N>): Promise<QueryOutput<N> | null> =>
    (await call('query', name, request, queries[name].output)) as QueryOutput<N> | null;

  function setProgress(next: Progress | null): void {
    progress = next;
    if (next === null) return;
    // Counted from the first engine phase seen, witness included: the time left then errs on the long side.
    if (provingStarted?.jobId !== next.jobId && overallFraction(next.phase, next.fraction, next.device) !== null) {
      provingStarted = { jobId: next.jobId, atMs: Date.now() };
    }
    if (lookedUpJobId !== next.jobId) void lookUpJob(next.jobId);
  }

  async function lookUpJob(jobId: string): Promise<void> {
    lookedUpJobId = jobId;
    lookUpInFlight = true;
    const list = await query('jobs.list', { limit: JOB_LOOKUP_LIMIT, offset: 0 }).finally(() => (lookUpInFlight = false));
    if (list === null || progress?.jobId !== jobId) return;
    const row = list.jobs.find((job) => job.id === jobId);
    jobFacts = { id: jobId, coordinatorName: row?.coordinatorName ?? null, deadlineAtMs: row?.deadlineAtMs ?? null };
    scheduleRender();
  }

  async function refresh(): Promise<void> {
    for (const name of [...Object.keys(commands), 'jobs.list']) failures.delete(name);
    const [status, scheduler, stats] = await Promise.all([
      query('governor.status', {}),
      query('scheduler.status', {}),
      query('jobs.stats', { sinceMs: localMidnight(Date.now(), 0) }),
    ]);
    if (status !== null) governor = status;
    if (scheduler !== null) {
      setProgress(scheduler.current);
      markets = marketProblem(scheduler.coordinators);
    }
    if (progress !== null && jobFacts?.id !== progress.jobId && !lookUpInFlight) void lookUpJob(progress.jobId);
    if (stats !== null) today = { accepted: stats.accepted, failed: stats.rejected + stats.failed, priceCents: stats.priceCents, costCents: stats.costCents };
    scheduleRender();
  }

  function onEvent(event: EventMessage): void {
    if (isEvent(event, 'governor.changed')) {
      governor = event.payload;
    } else if (isEvent(event, 'scheduler.progress')) {
      setProgress(event.payload);
    } else if (isEvent(event, 'jobs.changed')) {
      if (event.payload.jobId !== progress?.jobId || WORKING_STATES.has(event.payload.state)) return;
      setProgress(null);
    } else {
      return;
    }
    scheduleRender();
  }

  function onMenuClick(id: string): void {
    const action = menuAction(id, Date.now());
    if (action === null) return;
    if (action === 'open') return options.showWindow();
    if (action === 'hide') return options.toggleWindow?.();
    if (action === 'quit') return options.quit();
    void call('command', action.command, action.input, commands[action.command].output).then((status) => {
      if (status === null) return;
      governor = status as GovernorStatus; // what all three governor commands answer
      scheduleRender();
    });
  }

  // Windows (and Linux panels that report clicks) open the window on a click; macOS opens the menu by itself.
  if (process.platform !== 'darwin') tray.on('click', () => options.showWindow());

  // The menu says "Hide" while the window shows, so the tray follows the windows' visibility.
  const watched = new Set<BrowserWindow>();
  const watchWindow = (window: BrowserWindow): void => {
    if (options.toggleWindow === undefined) return;
    watched.add(window);
    window.on('show', scheduleRender);
    window.on('hide', scheduleRender);
    window.on('minimize', scheduleRender);
    window.on('restore', scheduleRender);
    window.once('closed', () => {
      watched.delete(window);
      scheduleRender();
    });
  };
  const onWindowCreated = (_event: Electron.Event, window: BrowserWindow): void => watchWindow(window);
  BrowserWindow.getAllWindows().forEach(watchWindow);
  app.on('browser-window-created', onWindowCreated);

  nativeTheme.on('updated', scheduleRender);
  const unsubscribe = core.subscribe(onEvent);
  const refreshTimer = setInterval(() => void refresh(), REFRESH_INTERVAL_MS);
  render();
  void refresh();

  return {
    model: () => lastModel,
    dispose() {
      if (disposed) return;
      disposed = true;
      clearInterval(refreshTimer);
      clearTimeout(renderTimer);
      unsubscribe();
      nativeTheme.off('updated', scheduleRender);
      app.off('browser-window-created', onWindowCreated);
      for (const window of watched) {
        if (window.isDestroyed()) continue;
        window.off('show', scheduleRender);
        window.off('hide', scheduleRender);
        window.off('minimize', scheduleRender);
        window.off('restore', scheduleRender);
      }
      tray.destroy();
    },
  };
}

const isEvent = <N extends EventName>(event: EventMessage, name: N): event is EventMessage<N> => event.name === name;

function electronItem(item: TrayMenuItem, onClick: (id: string) => void): MenuItemConstructorOptions {
  if (item.type === 'separator') return { type: 'separator' };
  return {
    id: item.id,
    label: item.label,
    enabled: item.enabled ?? true,
    ...(item.submenu ? { submenu: item.submenu.map((child) => electronItem(child, onClick)) } : { click: () => onClick(item.id) }),
  };
}
