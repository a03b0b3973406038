// `proverdesk start`: the desktop app where Electron can run, else the headless daemon. `npm start` runs it.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { defaultDataDir } from '../../core/data-dir.js';
import { SQLITE_BINDING_ENV } from '../../electron/launch-args.js';
import { EngineHost } from '../../core/engine/engine-host.js';
import { forkEngineProcess } from '../../core/engine/fork-engine.js';
import { releaseSnarkjsWorkers } from '../../core/engine/snarkjs-workers.js';
import { createStderrLogger } from '../../core/log/logger.js';
import { createScheduler } from '../../core/scheduler/start-scheduler.js';
import { headlessDesktopSignals } from '../../core/governor/desktop-signals.js';
import { startGovernor } from '../../core/governor/start-governor.js';
import { HardwareSampler } from '../../core/hardware/hardware-sampler.js';
import { createSystemInformationProbe } from '../../core/hardware/systeminformation-probe.js';
import { parseOptions, parseInteger } from '../cli-options.js';
import { openCliParts } from '../cli-parts.js';
import { runHeadless } from '../daemon.js';
import { launchElectron, locateElectron } from '../electron-launcher.js';
import { ensureSqliteBinding } from '../electron-natives.js';
import { findPackage, practicePackagesDir } from '../package-root.js';
import { startPracticeMarket, type PracticeMarket } from '../../core/practice/practice-market.js';

export const START_HELP = `Options for start:
  --headless               Run without a window; serve the UI on 127.0.0.1 and print its address.
  --data-dir DIR           Keep data in DIR (default: ${defaultDataDir()}).
  --port N                 Port for the headless UI (default 0: any free port).
  --sample-interval-ms N   How often hardware is sampled (default 2000).
  --once                   Work without a UI until no coordinator has work left (batch API: after
                           "no more batches"), then exit 0. For scripts.
  --no-practice            Leave the built-in practice market off for this run (to keep it off for good,
                           turn it off in Markets, or set practice.enabled to false).
  --assume-idle            Headless: count the user as always away (servers and rigs), so "only when
                           idle" in Settings → Resources lets work run; without it idle time is unknown.
`;

export async function start(args: string[]): Promise<number> {
  const values = parseOptions(args, {
    headless: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    port: { type: 'string', default: '0' },
    'sample-interval-ms': { type: 'string' },
    once: { type: 'boolean', default: false },
    'no-practice': { type: 'boolean', default: false },
    'assume-idle': { type: 'boolean', default: false },
  });
  const noPractice = values['no-practice'];
  const assumeIdle = values['assume-idle'];
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const port = parseInteger('--port', values.port, 0, 65_535);
  const sampleIntervalMs =
    values['sample-interval-ms'] === undefined
      ? undefined
      : parseInteger('--sample-interval-ms', values['sample-interval-ms'], 100, 3_600_000);

  if (values.once) return runOnce(values['data-dir'], noPractice, assumeIdle);
  if (!values.headless) {
    const desktop = await startDesktop(dataDir, noPractice);
    if (typeof desktop === 'number') return desktop;
    process.stdout.write(`Electron is not available (${desktop.reason}); running headless.\n`);
  }
  await runHeadless({ dataDir, port, noPractice, assumeIdle, ...(sampleIntervalMs === undefined ? {} : { sampleIntervalMs }) });
  return 0;
}

/** Runs the desktop app to its end (its exit code), or says why it cannot start here. */
async function startDesktop(dataDir: string, noPractice: boolean): Promise<number | { reason: string }> {
  const electron = await locateElectron({
    fetchOnce: true,
    stateDir: dataDir,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  if (electron.kind === 'unavailable') return { reason: electron.reason };
  const sqliteBinding = await buildSqliteForElectron();
  if (typeof sqliteBinding !== 'string') return sqliteBinding;
  const child = launchElectron(electron.executable, ['--data-dir', dataDir, ...(noPractice ? ['--no-practice'] : [])], { [SQLITE_BINDING_ENV]: sqliteBinding });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal === null ? 0 : 1)));
  });
}

/** The SQLite module built for the installed Electron, or why it could not be built. */
async function buildSqliteForElectron(): Promise<string | { reason: string }> {
  const pkg = findPackage();
  const require = createRequire(import.meta.url);
  const { version } = require('electron/package.json') as { version: string };
  try {
    return await ensureSqliteBinding(
      { runtime: 'electron', version, arch: process.arch },
      {
        cacheDir: join(pkg.root, 'node_modules', '.cache', 'proverdesk-electron-natives'),
        log: (line) => process.stderr.write(`${line}\n`),
      },
    );
  } catch (error) {
    return { reason: `the SQLite module could not be built for Electron ${version}: ${(error as Error).message}` };
  }
}


/** `start --once`: the scheduler alone, until every coordinator is out of work; Ctrl-C stops it cleanly. */
async function runOnce(dataDirFlag: string | undefined, noPractice: boolean, assumeIdle: boolean): Promise<number> {
  const parts = await openCliParts(dataDirFlag);
  const engine = new EngineHost(forkEngineProcess);
  // The limits of Settings → Resources hold here too (battery, heat, schedule…), so the governor needs readings.
  const sampler = new HardwareSampler({
    probe: createSystemInformationProbe(),
    sink: parts.store.metrics,
    onError: (error) => process.stderr.write(`hardware sampling failed: ${error.message}\n`),
  });
  let practice: PracticeMarket | undefined;
  let governor;
  try {
    await sampler.start();
    const log = createStderrLogger('governor');
    governor = await startGovernor({
      store: parts.store,
      engine,
      desktop: headlessDesktopSignals({ assumeIdle }),
      latestSample: () => sampler.latest(),
      onChange: (status) => log.info(status.summary),
      log,
    });
    const packagesDir = practicePackagesDir(findPackage().root);
    if (!noPractice) practice = await startPracticeMarket({ store: parts.store, keychain: parts.keychain, dataDir: parts.dataDir, packagesDir });
    const { scheduler } = await createScheduler({
      ...parts,
      engine,
      governor,
      log: createStderrLogger('scheduler'),
      practicePackagesDir: packagesDir,
      ...(practice ? { practice: practice.endpoints } : {}),
    });
    const stop = () => void scheduler.stop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const before = new Set(parts.store.jobs.list({ limit: 1000 }).map((j) => `${j.id}:${j.state}`));
    await scheduler.run({ once: true });
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    const changed = parts.store.jobs.list({ limit: 1000 }).filter((j) => !before.has(`${j.id}:${j.state}`));
    const counts = new Map<string, number>();
    for (const job of changed) counts.set(job.state, (counts.get(job.state) ?? 0) + 1);
    const summary = [...counts].map(([state, n]) => `${n} ${state}`).join(', ') || 'no jobs';
    process.stdout.write(`done: ${summary}\n`);
    for (const c of parts.store.coordinators.list().filter((c) => c.enabled && c.pausedReason)) {
      process.stdout.write(`${c.name} is paused: ${c.pausedReason}\n`);
    }
    return 0;
  } finally {
    governor?.stop();
    await practice?.close();
    await releaseSnarkjsWorkers(); // the practice servers verify with snarkjs, whose worker threads never end on their own
    engine.close();
    await sampler.stop();
    parts.close();
  }
}
