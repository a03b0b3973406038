// Data shapes that cross the core/UI boundary. Everything here is plain data (JSON-safe).
import { z } from 'zod';

export const Empty = z.object({}).strict();

export const AppInfo = z.object({
  apiVersion: z.number().int(),
  appVersion: z.string(),
  mode: z.enum(['electron', 'headless']),
  dataDir: z.string(),
  databaseFile: z.string(),
  platform: z.string(),
  startedAtMs: z.number().int(),
});
export type AppInfo = z.infer<typeof AppInfo>;

const Percent = z.number().min(0).max(100);
const Bytes = z.number().int().nonnegative();

export const GpuSample = z.object({
  index: z.number().int().nonnegative(),
  vendor: z.string(),
  model: z.string(),
  memoryTotalBytes: Bytes.nullable(),
  memoryUsedBytes: Bytes.nullable(),
  utilizationPct: Percent.nullable(),
  temperatureC: z.number().nullable(),
  /** Its PCI address as the OS reports it ("01:00.0"), by which the engine's view of the same card is found. */
  busAddress: z.string().optional(),
});
export type GpuSample = z.infer<typeof GpuSample>;

export const PowerState = z.object({
  source: z.enum(['ac', 'battery', 'unknown']),
  hasBattery: z.boolean(),
  batteryPct: Percent.nullable(),
  charging: z.boolean().nullable(),
});
export type PowerState = z.infer<typeof PowerState>;

/** One reading of the machine, taken every sample interval (2 s by default). */
export const HardwareSample = z.object({
  atMs: z.number().int(),
  cpu: z.object({
    loadPct: Percent,
    perCorePct: z.array(Percent),
  }),
  memory: z.object({
    totalBytes: Bytes,
    usedBytes: Bytes,
    availableBytes: Bytes,
    swapTotalBytes: Bytes,
    swapUsedBytes: Bytes,
  }),
  temperatures: z.object({
    cpuMainC: z.number().nullable(),
    cpuMaxC: z.number().nullable(),
    coresC: z.array(z.number()),
  }),
  gpus: z.array(GpuSample),
  power: PowerState,
});
export type HardwareSample = z.infer<typeof HardwareSample>;

/** Facts about the machine that do not change while the app runs. */
export const HardwareStatic = z.object({
  cpu: z.object({
    manufacturer: z.string(),
    brand: z.string(),
    physicalCores: z.number().int().nonnegative(),
    logicalCores: z.number().int().nonnegative(),
    speedGHz: z.number().nonnegative(),
  }),
  os: z.object({
    platform: z.string(),
    distro: z.string(),
    release: z.string(),
    kernel: z.string(),
    arch: z.string(),
    hostname: z.string(),
  }),
  sampleIntervalMs: z.number().int().positive(),
});
export type HardwareStatic = z.infer<typeof HardwareStatic>;

/**
 * Metric names kept as history: `cpu.load_pct`, `memory.used_pct`, `cpu.temp_c`,
 * and per GPU `gpu.<index>.util_pct` / `gpu.<index>.memory_used_pct`.
 */
export const MetricName = z
  .string()
  .regex(/^(cpu\.load_pct|cpu\.temp_c|memory\.used_pct|gpu\.\d{1,2}\.(util_pct|memory_used_pct))$/, {
    message: 'unknown metric name',
  });
export type MetricName = z.infer<typeof MetricName>;

/** Aggregate of the samples of one metric in one time bucket (1 minute in the store). */
export const MetricBucket = z.object({
  metric: MetricName,
  bucketStartMs: z.number().int(),
  min: z.number(),
  avg: z.number(),
  max: z.number(),
  count: z.number().int().positive(),
});
export type MetricBucket = z.infer<typeof MetricBucket>;

export const HardwareHistoryInput = z
  .object({
    metrics: z.array(MetricName).min(1).max(16),
    sinceMs: z.number().int().nonnegative(),
    untilMs: z.number().int().nonnegative().optional(),
  })
  .strict();

export const HardwareHistory = z.object({
  bucketMs: z.number().int().positive(),
  buckets: z.array(MetricBucket),
});
export type HardwareHistory = z.infer<typeof HardwareHistory>;

/** Account names are labels chosen by the user or a coordinator, e.g. `batch-api:participant`. */
export const SecretAccount = z
  .string()
  .trim()
  .min(1, { message: 'account must not be empty' })
  .max(200, { message: 'account must be at most 200 characters' })
  .regex(/^[\w.:@/-]+$/, { message: 'account may contain letters, digits and . _ : @ / - only' });

export const KeychainStatus = z.object({
  available: z.boolean(),
  /** Which OS store holds the secrets, e.g. "Secret Service (libsecret)" or "macOS Keychain". */
  backend: z.string(),
  service: z.string(),
  /** When unavailable: what is wrong and what to install or start. */
  problem: z.string().nullable(),
  accounts: z.array(z.object({ account: z.string(), stored: z.literal(true) })),
});
export type KeychainStatus = z.infer<typeof KeychainStatus>;

export const SecretSetInput = z
  .object({
    account: SecretAccount,
    secret: z
      .string()
      .min(1, { message: 'secret must not be empty' })
      .max(16_384, { message: 'secret must be at most 16384 characters' }),
  })
  .strict();

export const SecretDeleteInput = z.object({ account: SecretAccount }).strict();

const EngineCpu = z.object({
  kind: z.literal('cpu'),
  name: z.string(),
  cores: z.number().int().positive(),
  features: z.array(z.string()),
});

/** An NVIDIA GPU the driver lists; `state` says whether the engine can prove on it, `message` why not. */
const EngineGpu = z.object({
  kind: z.literal('gpu'),
  id: z.string().regex(/^cuda:\d+$/),
  index: z.number().int().nonnegative(),
  name: z.string(),
  memoryBytes: z.number().int().nonnegative(),
  computeCapability: z.string(),
  /** "0000:01:00.0": matches the OS's GPU of the same PCI address (see samePciAddress). */
  pciBusId: z.string(),
  state: z.enum(['ready', 'no-driver', 'driver-too-old', 'no-gpu-library', 'unsupported', 'failed']),
  message: z.string(),
  backend: z.enum(['cuda', 'emulated']).optional(),
});

export const EngineDevice = z.discriminatedUnion('kind', [EngineCpu, EngineGpu]);

/**
 * What the native engine can prove on; `gpuSummary` says what became of the GPUs (none found, driver missing, how
 * many ready), `problem` why the list is empty (e.g. engine not built).
 */
export const EngineDevices = z.object({ devices: z.array(EngineDevice), gpuSummary: z.string().nullable(), problem: z.string().nullable() });
export type EngineDevices = z.infer<typeof EngineDevices>;
