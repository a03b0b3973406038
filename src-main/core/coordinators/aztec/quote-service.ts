// An Aztec coordinator at work in the app: its quote provider (the prover node's QUOTE_PROVIDER_URL) priced by
// the user's Aztec quote settings, signing and sending quotes with the keychain key, every answer written to the
// quote ledger; and an outcome poller that reads claims and payouts from L1 into that ledger, booking each
// payout once as a FEE reward in the earnings ledger. It refuses to start (pause) on what the user must fix.
import { HttpClient } from '../../net/http-client.js';
import type { Logger } from '../../log/logger.js';
import { loadAztecQuoteSettings } from '../../pricing/aztec-quote-settings.js';
import { NANO_USD, NANO_USD_PER_CENT } from '../../pricing/cost-model.js';
import { quoteEpoch } from '../../pricing/aztec-quote-strategy.js';
import { fromHex } from '../../secrets/eth-signer.js';
import type { Keychain } from '../../secrets/keychain.js';
import { loadSigner, type Signer } from '../../secrets/signing-keys.js';
import type { NewAztecQuote } from '../../store/repos/aztec-quotes-repo.js';
import type { Store } from '../../store/store.js';
import { AztecConfigSchema, type AztecConfig } from './config.js';
import { L1Client } from './node-rpc-client.js';
import type { QuoteDomain } from './quote-digest.js';
import { checkDigestAgainstRollup, DigestMismatchError, readQuoteOutcomes, type QuoteOutcomes, type QuotePayout } from './quote-outcomes.js';
import { startQuoteProvider, type QuoteProvider, type QuoteRecord } from './quote-provider.js';
import { MIN_BOND_AMOUNT, NO_EXPIRY_SLOT } from './quote-wire.js';

export const DEFAULT_OUTCOME_POLL_MS = 15_000;
/** The ledger currency of payouts: the rollup's fee asset. */
export const FEE_CURRENCY = 'FEE';

export interface AztecQuoteServiceOptions {
  coordinator: { id: string; name: string; config: Record<string, unknown> };
  store: Store;
  keychain: Keychain;
  logger: Logger;
  now?: () => number;
  /** How often claims and payouts are read from L1 (default 15 s). */
  pollMs?: number;
}

export interface AztecQuoteServiceStatus {
  /** degraded: running, but L1 cannot be read (or the digest check failed); `reason` says why. */
  state: 'running' | 'degraded' | 'closed';
  reason: string | null;
  providerUrl: string;
  /** When the node last sent a quote request (any outcome). */
  lastQuoteAtMs: number | null;
  /** When claims and payouts were last read from L1. */
  lastOutcomeCheckAtMs: number | null;
}

export interface AztecQuoteService {
  /** Give this to the prover node as QUOTE_PROVIDER_URL. */
  providerUrl: string;
  status(): AztecQuoteServiceStatus;
  close(): Promise<void>;
}

