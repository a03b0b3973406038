// The one contract between the core and any UI: queries (read), commands (change) and events (pushed).
// Both transports (Electron IPC, headless HTTP + server-sent events) carry exactly these envelopes.
import { z } from 'zod';
import {
  AppInfo,
  Empty,
  EngineDevices,
  HardwareHistory,
  HardwareHistoryInput,
  HardwareSample,
  HardwareStatic,
  KeychainStatus,
  SecretAccount,
  SecretDeleteInput,
  SecretSetInput,
} from './schemas.js';
import {
  JobCancelInput,
  JobChanged,
  JobEvents,
  JobEventsInput,
  JobProgress,
  JobsList,
  JobsListInput,
  JobStats,
  JobStatsInput,
  SchedulerStatus,
} from './job-schemas.js';
import {
  CoordinatorAdded,
  CoordinatorAddInput,
  CoordinatorChanged,
  CoordinatorEnabledResult,
  CoordinatorIdInput,
  CoordinatorPausedResult,
  CoordinatorRemoved,
  CoordinatorSetEnabledInput,
  CoordinatorSetPausedInput,
  CoordinatorsList,
  CoordinatorUpdated,
  CoordinatorUpdateInput,
  DonationPrograms,
  DonationProgramsInput,
} from './market-schemas.js';
import { CalibrationView } from './calibration-schemas.js';
import { ExternalBackendSetInput, ExternalBackendView } from './provers-schemas.js';
import { GovernorStatus, ResourcesSetInput, ResourcesView, SnoozeInput } from './resource-schemas.js';
import { DesktopSetInput, DesktopSettings, DesktopView } from './desktop-schemas.js';
import { CostModelSchema, PricingPreview, PricingPreviewInput, PricingSetInput, PricingState } from './pricing-schemas.js';
import { MarketBids, MarketBidsInput, SuccinctPreview, SuccinctPreviewInput, SuccinctPricingSetInput, SuccinctPricingView } from './bidding-schemas.js';
import { EarningsSummary, EarningsSummaryInput } from './earnings-schemas.js';
import { AztecPreview, AztecPreviewInput, AztecPricingSetInput, AztecPricingView, MarketQuotes, MarketQuotesInput } from './aztec-schemas.js';

export const API_VERSION = 1;

interface Endpoint<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
}
const endpoint = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): Endpoint<I, O> => ({
  input,
  output,
});

export const queries = {
  'app.info': endpoint(Empty, AppInfo),
  'hardware.current': endpoint(
    Empty,
    z.object({ static: HardwareStatic, latest: HardwareSample.nullable() }),
  ),
  'hardware.history': endpoint(HardwareHistoryInput, HardwareHistory),
  'secrets.status': endpoint(Empty, KeychainStatus),
  'engine.devices': endpoint(Empty, EngineDevices),
  'jobs.list': endpoint(JobsListInput, JobsList),
  'jobs.events': endpoint(JobEventsInput, JobEvents),
  'scheduler.status': endpoint(Empty, SchedulerStatus),
  'jobs.stats': endpoint(JobStatsInput, JobStats),
  'coordinators.list': endpoint(Empty, CoordinatorsList),
  /** A donation server's programs (GET /program/all), for choosing which to prove for. */
  'donation.programs': endpoint(DonationProgramsInput, DonationPrograms),
  'pricing.get': endpoint(Empty, PricingState),
  'pricing.preview': endpoint(PricingPreviewInput, PricingPreview),
  /** Succinct bid settings, with example prices at this machine's speed. */
  'pricing.succinct': endpoint(Empty, SuccinctPricingView),
  /** Recent Succinct requests priced under settings not saved yet (what-if). */
  'pricing.succinctPreview': endpoint(SuccinctPreviewInput, SuccinctPreview),
  /** Bids placed, skipped, won and lost, and won requests still due. */
  'markets.bids': endpoint(MarketBidsInput, MarketBids),
  'earnings.summary': endpoint(EarningsSummaryInput, EarningsSummary),
  /** Aztec quote settings (fee from an epoch's cost against its fees; bond). */
  'pricing.aztec': endpoint(Empty, AztecPricingView),
  /** Recent epochs priced under settings not saved yet (what-if). */
  'pricing.aztecPreview': endpoint(AztecPreviewInput, AztecPreview),
  /** Quotes answered, declined and refused, claims and payouts, and the bonds staked now. */
  'markets.quotes': endpoint(MarketQuotesInput, MarketQuotes),
  'engine.calibration': endpoint(Empty, CalibrationView),
  'provers.externalBackend': endpoint(Empty, ExternalBackendView),
  /** The limits of Settings → Resources, with what their defaults mean on this machine. */
  'resources.get': endpoint(Empty, ResourcesView),
  /** What stops or slows proving now, and why. */
  'governor.status': endpoint(Empty, GovernorStatus),
  /** The desktop shell's settings (start at login, tray, notifications, hardware acceleration). */
  'desktop.get': endpoint(Empty, DesktopView),
};

