// API shapes for the resource governor (core/governor/): the limits the user sets in Settings → Resources, the
// governor's live status (what stops or slows proving, and why) and snoozing. The renderer validates its
// Resources form with the same schema the core stores.
import { z } from 'zod';

const HOURS_IN_DAY_MASK = 0xff_ffff;

/** Every hour of every day allowed: seven 24-bit masks, Sunday first (bit h = the hour starting at h:00). */
export const ALL_WEEK = [HOURS_IN_DAY_MASK, HOURS_IN_DAY_MASK, HOURS_IN_DAY_MASK, HOURS_IN_DAY_MASK, HOURS_IN_DAY_MASK, HOURS_IN_DAY_MASK, HOURS_IN_DAY_MASK];

export const ResourceSettings = z
  .object({
    cpu: z
      .object({
        /** Engine threads; null = all logical cores but one. */
        threads: z.number().int().min(1).max(1024).nullable(),
        /** Share of the CPU time those threads could use, driven as a duty cycle (100 = no limit). */
        timePct: z.number().int().min(1).max(100),
      })
      .strict(),
    memory: z
      .object({
        /** Most memory one proof may need, in MiB; null = the default share of total RAM. */
        maxMiB: z.number().int().min(16).max(16 * 1024 * 1024).nullable(),
      })
      .strict(),
    gpu: z
      .object({
        /** GPU ids (the engine's device ids) that may be used; null = every usable GPU. */
        allowed: z.array(z.string().min(1).max(200)).max(64).nullable(),
      })
      .strict(),
    idle: z
      .object({
        /** Prove only after the user has been away this long; stop at once when they come back. */
        onlyWhenIdle: z.boolean(),
        idleMinutes: z.number().int().min(1).max(24 * 60),
      })
      .strict(),
    battery: z
      .object({
        runOnBattery: z.boolean(),
        /** On battery (when allowed), stop below this charge. */
        minBatteryPct: z.number().int().min(0).max(100),
      })
      .strict(),
    schedule: z
      .object({
        enabled: z.boolean(),
        /** Allowed hours, local time: seven 24-bit masks, Sunday first. */
        week: z.array(z.number().int().min(0).max(HOURS_IN_DAY_MASK)).length(7),
      })
      .strict(),
    exclusiveApps: z
      .object({
        enabled: z.boolean(),
        /** Program names (case-insensitive, without .exe or .app). */
        names: z.array(z.string().trim().min(1).max(200)).max(500),
      })
      .strict(),
    otherCpu: z
      .object({
        /** Pause while other programs use more than maxPct of the whole CPU. */
        enabled: z.boolean(),
        maxPct: z.number().int().min(1).max(100),
      })
      .strict(),
    heat: z
      .object({
        /** Throttle above these (°C); null = no cap. */
        cpuMaxC: z.number().int().min(40).max(120).nullable(),
        gpuMaxC: z.number().int().min(40).max(120).nullable(),
        /** Full speed again only below the cap minus this margin … */
        marginC: z.number().int().min(1).max(30),
        /** … held this long; also how long a temperature must stay above the cap before throttling harder. */
        holdSeconds: z.number().int().min(1).max(3600),
      })
      .strict(),
    /** The engine runs at low OS priority (nice 19 / below-normal class). */
    lowPriority: z.boolean(),
  })
  .strict();
export type ResourceSettings = z.infer<typeof ResourceSettings>;

/** Facts the Resources page shows beside the limits (what "default" means on this machine). */
export const ResourceFacts = z.object({
  logicalCores: z.number().int().positive(),
  totalMemoryBytes: z.number().int().nonnegative(),
  defaultThreads: z.number().int().positive(),
  defaultMaxMiB: z.number().int().positive(),
  starterExclusiveApps: z.array(z.string()),
  /** Whether this machine can tell how long the user has been away (headless: only with --assume-idle). */
  idleDetection: z.enum(['os', 'assumed-idle', 'unavailable']),
});
export type ResourceFacts = z.infer<typeof ResourceFacts>;

export const ResourcesView = z.object({ settings: ResourceSettings, facts: ResourceFacts });
export type ResourcesView = z.infer<typeof ResourcesView>;

export const ResourcesSetInput = z.object({ settings: ResourceSettings }).strict();

export const RuleName = z.enum(['cpu-limit', 'idle', 'battery', 'schedule', 'exclusive-apps', 'other-cpu', 'cpu-heat', 'gpu-heat', 'snooze', 'waking']);
export type RuleName = z.infer<typeof RuleName>;

/** One thing that stops or slows proving now. */
export const GovernorReason = z.object({
  rule: RuleName,
  /** 'pause' stops proving; 'throttle' limits it to cpuPct. */
  effect: z.enum(['pause', 'throttle']),
  /** 'gpu': only GPU work is affected. */
  scope: z.enum(['all', 'gpu']),
  cpuPct: z.number().int().min(0).max(100).nullable(),
  /** For people: "user active", "CPU 91 °C (cap 85 °C)". */
  text: z.string(),
});
export type GovernorReason = z.infer<typeof GovernorReason>;

/** A snooze; untilMs null is a pause until the user resumes (the tray's Pause). */
export const SnoozeState = z.object({ scope: z.enum(['all', 'gpu']), untilMs: z.number().int().nullable() });
export type SnoozeState = z.infer<typeof SnoozeState>;

export const GovernorStatus = z.object({
  atMs: z.number().int(),
  /** running: full speed; throttled: below 100 %; paused: not proving and not taking work. */
  state: z.enum(['running', 'throttled', 'paused']),
  /** The CPU-time share proving may use now (0 = paused). */
  cpuPct: z.number().int().min(0).max(100),
  gpuAllowed: z.boolean(),
  takeNewWork: z.boolean(),
  reasons: z.array(GovernorReason),
  /** A job with a deadline kept going despite the reasons (no new work is taken meanwhile). */
  finishing: z.object({ jobId: z.string(), cpuPct: z.number().int(), despite: z.array(z.string()) }).nullable(),
  snooze: SnoozeState.nullable(),
  /** One line for banners and the tray: "Paused: on battery", "Throttled to 40 %: CPU 91 °C". */
  summary: z.string(),
});
export type GovernorStatus = z.infer<typeof GovernorStatus>;

export const SnoozeInput = z
  .object({
    scope: z.enum(['all', 'gpu']),
    /** Until when (ms since the epoch); at most a week ahead. */
    untilMs: z.number().int().positive(),
  })
  .strict();