/** The running service, or why the coordinator cannot run (it is paused with that reason). */
export async function startAztecQuoteService(options: AztecQuoteServiceOptions): Promise<AztecQuoteService | { pause: string }> {
  const { coordinator, store, logger } = options;
  const now = options.now ?? Date.now;
  const pollMs = options.pollMs ?? DEFAULT_OUTCOME_POLL_MS;
  const parsed = AztecConfigSchema.safeParse(coordinator.config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { pause: `its settings are not usable (${issue?.path.join('.')}: ${issue?.message}); edit it in Markets` };
  }
  const config = parsed.data;
  const prover = fromHex(config.signerAddress, 20);
  const domain: QuoteDomain = { chainId: config.chainId, rollupAddress: fromHex(config.rollupAddress, 20) };

  let signer: Signer | undefined;
  if (config.submitQuotes) {
    const loaded = await signerFor(options.keychain, coordinator.id, config);
    if ('pause' in loaded) return loaded;
    signer = loaded.signer;
  }

  // The poll is the retry: no retries inside it. A quote submission gets one, within the claim window.
  const l1 = new L1Client({ url: config.l1RpcUrl ?? config.nodeUrl }, new HttpClient({ timeoutMs: 10_000, retries: 0 }));
  const digest = new DigestCheck(l1, domain, prover);
  try {
    await digest.run();
  } catch (error) {
    if (error instanceof DigestMismatchError) return { pause: `${error.message}; check the chain id and rollup address in Markets` };
    logger.warn(`${coordinator.name}: could not check the quote digest against the rollup yet (${message(error)}); retrying with the outcome polls`);
  }

  let lastQuoteAtMs: number | null = null;
  const onQuote = (record: QuoteRecord) => {
    lastQuoteAtMs = now();
    store.aztecQuotes.record(toRow(coordinator.id, lastQuoteAtMs, record));
    logger.info(`${coordinator.name}: ${describeRecord(record)}`);
  };
  let provider: QuoteProvider;
  try {
    provider = await startQuoteProvider({
      host: config.providerHost,
      port: config.providerPort,
      // The node asks when the epoch has ended: validity counts from the first slot after it.
      price: (request) =>
        digest.mismatch !== undefined
          ? { decline: digest.mismatch }
          : quoteEpoch(loadAztecQuoteSettings(store.settings), request, (BigInt(request.epochNumber) + 1n) * BigInt(config.slotsPerEpoch)),
      ...(signer ? { submit: { nodeUrl: config.nodeUrl, signer, domain, namespace: config.namespace, http: new HttpClient({ timeoutMs: 10_000, retries: 1 }) } } : {}),
      onQuote,
      logger,
    });
  } catch (error) {
    return { pause: listenProblem(error, config) };
  }

  const poller = new OutcomePoller({ ...options, now, l1, digest, rollup: domain.rollupAddress, prover }, pollMs);
  poller.start();
  let closed = false;
  return {
    providerUrl: provider.url,
    status: () => {
      const reason = closed ? null : (digest.mismatch ?? poller.problem);
      return {
        state: closed ? 'closed' : reason === null ? 'running' : 'degraded',
        reason,
        providerUrl: provider.url,
        lastQuoteAtMs,
        lastOutcomeCheckAtMs: poller.lastCheckAtMs,
      };
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await Promise.all([poller.stop(), provider.close()]);
    },
  };
}

async function signerFor(keychain: Keychain, coordinatorId: string, config: AztecConfig): Promise<{ signer: Signer } | { pause: string }> {
  let signer: Signer | null;
  try {
    signer = await loadSigner(keychain, coordinatorId);
  } catch (error) {
    return { pause: `cannot read its signing key: ${message(error)}` };
  }
  if (!signer) return { pause: 'no signing key in the keychain; import or generate one in Markets' };
  if (signer.addressText.toLowerCase() !== config.signerAddress.toLowerCase()) {
    return { pause: `the keychain holds a key for ${signer.addressText}, not ${config.signerAddress}; import the key again in Markets` };
  }
  return { signer };
}

/** Whether this app's EIP-712 digest is the rollup's own; checked at start, and by the polls until L1 answers. */
class DigestCheck {
  checked = false;
  /** Set when the rollup disagrees: nothing is quoted then. */
  mismatch: string | undefined;

  constructor(
    private readonly l1: L1Client,
    private readonly domain: QuoteDomain,
    private readonly prover: Uint8Array,
  ) {}

  /** Throws DigestMismatchError on a mismatch, anything else when L1 gives no answer. */
  async run(signal?: AbortSignal): Promise<void> {
    if (this.checked) return;
    const sample = { epochToProve: 0n, validUntilSlot: NO_EXPIRY_SLOT, bondAmount: MIN_BOND_AMOUNT, prover: this.prover, basisPointFee: 1 };
    try {
      await checkDigestAgainstRollup(this.l1, this.domain.rollupAddress, sample, this.domain, signal);
    } catch (error) {
      if (error instanceof DigestMismatchError) {
        this.checked = true;
        this.mismatch = `quotes are declined: ${error.message}`;
      }
      throw error;
    }
    this.checked = true;
  }
}

