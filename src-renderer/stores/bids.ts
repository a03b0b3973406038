// The bids ledger of each Succinct market shown on the Markets page: counts by outcome, won requests still due and
// the recent requests.
import type { MarketBids } from '../../src-main/core/api/bidding-schemas.js';
import { createPerMarketStore } from './per-market.js';

/** Recent requests listed per market. */
export const RECENT_BIDS = 20;

export const useBidsStore = createPerMarketStore<MarketBids>((bridge, coordinatorId) => bridge.query('markets.bids', { coordinatorId, limit: RECENT_BIDS }));
