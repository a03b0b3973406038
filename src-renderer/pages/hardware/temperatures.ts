import type { HardwareSample } from '../../../src-main/core/api/schemas.js';

/** Whether this machine reports any CPU temperature (many VMs and some laptops report none). */
export function hasTemperatures(sample: HardwareSample): boolean {
  const { cpuMainC, cpuMaxC, coresC } = sample.temperatures;
  return cpuMainC !== null || cpuMaxC !== null || coresC.length > 0;
}
