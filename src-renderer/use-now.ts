// A clock for countdowns: the current time, ticking every `intervalMs` while `ticking` and the window is shown.
import { useEffect, useState } from 'react';
import { everyWhileVisible } from './visibility.js';

export function useNow(ticking: boolean, intervalMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    setNow(Date.now());
    return everyWhileVisible(intervalMs, () => setNow(Date.now()));
  }, [ticking, intervalMs]);
  return now;
}
