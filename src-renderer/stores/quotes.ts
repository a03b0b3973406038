// The quote ledger of each Aztec market shown on the Markets page: counts by outcome, the bonds staked on claimed
// epochs not yet paid, and the recent epochs the node asked about.
import type { MarketQuotes } from '../../src-main/core/api/aztec-schemas.js';
import { createPerMarketStore } from './per-market.js';

/** Recent epochs listed per market. */
export const RECENT_QUOTES = 20;

export const useQuotesStore = createPerMarketStore<MarketQuotes>((bridge, coordinatorId) => bridge.query('markets.quotes', { coordinatorId, limit: RECENT_QUOTES }));
