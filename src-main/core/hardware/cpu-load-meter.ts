// CPU load from the kernel's cumulative per-core times (os.cpus()), as the change between two readings.
// systeminformation's currentLoad() runs `cat /proc/stat` through a blocking shell on Linux every call;
// this reads the same counters through libuv for a tenth of the cost and never blocks on a child process.
import { cpus, type CpuInfo } from 'node:os';
import type { HardwareSample } from '../api/schemas.js';

type CoreTimes = CpuInfo['times'];

const totalOf = (t: CoreTimes) => t.user + t.nice + t.sys + t.idle + t.irq;
const clampPercent = (value: number) => (Number.isFinite(value) ? Math.min(100, Math.max(0, value)) : 0);

export class CpuLoadMeter {
  /** Null until the first reading: the first load is then the average since boot. */
  private previous: CoreTimes[] | null = null;

  constructor(private readonly readTimes: () => CoreTimes[] = () => cpus().map((core) => core.times)) {}

  measure(): HardwareSample['cpu'] {
    const current = this.readTimes();
    const previous = this.previous;
    this.previous = current;
    let busyAll = 0;
    let totalAll = 0;
    const perCorePct = current.map((times, index) => {
      const before = previous?.[index];
      const total = totalOf(times) - (before ? totalOf(before) : 0);
      const idle = times.idle - (before?.idle ?? 0);
      if (total <= 0) return 0;
      busyAll += total - idle;
      totalAll += total;
      return clampPercent(((total - idle) / total) * 100);
    });
    return { loadPct: totalAll > 0 ? clampPercent((busyAll / totalAll) * 100) : 0, perCorePct };
  }
}