interface PollerParts extends AztecQuoteServiceOptions {
  now: () => number;
  l1: L1Client;
  digest: DigestCheck;
  rollup: Uint8Array;
  prover: Uint8Array;
}

/** Reads the prover's claims and payouts from L1 every pollMs; a failed read is logged and retried at the next poll. */
class OutcomePoller {
  problem: string | null = null;
  lastCheckAtMs: number | null = null;
  /** The next L1 block to read from. */
  private cursor: bigint | undefined;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly inFlight = new AbortController();

  constructor(
    private readonly parts: PollerParts,
    private readonly pollMs: number,
  ) {}

  start(): void {
    const tick = () => {
      this.polling = this.pollOnce().then(() => {
        if (this.stopped) return;
        this.timer = setTimeout(tick, this.pollMs);
        this.timer.unref();
      });
    };
    tick();
  }

  /** Stops polling; settles once a poll in flight has been cut short. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.inFlight.abort();
    await this.polling;
  }

  private async pollOnce(): Promise<void> {
    const { coordinator, logger, l1, digest, now } = this.parts;
    try {
      await digest.run(this.inFlight.signal).catch((error: unknown) => {
        if (!(error instanceof DigestMismatchError)) throw error;
        logger.error(`${coordinator.name}: ${digest.mismatch}`);
      });
      this.cursor ??= await this.resumeBlock();
      const outcomes = await readQuoteOutcomes(l1, { rollup: this.parts.rollup, prover: this.parts.prover, fromBlock: this.cursor }, this.inFlight.signal);
      if (this.stopped) return;
      this.record(outcomes);
      this.cursor = outcomes.lastBlock + 1n;
      this.lastCheckAtMs = now();
      if (this.problem !== null) logger.info(`${coordinator.name}: reading claims and payouts from L1 works again`);
      this.problem = null;
    } catch (error) {
      if (this.stopped) return;
      const problem = `cannot read claims and payouts from L1: ${message(error)}`;
      // Once per distinct problem, not at every poll while the node is down.
      if (problem !== this.problem) logger.warn(`${coordinator.name}: ${problem}; retrying every ${this.pollMs / 1000} s`);
      this.problem = problem;
    }
  }

  /** After the last claim or payout recorded; with none, from the latest block (this prover has nothing older to find). */
  private async resumeBlock(): Promise<bigint> {
    const last = this.parts.store.aztecQuotes.lastL1Block(this.parts.coordinator.id);
    return last === null ? this.parts.l1.blockNumber(this.inFlight.signal) : last + 1n;
  }

  private record(outcomes: QuoteOutcomes): void {
    const { store, coordinator, logger, now } = this.parts;
    const quotes = store.aztecQuotes;
    store.transaction(() => {
      for (const claim of outcomes.claims) {
        if (quotes.markClaimed(coordinator.id, claim.epoch, claim.bondAmountWei, claim.l1Block, now())) {
          logger.info(`${coordinator.name}: won the claim for epoch ${claim.epoch}; bond of ${claim.bondAmountWei} wei staked`);
        } else if (!quotes.get(coordinator.id, claim.epoch)) {
          logger.warn(`${coordinator.name}: a claim for epoch ${claim.epoch} in L1 block ${claim.l1Block} matches no quote recorded here`);
        }
      }
      for (const payout of outcomes.payouts) this.book(payout);
    });
  }

