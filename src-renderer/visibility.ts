// While the window is hidden (minimised, or behind the tray) the UI does no work: no timers, no handling of the
// core's events. Proving must not compete with a UI nobody looks at. On showing again it reads state afresh.

export function windowHidden(): boolean {
  return document.visibilityState === 'hidden';
}

/** Tells the listener when the window is hidden or shown; returns the unsubscribe. */
export function onWindowVisibility(listener: (hidden: boolean) => void): () => void {
  const handler = () => listener(windowHidden());
  document.addEventListener('visibilitychange', handler);
  return () => document.removeEventListener('visibilitychange', handler);
}

/** Runs `tick` every `ms` while the window is shown, and once at once when it is shown again; returns the stop. */
export function everyWhileVisible(ms: number, tick: () => void): () => void {
  let timer: number | undefined;
  const start = () => {
    if (timer === undefined) timer = window.setInterval(tick, ms);
  };
  const stop = () => {
    window.clearInterval(timer);
    timer = undefined;
  };
  if (!windowHidden()) start();
  const unsubscribe = onWindowVisibility((hidden) => {
    if (hidden) return stop();
    tick();
    start();
  });
  return () => {
    stop();
    unsubscribe();
  };
}
