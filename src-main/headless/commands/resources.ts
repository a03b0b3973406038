// `proverdesk resources`: the limits of Settings → Resources from a script (show, change) and snoozing. They
// are stored in the data folder's database; a running ProverDesk reads them at its next look (every 2 s).
import { ResourceSettings } from '../../core/api/resource-schemas.js';
import { describeIssues } from '../../core/api/dispatcher.js';
import { defaultMaxMiB, defaultThreads, loadResourceSettings, loadSnooze, saveResourceSettings, saveSnooze } from '../../core/governor/resource-settings-store.js';
import { parseInteger, parseOptions, UsageError } from '../cli-options.js';
import { dataDirOption, openCliParts } from '../cli-parts.js';

export const RESOURCES_HELP = `Options for resources (all take --data-dir DIR; a running ProverDesk picks changes up within seconds):
  resources [--json]                   Show the resource limits and any snooze.
  resources set [limits]               Change limits; the others stay as they are:
      --threads N|default              engine threads (default: all logical cores but one)
      --cpu-pct N                      CPU-time limit, 1-100 %
      --max-memory-mib N|default       most memory one proof may need (default: half the RAM)
      --only-when-idle MINUTES|off     prove only after the user has been away that long
      --on-battery on|off              prove on battery (then --min-battery-pct N stops it below N %)
      --min-battery-pct N
      --exclusive-apps on|off          pause while a listed program runs (the list is edited in the app)
      --other-cpu-pct N|off            pause while other programs use more than N % of the CPU
      --cpu-max-c N|off                CPU temperature cap (°C)
      --gpu-max-c N|off                GPU temperature cap (°C)
      --low-priority on|off            engine at low OS priority
  resources snooze 1h|3h|tomorrow|pause|off [--gpu]
                                       Pause all proving (or only GPU work) until then, or until
                                       "off" (pause); off ends a snooze or a pause.
`;

const HOUR_MS = 3_600_000;

export async function resources(args: string[]): Promise<number> {
  const [sub, ...rest] = args[0] === 'set' || args[0] === 'snooze' ? args : ['show', ...args];
  if (sub === 'set') return setLimits(rest);
  if (sub === 'snooze') return snooze(rest);
  return show(rest);
}

