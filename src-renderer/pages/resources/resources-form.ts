// The Resources form: the text in each field, to and from the ResourceSettings the API takes. Numbers stay
// text until they are valid, so a half-typed value is shown with its error; memory is shown in GiB and stored
// in MiB. Ranges come from the API's own schema, so the form refuses exactly what the core would.
import type { z } from 'zod';
import { ResourceSettings, type ResourceFacts } from '../../../src-main/core/api/resource-schemas.js';

const MIB_PER_GIB = 1024;

/** A number the user may leave to the default (or, for a cap, turn off): `text` counts only when `set`. */
export interface OptionalNumber {
  set: boolean;
  text: string;
}

export interface ResourcesForm {
  cpu: { threads: OptionalNumber; timePct: string };
  memory: { maxGiB: OptionalNumber };
  gpu: ResourceSettings['gpu'];
  idle: { onlyWhenIdle: boolean; idleMinutes: string };
  battery: { runOnBattery: boolean; minBatteryPct: string };
  schedule: ResourceSettings['schedule'];
  exclusiveApps: ResourceSettings['exclusiveApps'];
  otherCpu: { enabled: boolean; maxPct: string };
  heat: { cpuMaxC: OptionalNumber; gpuMaxC: OptionalNumber; marginC: string; holdSeconds: string };
  lowPriority: boolean;
}

/** The settings a field edits, as the schema names them ("cpu.timePct"); errors are keyed by it. */
export type SettingPath =
  | 'cpu.threads'
  | 'cpu.timePct'
  | 'memory.maxMiB'
  | 'gpu.allowed'
  | 'idle.idleMinutes'
  | 'battery.minBatteryPct'
  | 'schedule.week'
  | 'exclusiveApps.names'
  | 'otherCpu.maxPct'
  | 'heat.cpuMaxC'
  | 'heat.gpuMaxC'
  | 'heat.marginC'
  | 'heat.holdSeconds';
export type ResourcesFormErrors = Partial<Record<SettingPath, string>>;

/** GiB as typed back exactly (1536 MiB → "1.5"). */
const gibText = (mib: number): string => String(mib / MIB_PER_GIB);

export function formFromSettings(settings: ResourceSettings, facts: ResourceFacts): ResourcesForm {
  const { cpu, memory, heat } = settings;
  return {
    cpu: { threads: { set: cpu.threads !== null, text: String(cpu.threads ?? facts.defaultThreads) }, timePct: String(cpu.timePct) },
    memory: {
      maxGiB: {
        set: memory.maxMiB !== null,
        // The default's own figure is only a starting point for a custom value: one decimal is plenty.
        text: memory.maxMiB !== null ? gibText(memory.maxMiB) : String(Math.round((10 * facts.defaultMaxMiB) / MIB_PER_GIB) / 10),
      },
    },
    gpu: settings.gpu,
    idle: { onlyWhenIdle: settings.idle.onlyWhenIdle, idleMinutes: String(settings.idle.idleMinutes) },
    battery: { runOnBattery: settings.battery.runOnBattery, minBatteryPct: String(settings.battery.minBatteryPct) },
    schedule: settings.schedule,
    exclusiveApps: settings.exclusiveApps,
    otherCpu: { enabled: settings.otherCpu.enabled, maxPct: String(settings.otherCpu.maxPct) },
    heat: {
      cpuMaxC: { set: heat.cpuMaxC !== null, text: heat.cpuMaxC === null ? '' : String(heat.cpuMaxC) },
      gpuMaxC: { set: heat.gpuMaxC !== null, text: heat.gpuMaxC === null ? '' : String(heat.gpuMaxC) },
      marginC: String(heat.marginC),
      holdSeconds: String(heat.holdSeconds),
    },
    lowPriority: settings.lowPriority,
  };
}

/** Replaces one group of the form. */
export type EditResourcesForm = <K extends keyof ResourcesForm>(key: K, value: ResourcesForm[K]) => void;

/** What each card of the Resources page gets. */
export interface ResourcesCardProps {
  form: ResourcesForm;
  facts: ResourceFacts;
  errors: ResourcesFormErrors;
  edit: EditResourcesForm;
}

export type FormResult = { ok: true; settings: ResourceSettings } | { ok: false; errors: ResourcesFormErrors };

export function settingsFromForm(form: ResourcesForm, facts: ResourceFacts): FormResult {
  const errors: ResourcesFormErrors = {};
  /** The typed number in the schema's unit (`scale` stored units per shown unit), or undefined with an error. */
  const number = (path: SettingPath, text: string, scale = 1): number | undefined => {
    const value = Number(text.trim());
    if (text.trim() === '' || !Number.isFinite(value)) {
      errors[path] = 'enter a number';
      return undefined;
    }
    return scale === 1 ? value : Math.round(value * scale);
  };
  const optional = (path: SettingPath, value: OptionalNumber, scale = 1): number | null | undefined =>
    value.set ? number(path, value.text, scale) : null;

  const threads = optional('cpu.threads', form.cpu.threads);
  if (threads != null && threads > facts.logicalCores) errors['cpu.threads'] = `must be at most ${facts.logicalCores}, the logical cores of this machine`;
  const parsed = ResourceSettings.safeParse({
    cpu: { threads, timePct: number('cpu.timePct', form.cpu.timePct) },
    memory: { maxMiB: optional('memory.maxMiB', form.memory.maxGiB, MIB_PER_GIB) },
    gpu: form.gpu,
    idle: { onlyWhenIdle: form.idle.onlyWhenIdle, idleMinutes: number('idle.idleMinutes', form.idle.idleMinutes) },
    battery: { runOnBattery: form.battery.runOnBattery, minBatteryPct: number('battery.minBatteryPct', form.battery.minBatteryPct) },
    schedule: form.schedule,
    exclusiveApps: form.exclusiveApps,
    otherCpu: { enabled: form.otherCpu.enabled, maxPct: number('otherCpu.maxPct', form.otherCpu.maxPct) },
    heat: {
      cpuMaxC: optional('heat.cpuMaxC', form.heat.cpuMaxC),
      gpuMaxC: optional('heat.gpuMaxC', form.heat.gpuMaxC),
      marginC: number('heat.marginC', form.heat.marginC),
      holdSeconds: number('heat.holdSeconds', form.heat.holdSeconds),
    },
    lowPriority: form.lowPriority,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.slice(0, 2).join('.') as SettingPath;
      errors[path] ??= describe(issue, path === 'memory.maxMiB' ? memoryText : String);
    }
  }
  return parsed.success && Object.keys(errors).length === 0 ? { ok: true, settings: parsed.data } : { ok: false, errors };
}

/** A bound in MiB as the Memory card speaks: GiB, or MiB below one GiB. */
const memoryText = (mib: number): string => (mib < MIB_PER_GIB ? `${mib} MiB` : `${mib / MIB_PER_GIB} GiB`);

/** An issue in the field's own terms (`bound` writes a limit from the schema, e.g. MiB as GiB). */
function describe(issue: z.core.$ZodIssue, bound: (stored: number) => string): string {
  if (issue.code === 'too_small' && issue.origin === 'number') return `must be at least ${bound(Number(issue.minimum))}`;
  if (issue.code === 'too_big' && issue.origin === 'number') return `must be at most ${bound(Number(issue.maximum))}`;
  if (issue.code === 'invalid_type' && issue.expected === 'int') return 'must be a whole number';
  return issue.message;
}
