// The API's Succinct pricing endpoints (Pricing page): the bid settings with example prices at this machine's
// measured speed, saving them (the adapter prices each new bid with the saved ones), and a what-if over recent
// requests from the bids ledger.
import type { ApiHandlers } from '../api/dispatcher.js';
import type { PreviewedRequest, SuccinctPricingView } from '../api/bidding-schemas.js';
import type { SuccinctBidSettingsInput } from '../api/pricing-schemas.js';
import type { Store } from '../store/store.js';
import { loadCostModel } from './cost-model.js';
import { loadSuccinctBidSettings, saveSuccinctBidSettings } from './succinct-bid-settings.js';
import { DEFAULT_SUCCINCT_BID_SETTINGS, FALLBACK_TICK_WEI, quoteSuccinctBid, type SuccinctBidSettings } from './succinct-bid-strategy.js';

type Queries = Pick<ApiHandlers['queries'], 'pricing.succinct' | 'pricing.succinctPreview'>;
type Commands = Pick<ApiHandlers['commands'], 'pricing.setSuccinct'>;

/** Practice request sizes shown as examples (PGUs = constraints on the practice network). */
const EXAMPLE_GAS = [2n ** 12n, 2n ** 14n, 2n ** 16n, 2n ** 20n];

export interface SuccinctPricingParts {
  store: Store;
  /** Full-speed proving time for a request of this many PGUs (calibration). */
  provingMs: (gasLimit: bigint) => number;
  calibrated: () => boolean;
}

export function succinctPricingHandlers(parts: SuccinctPricingParts): { queries: Queries; commands: Commands } {
  const { store } = parts;
  const view = (): SuccinctPricingView => {
    const settings = loadSuccinctBidSettings(store.settings);
    const model = loadCostModel(store.settings);
    return {
      settings: toInput(settings),
      defaults: toInput(DEFAULT_SUCCINCT_BID_SETTINGS),
      examples: EXAMPLE_GAS.map((gasLimit) => {
        const provingMs = parts.provingMs(gasLimit);
        const quote = quoteSuccinctBid(model, settings, { gasLimit, provingMs }, FALLBACK_TICK_WEI);
        return { gasLimit: gasLimit.toString(), provingMs: Math.round(provingMs), breakEvenWeiPerPgu: quote.breakEvenWeiPerPgu.toString(), bidWeiPerPgu: quote.bidWeiPerPgu.toString() };
      }),
      calibrated: parts.calibrated(),
    };
  };
  return {
    queries: {
      'pricing.succinct': view,
      'pricing.succinctPreview': ({ settings: input, limit }) => {
        const settings = fromInput(input);
        const model = loadCostModel(store.settings);
        const requests: PreviewedRequest[] = store.marketBids.recent(limit).map((row) => {
          const quote = quoteSuccinctBid(model, settings, { gasLimit: row.gasLimit, provingMs: parts.provingMs(row.gasLimit) }, FALLBACK_TICK_WEI);
          return {
            coordinatorId: row.coordinatorId,
            requestId: row.requestId,
            program: row.program,
            atMs: row.atMs,
            gasLimit: row.gasLimit.toString(),
            deadlineMs: row.deadlineMs,
            maxPriceWeiPerPgu: row.maxPriceWeiPerPgu?.toString() ?? null,
            outcome: row.outcome,
            recordedAmountWeiPerPgu: row.amountWeiPerPgu?.toString() ?? null,
            amountWeiPerPgu: quote.bidWeiPerPgu.toString(),
            breakEvenWeiPerPgu: quote.breakEvenWeiPerPgu.toString(),
            withinMaxPrice: row.maxPriceWeiPerPgu === null || quote.bidWeiPerPgu <= row.maxPriceWeiPerPgu,
          };
        });
        const within = requests.filter((r) => r.withinMaxPrice);
        const revenueIfWonWei = within.reduce((sum, r) => sum + BigInt(r.amountWeiPerPgu) * BigInt(r.gasLimit), 0n);
        return { requests, withinMaxPrice: within.length, revenueIfWonWei: revenueIfWonWei.toString() };
      },
    },
    commands: {
      'pricing.setSuccinct': async ({ settings }) => {
        saveSuccinctBidSettings(store.settings, fromInput(settings));
        return view();
      },
    },
  };
}

function toInput(settings: SuccinctBidSettings): SuccinctBidSettingsInput {
  return { ...settings, floorWeiPerPgu: settings.floorWeiPerPgu.toString() };
}

function fromInput(input: SuccinctBidSettingsInput): SuccinctBidSettings {
  return { ...input, floorWeiPerPgu: BigInt(input.floorWeiPerPgu) };
}