async function show(args: string[]): Promise<number> {
  const values = parseOptions(args, { ...dataDirOption, json: { type: 'boolean', default: false } });
  const parts = await openCliParts(values['data-dir']);
  try {
    const settings = loadResourceSettings(parts.store.settings);
    const snoozed = loadSnooze(parts.store.settings);
    const active = snoozed && (snoozed.untilMs === null || snoozed.untilMs > Date.now()) ? snoozed : null;
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ settings, snooze: active }, null, 2)}\n`);
      return 0;
    }
    const until = (untilMs: number | null) => (untilMs === null ? 'until you resume' : `until ${new Date(untilMs).toLocaleString()}`);
    const snoozeLine = active ? `${active.scope === 'gpu' ? 'GPU work ' : ''}${until(active.untilMs)}` : 'none';
    process.stdout.write([...describeLimits(settings), `snooze:           ${snoozeLine}`, ''].join('\n'));
    return 0;
  } finally {
    parts.close();
  }
}

function describeLimits(s: ResourceSettings): string[] {
  const onOff = (on: boolean) => (on ? 'on' : 'off');
  const cap = (c: number | null) => (c === null ? 'off' : `${c} °C`);
  const allowedHours = s.schedule.week.reduce((n, mask) => n + popcount(mask), 0);
  return [
    `threads:          ${s.cpu.threads ?? `default (${defaultThreads()})`}`,
    `CPU-time limit:   ${s.cpu.timePct} %`,
    `memory per proof: ${s.memory.maxMiB === null ? `default (${defaultMaxMiB()} MiB)` : `${s.memory.maxMiB} MiB`}`,
    `GPUs:             ${s.gpu.allowed === null ? 'all' : s.gpu.allowed.join(', ') || 'none'}`,
    `only when idle:   ${s.idle.onlyWhenIdle ? `after ${s.idle.idleMinutes} min away` : 'off'}`,
    `on battery:       ${s.battery.runOnBattery ? `runs above ${s.battery.minBatteryPct} %` : 'paused'}`,
    `schedule:         ${s.schedule.enabled ? `${allowedHours} of 168 hours a week allowed` : 'off (every hour)'}`,
    `exclusive apps:   ${onOff(s.exclusiveApps.enabled)} (${s.exclusiveApps.names.length} programs)`,
    `other programs:   ${s.otherCpu.enabled ? `pause above ${s.otherCpu.maxPct} % CPU` : 'off'}`,
    `heat caps:        CPU ${cap(s.heat.cpuMaxC)}, GPU ${cap(s.heat.gpuMaxC)} (resume below cap − ${s.heat.marginC} °C held ${s.heat.holdSeconds} s)`,
    `low priority:     ${onOff(s.lowPriority)}`,
  ];
}

function popcount(mask: number): number {
  let count = 0;
  for (let bits = mask; bits > 0; bits >>>= 1) count += bits & 1;
  return count;
}

async function setLimits(args: string[]): Promise<number> {
  const text = { type: 'string' } as const;
  const values = parseOptions(args, {
    ...dataDirOption,
    threads: text,
    'cpu-pct': text,
    'max-memory-mib': text,
    'only-when-idle': text,
    'on-battery': text,
    'min-battery-pct': text,
    'exclusive-apps': text,
    'other-cpu-pct': text,
    'cpu-max-c': text,
    'gpu-max-c': text,
    'low-priority': text,
  });
  const parts = await openCliParts(values['data-dir']);
  try {
    const s = structuredClone(loadResourceSettings(parts.store.settings));
    const int = (flag: string, value: string) => parseInteger(flag, value, 0, Number.MAX_SAFE_INTEGER);
    const orNull = (flag: string, value: string, word: 'default' | 'off') => (value === word ? null : int(flag, value));
    if (values.threads !== undefined) s.cpu.threads = orNull('--threads', values.threads, 'default');
    if (values['cpu-pct'] !== undefined) s.cpu.timePct = int('--cpu-pct', values['cpu-pct']);
    if (values['max-memory-mib'] !== undefined) s.memory.maxMiB = orNull('--max-memory-mib', values['max-memory-mib'], 'default');
    if (values['only-when-idle'] !== undefined) {
      const minutes = orNull('--only-when-idle', values['only-when-idle'], 'off');
      s.idle.onlyWhenIdle = minutes !== null;
      if (minutes !== null) s.idle.idleMinutes = minutes;
    }
    if (values['on-battery'] !== undefined) s.battery.runOnBattery = onOff('--on-battery', values['on-battery']);
    if (values['min-battery-pct'] !== undefined) s.battery.minBatteryPct = int('--min-battery-pct', values['min-battery-pct']);
    if (values['exclusive-apps'] !== undefined) s.exclusiveApps.enabled = onOff('--exclusive-apps', values['exclusive-apps']);
    if (values['other-cpu-pct'] !== undefined) {
      const pct = orNull('--other-cpu-pct', values['other-cpu-pct'], 'off');
      s.otherCpu.enabled = pct !== null;
      if (pct !== null) s.otherCpu.maxPct = pct;
    }
    if (values['cpu-max-c'] !== undefined) s.heat.cpuMaxC = orNull('--cpu-max-c', values['cpu-max-c'], 'off');
    if (values['gpu-max-c'] !== undefined) s.heat.gpuMaxC = orNull('--gpu-max-c', values['gpu-max-c'], 'off');
    if (values['low-priority'] !== undefined) s.lowPriority = onOff('--low-priority', values['low-priority']);
    const checked = ResourceSettings.safeParse(s);
    if (!checked.success) throw new UsageError(`these limits cannot be kept: ${describeIssues(checked.error)}`);
    saveResourceSettings(parts.store.settings, checked.data);
    process.stdout.write([...describeLimits(checked.data), ''].join('\n'));
    return 0;
  } finally {
    parts.close();
  }
}

async function snooze(args: string[]): Promise<number> {
  const [length, ...rest] = args;
  const values = parseOptions(rest, { ...dataDirOption, gpu: { type: 'boolean', default: false } });
  const untilMs = length === 'pause' ? null : snoozeEnd(length);
  const parts = await openCliParts(values['data-dir']);
  try {
    if (length === 'off') {
      saveSnooze(parts.store.settings, null);
      process.stdout.write('snooze ended\n');
      return 0;
    }
    saveSnooze(parts.store.settings, { scope: values.gpu ? 'gpu' : 'all', untilMs });
    const what = values.gpu ? 'GPU work' : 'proving';
    process.stdout.write(untilMs === null ? `${what} paused until you resume (resources snooze off)\n` : `${what} snoozed until ${new Date(untilMs).toLocaleString()}\n`);
    return 0;
  } finally {
    parts.close();
  }
}

/** When a snooze of this length ends (null: end it now). */
function snoozeEnd(length: string | undefined): number | null {
  const now = new Date();
  switch (length) {
    case '1h':
      return now.getTime() + HOUR_MS;
    case '3h':
      return now.getTime() + 3 * HOUR_MS;
    case 'tomorrow':
      return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime();
    case 'off':
      return null;
    default:
      throw new UsageError(`snooze takes 1h, 3h, tomorrow, pause or off (got '${length ?? ''}'). Run "proverdesk --help" for the options.`);
  }
}

function onOff(flag: string, value: string): boolean {
  if (value === 'on') return true;
  if (value === 'off') return false;
  throw new UsageError(`${flag} takes on or off (got '${value}')`);
}