  /** Marks the payout's quote paid and books it once; a payout read without its claim belongs to the latest unpaid claim before it. */
  private book(payout: QuotePayout): void {
    const { store, coordinator, logger, now } = this.parts;
    const quotes = store.aztecQuotes;
    const epoch =
      payout.epoch ??
      quotes
        .claimedUnpaid(coordinator.id)
        .filter((quote) => quote.claimL1Block !== null && BigInt(quote.claimL1Block) <= payout.l1Block)
        .at(-1)?.epoch;
    if (epoch === undefined || epoch === null) {
      logger.warn(`${coordinator.name}: a payout of ${payout.amountWei} wei in L1 block ${payout.l1Block} matches no claimed quote recorded here; not booked`);
      return;
    }
    if (!quotes.markPaid(coordinator.id, epoch, payout.amountWei, payout.l1Block, now())) return;
    const quote = quotes.get(coordinator.id, epoch);
    const fee = quote?.basisPointFee;
    // The prover node proved the epoch; its cost is the user's own estimate (Pricing), booked beside the payout.
    const settings = loadAztecQuoteSettings(store.settings);
    const txCount = quote?.txCount ?? 0;
    store.earnings.record({
      atMs: now(),
      kind: 'cost',
      currency: NANO_USD,
      amountMinor: -BigInt((settings.costCentsPerEpoch + settings.costCentsPerTx * txCount) * NANO_USD_PER_CENT),
      coordinatorId: coordinator.id,
      note: `epoch ${epoch}: proving ${txCount} txs at your cost of ${settings.costCentsPerEpoch} ¢ per epoch and ${settings.costCentsPerTx} ¢ per tx`,
    });
    store.earnings.record({
      atMs: now(),
      kind: 'reward',
      currency: FEE_CURRENCY,
      amountMinor: payout.amountWei,
      coordinatorId: coordinator.id,
      note: `epoch ${epoch}: ${fee ?? '?'} bp of the epoch's rewards and fees (L1 block ${payout.l1Block})`,
    });
    logger.info(`${coordinator.name}: epoch ${epoch} proven; ${payout.amountWei} wei paid out`);
  }
}

function toRow(coordinatorId: string, atMs: number, record: QuoteRecord): NewAztecQuote {
  const none = { basisPointFee: null, bondWei: null, validUntilSlot: null, submitted: null, reason: null };
  if (record.outcome === 'refused') {
    return { coordinatorId, atMs, epoch: null, fromBlock: null, toBlock: null, txCount: null, totalFeesWei: null, ...none, outcome: 'refused', reason: `HTTP ${record.status}: ${record.reason}` };
  }
  const { request } = record;
  const epoch = { epoch: BigInt(request.epochNumber), fromBlock: request.fromBlock, toBlock: request.toBlock, txCount: request.txCount, totalFeesWei: request.totalFeesWei };
  if (record.outcome !== 'quoted') return { coordinatorId, atMs, ...epoch, ...none, outcome: record.outcome, reason: record.reason };
  return {
    coordinatorId,
    atMs,
    ...epoch,
    ...none,
    outcome: 'quoted',
    basisPointFee: record.basisPointFee,
    bondWei: record.bondAmountWei,
    validUntilSlot: record.validUntilSlot ?? null,
    submitted: typeof record.submitted === 'string' ? record.submitted : record.submitted.error,
  };
}

function describeRecord(record: QuoteRecord): string {
  if (record.outcome === 'refused') return `refused a request (HTTP ${record.status}): ${record.reason}`;
  const epoch = `epoch ${record.request.epochNumber}`;
  if (record.outcome !== 'quoted') return `${epoch} ${record.outcome}: ${record.reason}`;
  const submitted = record.submitted === 'sent' ? 'sent to the node' : record.submitted === 'not-configured' ? 'left to the prover node to sign' : `not sent: ${record.submitted.error}`;
  return `${epoch} quoted at ${record.basisPointFee} bp with a bond of ${record.bondAmountWei} wei, ${submitted}`;
}

function listenProblem(error: unknown, config: AztecConfig): string {
  const where = `${config.providerHost}:${config.providerPort}`;
  const code = (error as { code?: unknown }).code;
  if (code === 'EADDRINUSE') return `cannot listen for quote requests on ${where}: the port is in use; pick another port (or 0 for any free one) in Markets`;
  if (code === 'EADDRNOTAVAIL') return `cannot listen for quote requests on ${where}: ${config.providerHost} is not an address of this machine; fix the provider host in Markets`;
  if (code === 'EACCES') return `cannot listen for quote requests on ${where}: not allowed to use that port; pick one above 1023 in Markets`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot listen for quote requests on ${where}: the host name ${config.providerHost} does not resolve; fix it in Markets`;
  return `cannot listen for quote requests on ${where}: ${message(error)}`;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
