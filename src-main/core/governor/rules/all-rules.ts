// The governor's rules, in the order their reasons are listed. Each call gives fresh rules with no timers
// running, so a new governor (or a test) starts from a clean state.
import type { GovernorRule } from '../governor-types.js';
import { BatteryRule } from './battery-rule.js';
import { CpuHeatRule } from './cpu-heat-rule.js';
import { CpuLimitRule } from './cpu-limit-rule.js';
import { ExclusiveAppsRule } from './exclusive-apps-rule.js';
import { GpuHeatRule } from './gpu-heat-rule.js';
import { IdleRule } from './idle-rule.js';
import { OtherCpuRule } from './other-cpu-rule.js';
import { ScheduleRule } from './schedule-rule.js';

export function createRules(): GovernorRule[] {
  return [new CpuLimitRule(), new IdleRule(), new BatteryRule(), new ScheduleRule(), new ExclusiveAppsRule(), new OtherCpuRule(), new CpuHeatRule(), new GpuHeatRule()];
}
