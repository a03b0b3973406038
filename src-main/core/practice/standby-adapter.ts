// The practice market steps aside once the user connects a real coordinator: a practice coordinator then asks
// for no new work (it says why in Markets and on the Dashboard), while a practice job already under way is
// still fetched and submitted as usual.
import type { CoordinatorAdapter, PollResult } from '../scheduler/coordinator-adapter.js';

export const PRACTICE_STANDBY_REASON = 'standing by while a real coordinator is connected (disable that one to practise again)';
/** Standing by costs nothing (no request), so it looks again often: practice resumes soon after the real one goes. */
const STANDBY_RECHECK_MS = 10_000;

export function standingBy(adapter: CoordinatorAdapter): CoordinatorAdapter {
  return {
    id: adapter.id,
    name: adapter.name,
    poll: async (): Promise<PollResult> => ({ kind: 'idle', reason: PRACTICE_STANDBY_REASON, retryAfterMs: STANDBY_RECHECK_MS }),
    fetch: (job, payload, workDir, signal) => adapter.fetch(job, payload, workDir, signal),
    submit: (job, payload, proof, signal) => adapter.submit(job, payload, proof, signal),
  };
}
