// The one job state machine every coordinator's work goes through. Each move is persisted with a timestamped
// event (jobs-repo `transition`), so a restart knows exactly where every job stood.
export const JOB_STATES = [
  'discovered',
  'claimed',
  'downloading',
  'proving',
  'submitting',
  'accepted',
  'rejected',
  'failed',
  'expired',
  'cancelled',
] as const;
export type JobState = (typeof JOB_STATES)[number];

export const TERMINAL_STATES: readonly JobState[] = ['accepted', 'rejected', 'failed', 'expired', 'cancelled'];
export const ACTIVE_STATES: readonly JobState[] = ['discovered', 'claimed', 'downloading', 'proving', 'submitting'];

/** States a job may leave for `to`; the repository refuses any other move. */
export const ALLOWED_FROM: Record<JobState, readonly JobState[]> = {
  discovered: [],
  claimed: ['discovered', 'failed', 'expired', 'rejected', 'cancelled'], // offered again: a retry
  downloading: ['claimed', 'downloading', 'proving'], // a restart fetches the inputs again
  proving: ['downloading'],
  submitting: ['proving', 'submitting'],
  accepted: ['submitting'],
  rejected: ['submitting'],
  failed: ['discovered', 'claimed', 'downloading', 'proving', 'submitting'],
  expired: ['discovered', 'claimed', 'downloading', 'proving', 'submitting'],
  cancelled: ['discovered', 'claimed', 'downloading', 'proving', 'submitting'],
};

export function isTerminal(state: string): boolean {
  return (TERMINAL_STATES as readonly string[]).includes(state);
}
