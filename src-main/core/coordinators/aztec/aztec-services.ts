// Runs a quote service (quote-service.ts) for each enabled Aztec coordinator, the practice one included, and
// keeps them in step with the stored rows: a row added, edited, resumed or enabled gets a fresh service, one
// disabled, paused or removed loses its own. A service that cannot run pauses its row with the reason. Aztec
// quotes are answered, not polled for, so these live beside the scheduler rather than in it.
import type { Logger } from '../../log/logger.js';
import type { PracticeAztec } from '../../practice/practice-aztec.js';
import type { Keychain } from '../../secrets/keychain.js';
import type { Coordinator } from '../../store/repos/coordinators-repo.js';
import type { Store } from '../../store/store.js';
import { startAztecQuoteService, type AztecQuoteService } from './quote-service.js';

/** How often the stored rows are compared with the running services. */
const REFRESH_MS = 2_000;

interface Running {
  version: string;
  service: AztecQuoteService;
}

export class AztecServices {
  private readonly running = new Map<string, Running>();
  private refreshing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly parts: {
      store: Store;
      keychain: Keychain;
      logger: Logger;
      /** The practice Aztec node of this run, when the practice market is on. */
      practice?: Pick<PracticeAztec, 'endpoint' | 'attachProvider'>;
      pollMs?: number;
    },
  ) {}

  /** Starts what the stored rows ask for, then keeps looking every 2 s. */
  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
    this.timer.unref();
  }

  /** Where a coordinator's quote provider listens, while it runs. */
  providerUrl(coordinatorId: string): string | null {
    return this.running.get(coordinatorId)?.service.providerUrl ?? null;
  }

  /** Why a running service cannot do all of its work now (L1 unreachable, digest mismatch), or null. */
  problem(coordinatorId: string): string | null {
    const status = this.running.get(coordinatorId)?.service.status();
    return status?.state === 'degraded' ? status.reason : null;
  }

  refresh(): Promise<void> {
    this.refreshing = this.refreshing.then(() => this.reconcile()).catch((error: unknown) => this.parts.logger.error('the Aztec quote services could not be updated', error));
    return this.refreshing;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.refreshing;
    await Promise.all([...this.running.values()].map(({ service }) => service.close()));
    this.running.clear();
  }

  private async reconcile(): Promise<void> {
    if (this.closed) return;
    const { store } = this.parts;
    const wanted = new Map(store.coordinators.list().filter((c) => this.isAztec(c) && c.enabled && c.pausedReason === null).map((c) => [c.id, c]));
    for (const [id, running] of this.running) {
      const row = wanted.get(id);
      if (row && versionOf(row) === running.version) continue;
      this.running.delete(id);
      await running.service.close();
    }
    for (const [id, row] of wanted) {
      if (this.running.has(id) || this.closed) continue;
      const source = this.configOf(row);
      if (!source) continue; // a practice row in a session without the practice market
      if ('unavailable' in source) {
        store.coordinators.setPaused(id, source.unavailable);
        continue;
      }
      const started = await startAztecQuoteService({
        coordinator: { id, name: row.name, config: source.config },
        store,
        keychain: this.parts.keychain,
        logger: this.parts.logger,
        ...(this.parts.pollMs === undefined ? {} : { pollMs: this.parts.pollMs }),
      });
      if ('pause' in started) {
        store.coordinators.setPaused(id, started.pause);
        this.parts.logger.warn(`${row.name} paused: ${started.pause}`);
        continue;
      }
      this.running.set(id, { version: versionOf(row), service: started });
      if (row.kind === 'practice') this.parts.practice?.attachProvider(started.providerUrl);
      this.parts.logger.info(`${row.name}: quote provider listening at ${started.providerUrl}`);
    }
  }

  private isAztec(row: Coordinator): boolean {
    return row.kind === 'aztec' || (row.kind === 'practice' && row.config.protocol === 'aztec');
  }

  private configOf(row: Coordinator): { config: Record<string, unknown> } | { unavailable: string } | undefined {
    if (row.kind !== 'practice') return { config: row.config };
    const endpoint = this.parts.practice?.endpoint;
    if (!endpoint) return undefined;
    return 'unavailable' in endpoint ? endpoint : { config: endpoint.config };
  }
}

function versionOf(row: Coordinator): string {
  return JSON.stringify([row.config, row.updatedAtMs]);
}
