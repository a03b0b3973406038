// The resource limits of a new install: all the machine's power by default, polite to the user (low priority,
// pauses for games and video), careful with batteries and heat.
import { ALL_WEEK, type ResourceSettings } from '../api/resource-schemas.js';
import { STARTER_EXCLUSIVE_APPS } from './starter-exclusive-apps.js';

export function defaultResourceSettings(): ResourceSettings {
  return {
    cpu: { threads: null, timePct: 100 },
    memory: { maxMiB: null },
    gpu: { allowed: null },
    idle: { onlyWhenIdle: false, idleMinutes: 5 },
    battery: { runOnBattery: false, minBatteryPct: 50 },
    schedule: { enabled: false, week: [...ALL_WEEK] },
    exclusiveApps: { enabled: true, names: [...STARTER_EXCLUSIVE_APPS] },
    otherCpu: { enabled: false, maxPct: 50 },
    heat: { cpuMaxC: 90, gpuMaxC: 83, marginC: 5, holdSeconds: 30 },
    lowPriority: true,
  };
}
