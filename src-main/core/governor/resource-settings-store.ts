// The user's resource limits as stored (setting `governor.resources`), what their defaults mean on this
// machine, and the snooze (setting `governor.snooze`, so it outlives a restart).
import { availableParallelism, totalmem } from 'node:os';
import { ResourceSettings, SnoozeState, type ResourceFacts } from '../api/resource-schemas.js';
import type { SettingsRepo } from '../store/repos/settings-repo.js';
import { defaultResourceSettings } from './default-resources.js';
import type { DesktopSignals } from './desktop-signals.js';
import { STARTER_EXCLUSIVE_APPS } from './starter-exclusive-apps.js';

export const RESOURCES_SETTING = 'governor.resources';
export const SNOOZE_SETTING = 'governor.snooze';

const MIB = 1024 * 1024;
/** Without a memory limit of their own, one proof may take half the RAM (at least 1 GiB). */
const DEFAULT_MEMORY_SHARE = 0.5;

/** The stored limits; defaults where nothing (or something no longer valid) is stored. */
export function loadResourceSettings(settings: SettingsRepo): ResourceSettings {
  const parsed = ResourceSettings.safeParse(settings.get(RESOURCES_SETTING));
  return parsed.success ? parsed.data : defaultResourceSettings();
}

export function saveResourceSettings(settings: SettingsRepo, value: ResourceSettings): void {
  settings.set(RESOURCES_SETTING, ResourceSettings.parse(value));
}

export function loadSnooze(settings: SettingsRepo): SnoozeState | null {
  const parsed = SnoozeState.safeParse(settings.get(SNOOZE_SETTING));
  return parsed.success ? parsed.data : null;
}

export function saveSnooze(settings: SettingsRepo, snooze: SnoozeState | null): void {
  if (snooze) settings.set(SNOOZE_SETTING, snooze);
  else settings.delete(SNOOZE_SETTING);
}

export function defaultThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

export function defaultMaxMiB(): number {
  return Math.max(1024, Math.floor((totalmem() * DEFAULT_MEMORY_SHARE) / MIB));
}

export function effectiveThreads(settings: ResourceSettings): number {
  return settings.cpu.threads ?? defaultThreads();
}

export function effectiveMaxMemoryBytes(settings: ResourceSettings): number {
  return (settings.memory.maxMiB ?? defaultMaxMiB()) * MIB;
}

export function resourceFacts(desktop: DesktopSignals): ResourceFacts {
  return {
    logicalCores: availableParallelism(),
    totalMemoryBytes: totalmem(),
    defaultThreads: defaultThreads(),
    defaultMaxMiB: defaultMaxMiB(),
    starterExclusiveApps: [...STARTER_EXCLUSIVE_APPS],
    idleDetection: desktop.idleDetection,
  };
}
