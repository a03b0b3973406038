// API shapes for the Markets page: the coordinators the user proves for. A secret (the batch API's
// participant ID) goes in with add/update and never comes out: a row says only whether one is stored.
import { z } from 'zod';

export const CoordinatorId = z.string().min(1).max(100);

const Name = z
  .string()
  .trim()
  .min(1, { message: 'must not be empty' })
  .max(100, { message: 'must be at most 100 characters' });
const Url = z
  .string()
  .trim()
  .max(2000, { message: 'must be at most 2000 characters' })
  .pipe(z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' }));
/** An optional text field: empty (as a form sends it) means not set. */
const optionalText = (schema: z.ZodString) =>
  z
    .string()
    .trim()
    .optional()
    .transform((text) => (text === '' ? undefined : text))
    .pipe(schema.optional());
const SubmitPath = optionalText(
  z.string().max(500, { message: 'must be at most 500 characters' }).regex(/^\/\S*$/, { message: 'must start with / and have no spaces' }),
);
const DeploymentVersion = optionalText(z.string().max(200, { message: 'must be at most 200 characters' }));
const ParticipantId = z
  .string()
  .trim()
  .min(1, { message: 'must not be empty' })
  .max(16_384, { message: 'must be at most 16384 characters' });
/** Absent or empty: every program the server lists. */
const ProgramIds = z
  .array(z.string().trim().min(1, { message: 'must not be empty' }).max(200, { message: 'must be at most 200 characters' }))
  .max(1000, { message: 'at most 1000 programs' })
  .optional();

const KIND_ERROR = { error: 'must be batch-api, donation, succinct or aztec' };

/** A secp256k1 private key as pasted: 64 hex digits, 0x optional. Checked for range by the core. */
const PrivateKey = z
  .string()
  .trim()
  .regex(/^(0x)?[0-9a-fA-F]{64}$/, { message: 'must be 64 hexadecimal digits, optionally starting with 0x' });
const CircuitVersion = z.string().trim().min(1, { message: 'must not be empty' }).max(100, { message: 'must be at most 100 characters' });
const ChainId = z.number().int().positive().max(2 ** 53 - 1).optional();
/** What this prover proves per second, in PGUs (needed to bid on real SP1 requests). */
const ThroughputPgusPerS = z.number().positive({ message: 'must be above 0' }).max(1e12).optional();
const MaxOutstanding = z.number().int().min(1).max(100).optional();
const MaxGasLimit = optionalText(z.string().regex(/^\d{1,20}$/, { message: 'must be a whole number of PGUs' }));

const SuccinctSettings = {
  name: Name,
  url: Url,
  version: CircuitVersion,
  chainId: ChainId,
  throughputPgusPerS: ThroughputPgusPerS,
  maxOutstanding: MaxOutstanding,
  maxGasLimit: MaxGasLimit,
};

const Address = z
  .string()
  .trim()
  .regex(/^0x[0-9a-fA-F]{40}$/, { message: 'must be 0x and 40 hexadecimal digits' });
const AztecSettings = {
  name: Name,
  /** The Aztec node's JSON-RPC URL. */
  nodeUrl: Url,
  /** The L1 JSON-RPC URL (claims and payouts); empty: the node's URL. */
  l1RpcUrl: z
    .string()
    .trim()
    .optional()
    .transform((text) => (text === '' ? undefined : text))
    .pipe(Url.optional()),
  chainId: z.number().int().positive().max(2 ** 53 - 1),
  rollupAddress: Address,
  /** Where the quote provider listens (the prover node's QUOTE_PROVIDER_URL points here). */
  providerHost: optionalText(z.string().regex(/^[A-Za-z0-9.:-]{1,253}$/, { message: 'must be a host name or IP address' })),
  providerPort: z.number().int().min(0).max(65_535).optional(),
  submitQuotes: z.boolean().optional(),
  slotsPerEpoch: z.number().int().min(1).max(100_000).optional(),
};
const KeySource = z.discriminatedUnion('source', [z.object({ source: z.literal('import'), privateKey: PrivateKey }).strict(), z.object({ source: z.literal('generate') }).strict()]);

export const CoordinatorAddInput = z.discriminatedUnion(
  'kind',
  [
    z
      .object({ kind: z.literal('batch-api'), name: Name, url: Url, participantId: ParticipantId, submitPath: SubmitPath, deploymentVersion: DeploymentVersion })
      .strict(),
    z.object({ kind: z.literal('donation'), name: Name, url: Url, programIds: ProgramIds }).strict(),
    z
      .object({ kind: z.literal('succinct'), ...SuccinctSettings, key: KeySource })
      .strict(),
    z
      .object({
        kind: z.literal('aztec'),
        ...AztecSettings,
        /** Signs the quotes this app sends; not needed when the prover node signs (submitQuotes false). */
        key: KeySource.optional(),
        /** When the prover node signs: its publisher address, by which claims and payouts are found. */
        proverAddress: Address.optional(),
      })
      .strict()
      .superRefine((input, context) => {
        if (input.submitQuotes !== false && input.key === undefined) {
          context.addIssue({ code: 'custom', path: ['key'], message: "is needed to sign the quotes sent; or let the prover node sign them and give its address" });
        }
        if (input.submitQuotes === false && input.key === undefined && input.proverAddress === undefined) {
          context.addIssue({ code: 'custom', path: ['proverAddress'], message: "is needed when the prover node signs: its publisher address (claims and payouts are found by it)" });
        }
      }),
  ],
  KIND_ERROR,
);
export type CoordinatorAddInput = z.output<typeof CoordinatorAddInput>;

/** Replaces every setting; the participant ID only when given (the UI never has the stored one). */
export const CoordinatorUpdateInput = z.discriminatedUnion(
  'kind',
  [
    z
      .object({
        id: CoordinatorId,
        kind: z.literal('batch-api'),
        name: Name,
        url: Url,
        participantId: ParticipantId.optional(),
        submitPath: SubmitPath,
        deploymentVersion: DeploymentVersion,
      })
      .strict(),
    z.object({ id: CoordinatorId, kind: z.literal('donation'), name: Name, url: Url, programIds: ProgramIds }).strict(),
    /** `privateKey` replaces the signing key; left out, the stored one stays. */
    z.object({ id: CoordinatorId, kind: z.literal('succinct'), ...SuccinctSettings, privateKey: PrivateKey.optional() }).strict(),
    /** `proverAddress` replaces the address claims are found by, when the prover node signs (no key here). */
    z.object({ id: CoordinatorId, kind: z.literal('aztec'), ...AztecSettings, privateKey: PrivateKey.optional(), proverAddress: Address.optional() }).strict(),
  ],
  KIND_ERROR,
);
export type CoordinatorUpdateInput = z.output<typeof CoordinatorUpdateInput>;

export const CoordinatorIdInput = z.object({ id: CoordinatorId }).strict();
export const CoordinatorSetPausedInput = z.object({ id: CoordinatorId, paused: z.boolean() }).strict();
export const CoordinatorSetEnabledInput = z.object({ id: CoordinatorId, enabled: z.boolean() }).strict();

const Count = z.number().int().nonnegative();

export const CoordinatorRow = z.object({
  id: CoordinatorId,
  name: z.string(),
  kind: z.string(),
  /** The built-in practice market: it can be enabled or disabled, never edited or removed. */
  builtIn: z.boolean(),
  /** The protocol it speaks: its kind, or for a practice market the protocol it practises (batch-api, donation, succinct, aztec). */
  protocol: z.string(),
  enabled: z.boolean(),
  pausedReason: z.string().nullable(),
  /** Why the scheduler is not taking work from it right now (no more batches, unreachable…), if it says. */
  idleReason: z.string().nullable(),
  /** The latest failure of one of its jobs (failed, rejected, expired, a submission tried again). */
  lastError: z.object({ atMs: z.number().int(), message: z.string() }).nullable(),
  url: z.string().nullable(),
  submitPath: z.string().nullable(),
  deploymentVersion: z.string().nullable(),
  /** Donation: the programs it proves for; empty means every program. Null for other kinds. */
  programIds: z.array(z.string()).nullable(),
  /** Markets: the address of its signing key (the key itself never leaves the keychain); null for other kinds. */
  signerAddress: z.string().nullable(),
  /** Succinct: its settings; null for other kinds. */
  succinct: z
    .object({ version: z.string(), chainId: z.number().nullable(), throughputPgusPerS: z.number().nullable(), maxOutstanding: z.number().int(), maxGasLimit: z.string().nullable() })
    .nullable(),
  /** Aztec: its settings and where its quote provider listens now (null while it is not running); null for other kinds. */
  aztec: z
    .object({
      nodeUrl: z.string(),
      l1RpcUrl: z.string().nullable(),
      chainId: z.number(),
      rollupAddress: z.string(),
      providerHost: z.string(),
      providerPort: z.number().int(),
      submitQuotes: z.boolean(),
      slotsPerEpoch: z.number().int(),
      providerUrl: z.string().nullable(),
    })
    .nullable(),
  /** Batch API: whether the keychain holds its participant ID (null: not this kind, or the keychain did not answer). */
  hasParticipantId: z.boolean().nullable(),
  /** Its jobs by how they ended (failed counts expired ones too). */
  jobs: z.object({ accepted: Count, rejected: Count, failed: Count }),
});
export type CoordinatorRow = z.infer<typeof CoordinatorRow>;

export const CoordinatorsList = z.object({ coordinators: z.array(CoordinatorRow) });

export const CoordinatorChange = z.enum(['added', 'updated', 'paused', 'resumed', 'enabled', 'disabled', 'removed']);
export const CoordinatorChanged = z.object({ id: CoordinatorId, change: CoordinatorChange });

export const CoordinatorAdded = z.object({ id: CoordinatorId, name: z.string() });
export const CoordinatorUpdated = z.object({ id: CoordinatorId });
export const CoordinatorPausedResult = z.object({ id: CoordinatorId, pausedReason: z.string().nullable() });
export const CoordinatorEnabledResult = z.object({ id: CoordinatorId, enabled: z.boolean() });
/** `disabled`: jobs still refer to it, so it stays (disabled) for their history. */
export const CoordinatorRemoved = z.object({ id: CoordinatorId, outcome: z.enum(['removed', 'disabled']), jobs: Count });

/** A donation server's programs, a page at a time, to choose from (nothing is downloaded). */
export const DonationProgramsInput = z
  .object({
    url: Url,
    /** Names that start with this (the server's own filter); empty means every name. */
    nameFilter: optionalText(z.string().max(200, { message: 'must be at most 200 characters' })),
    page: z.number().int().min(1).max(100_000).default(1),
    /** The server sends at most 50 a page. */
    limit: z.number().int().min(1).max(50).default(20),
  })
  .strict();
export type DonationProgramsInput = z.output<typeof DonationProgramsInput>;

export const DonationProgram = z.object({
  programId: z.string(),
  name: z.string(),
  description: z.string(),
  organizationId: z.string(),
  /** How long a reservation lasts: a proof must be uploaded within it. */
  inputLockTimeoutS: z.number().int(),
  /** Whether this machine can prove its jobs within the lock timeout; null while its size is unknown. */
  fits: z.boolean().nullable(),
  /** Why it does not fit, or why that is not known yet. */
  reason: z.string().nullable(),
});
export type DonationProgram = z.infer<typeof DonationProgram>;

export const DonationPrograms = z.object({
  programs: z.array(DonationProgram),
  /** Programs matching the filter on the server, over all pages. */
  total: Count,
  page: z.number().int().min(1),
});
