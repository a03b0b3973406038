// The API's Aztec pricing endpoints (Pricing page): the quote settings, saving them (the quote provider prices
// each request with the saved ones), and a what-if over the epochs recently asked for.
import type { ApiHandlers } from '../api/dispatcher.js';
import type { AztecPreview } from '../api/aztec-schemas.js';
import type { Store } from '../store/store.js';
import { aztecQuoteSettingsFromInput, aztecQuoteSettingsToInput, loadAztecQuoteSettings, saveAztecQuoteSettings } from './aztec-quote-settings.js';
import { DEFAULT_AZTEC_QUOTE_SETTINGS, quoteEpoch } from './aztec-quote-strategy.js';

type Queries = Pick<ApiHandlers['queries'], 'pricing.aztec' | 'pricing.aztecPreview'>;
type Commands = Pick<ApiHandlers['commands'], 'pricing.setAztec'>;

export function aztecPricingHandlers({ store }: { store: Store }): { queries: Queries; commands: Commands } {
  const view = () => ({ settings: aztecQuoteSettingsToInput(loadAztecQuoteSettings(store.settings)), defaults: aztecQuoteSettingsToInput(DEFAULT_AZTEC_QUOTE_SETTINGS) });
  return {
    queries: {
      'pricing.aztec': view,
      'pricing.aztecPreview': ({ settings: input, limit }) => {
        const settings = aztecQuoteSettingsFromInput(input);
        const epochs: AztecPreview['epochs'] = [];
        for (const row of store.aztecQuotes.recent(limit)) {
          if (row.epoch === null || row.fromBlock === null || row.toBlock === null || row.txCount === null || row.totalFeesWei === null) continue;
          const decision = quoteEpoch(settings, { epochNumber: Number(row.epoch), fromBlock: row.fromBlock, toBlock: row.toBlock, totalFeesWei: row.totalFeesWei, txCount: row.txCount });
          const quoted = 'decline' in decision ? undefined : decision;
          epochs.push({
            coordinatorId: row.coordinatorId,
            epoch: row.epoch.toString(),
            atMs: row.atMs,
            txCount: row.txCount,
            totalFeesWei: row.totalFeesWei.toString(),
            outcome: row.outcome,
            recordedBasisPointFee: row.basisPointFee,
            basisPointFee: quoted?.basisPointFee ?? null,
            declineReason: 'decline' in decision ? decision.decline : null,
            costWei: quoted?.costWei.toString() ?? null,
            expectedRevenueWei: quoted?.expectedRevenueWei.toString() ?? null,
          });
        }
        return { epochs };
      },
    },
    commands: {
      'pricing.setAztec': async ({ settings }) => {
        saveAztecQuoteSettings(store.settings, aztecQuoteSettingsFromInput(settings));
        return view();
      },
    },
  };
}