export const commands = {
  'secrets.set': endpoint(SecretSetInput, z.object({ account: z.string(), stored: z.literal(true) })),
  'secrets.delete': endpoint(SecretDeleteInput, z.object({ account: z.string(), deleted: z.boolean() })),
  'jobs.cancel': endpoint(JobCancelInput, z.object({ jobId: z.string(), cancelled: z.boolean() })),
  'coordinators.add': endpoint(CoordinatorAddInput, CoordinatorAdded),
  'coordinators.update': endpoint(CoordinatorUpdateInput, CoordinatorUpdated),
  'coordinators.setPaused': endpoint(CoordinatorSetPausedInput, CoordinatorPausedResult),
  'coordinators.setEnabled': endpoint(CoordinatorSetEnabledInput, CoordinatorEnabledResult),
  'coordinators.remove': endpoint(CoordinatorIdInput, CoordinatorRemoved),
  'pricing.set': endpoint(PricingSetInput, z.object({ model: CostModelSchema })),
  'pricing.setSuccinct': endpoint(SuccinctPricingSetInput, SuccinctPricingView),
  'pricing.setAztec': endpoint(AztecPricingSetInput, AztecPricingView),
  /** Measures the machine's proving speed now (a few seconds). */
  'engine.calibrate': endpoint(Empty, CalibrationView),
  /** Sets (or, with null, clears) the command that proves work the native engine cannot. */
  'provers.setExternalBackend': endpoint(ExternalBackendSetInput, ExternalBackendView),
  /** Replaces the resource limits; they apply to the running job at once (threads: from the next job). */
  'resources.set': endpoint(ResourcesSetInput, ResourcesView),
  /** Pauses all proving (or only GPU work) until a time. */
  'governor.snooze': endpoint(SnoozeInput, GovernorStatus),
  /** Pauses all proving until governor.unsnooze. */
  'governor.pause': endpoint(Empty, GovernorStatus),
  /** Ends a snooze or a pause. */
  'governor.unsnooze': endpoint(Empty, GovernorStatus),
  'desktop.set': endpoint(DesktopSetInput, DesktopView),
};

export const events = {
  'hardware.sample': HardwareSample,
  'secrets.changed': z.object({ account: SecretAccount, stored: z.boolean() }),
  'jobs.changed': JobChanged,
  'scheduler.progress': JobProgress,
  'coordinators.changed': CoordinatorChanged,
  /** A new measurement of the machine's speed (at first start, or asked for). */
  'engine.calibrated': z.object({ measuredAtMs: z.number().int() }),
  /** The governor's decision changed (a rule started or stopped holding proving back, a snooze, new limits). */
  'governor.changed': GovernorStatus,
  /** New desktop settings: the Electron shell applies them. */
  'desktop.changed': DesktopSettings,
};

export type QueryName = keyof typeof queries;
export type CommandName = keyof typeof commands;
export type EventName = keyof typeof events;

export type QueryInput<N extends QueryName> = z.input<(typeof queries)[N]['input']>;
export type QueryOutput<N extends QueryName> = z.output<(typeof queries)[N]['output']>;
export type CommandInput<N extends CommandName> = z.input<(typeof commands)[N]['input']>;
export type CommandOutput<N extends CommandName> = z.output<(typeof commands)[N]['output']>;
export type EventPayload<N extends EventName> = z.output<(typeof events)[N]>;

/** A request as it travels over either transport. */
export const Request = z
  .object({
    v: z.literal(API_VERSION, { message: `unsupported API version (this core speaks v${API_VERSION})` }),
    kind: z.enum(['query', 'command']),
    name: z.string().min(1),
    input: z.unknown().optional(),
  })
  .strict();
export type Request = z.infer<typeof Request>;

export const ErrorCode = z.enum(['bad_request', 'not_found', 'unavailable', 'conflict', 'internal']);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiFailure = z.object({
  ok: z.literal(false),
  error: z.object({ code: ErrorCode, message: z.string() }),
});
export type ApiFailure = z.infer<typeof ApiFailure>;
export type ApiSuccess<T = unknown> = { ok: true; result: T };
export type ApiResponse<T = unknown> = ApiSuccess<T> | ApiFailure;

/** An event as it travels to the UI. */
export interface EventMessage<N extends EventName = EventName> {
  v: typeof API_VERSION;
  name: N;
  payload: EventPayload<N>;
}

/** What a UI holds: one interface, implemented over IPC in Electron and over HTTP headless. */
export interface CoreBridge {
  query<N extends QueryName>(name: N, input: QueryInput<N>): Promise<QueryOutput<N>>;
  command<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>>;
  /** Calls `listener` for every event; returns the function that stops it. */
  subscribe(listener: (event: EventMessage) => void): () => void;
}

/** Thrown by bridges when the core answers `ok: false`, and by handlers to choose the error code. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
