// Feeds the core's events and connection state into the stores, for as long as the app is mounted.
import type { RendererBridge } from '../bridge/index.js';
import { isEvent } from '../bridge/envelope.js';
import { useAppInfoStore } from './app-info.js';
import { useBidsStore } from './bids.js';
import { useCalibrationStore } from './calibration.js';
import { useConnectionStore } from './connection.js';
import { useDashboardStore } from './dashboard.js';
import { useDesktopStore } from './desktop.js';
import { useEarningsStore } from './earnings.js';
import { useGovernorStore } from './governor.js';
import { useHardwareStore } from './hardware.js';
import { useJobsStore } from './jobs.js';
import { useMarketsStore } from './markets.js';
import { usePricingStore } from './pricing.js';
import { useQuotesStore } from './quotes.js';
import { useSecretsStore } from './secrets.js';
import { useSuccinctPricingStore } from './succinct-pricing.js';
import { onWindowVisibility, windowHidden } from '../visibility.js';

export function followCore(bridge: RendererBridge): () => void {
  // Events that arrive while the window is hidden are dropped; showing it again reads state afresh.
  const stopEvents = bridge.subscribe((event) => {
    if (windowHidden()) return;
    if (isEvent(event, 'hardware.sample')) useHardwareStore.getState().addSample(event.payload);
    else if (isEvent(event, 'secrets.changed')) {
      useSecretsStore.getState().applyChange(event.payload.account, event.payload.stored);
    } else if (isEvent(event, 'scheduler.progress')) useJobsStore.getState().setProgress(event.payload);
    else if (isEvent(event, 'jobs.changed')) {
      void useJobsStore.getState().jobChanged(bridge, event.payload.jobId, event.payload.state);
      if (useDashboardStore.getState().stats !== null) void useDashboardStore.getState().load(bridge);
      if (useMarketsStore.getState().coordinators !== null) void useMarketsStore.getState().load(bridge);
      void usePricingStore.getState().refreshPreview(bridge);
      useBidsStore.getState().reloadWatched(bridge);
      useEarningsStore.getState().jobChanged(bridge);
    } else if (isEvent(event, 'engine.calibrated')) {
      if (useCalibrationStore.getState().view !== null) void useCalibrationStore.getState().load(bridge);
      // The Succinct examples are priced at the measured speed.
      if (useSuccinctPricingStore.getState().view !== null) void useSuccinctPricingStore.getState().load(bridge);
    } else if (isEvent(event, 'coordinators.changed')) {
      if (useMarketsStore.getState().coordinators !== null) void useMarketsStore.getState().load(bridge);
      useBidsStore.getState().reloadWatched(bridge);
      useQuotesStore.getState().reloadWatched(bridge);
      if (useDashboardStore.getState().stats !== null) void useDashboardStore.getState().load(bridge);
    } else if (isEvent(event, 'governor.changed')) useGovernorStore.getState().apply(event.payload);
    else if (isEvent(event, 'desktop.changed')) {
      if (useDesktopStore.getState().view !== null) void useDesktopStore.getState().load(bridge);
    }
  });

  let lost = false;
  const stopWatching = bridge.watchConnection((state) => {
    useConnectionStore.getState().setState(state);
    if (state === 'reconnecting' || state === 'closed') lost = true;
    else if (state === 'open' && lost) {
      // Events sent while the page was away are gone (and the core may have restarted): read state afresh.
      lost = false;
      readAfresh(bridge);
    }
  });
  const stopVisibility = onWindowVisibility((hidden) => {
    if (!hidden) readAfresh(bridge);
  });

  return () => {
    stopEvents();
    stopWatching();
    stopVisibility();
  };
}

/** Reloads what the stores hold, after events were missed (a lost connection, a hidden window). */
function readAfresh(bridge: RendererBridge): void {
  void useAppInfoStore.getState().load(bridge);
  void useHardwareStore.getState().loadCurrent(bridge);
  if (useSecretsStore.getState().status !== null) void useSecretsStore.getState().refresh(bridge);
  if (useJobsStore.getState().jobs !== null) void useJobsStore.getState().load(bridge);
  if (useMarketsStore.getState().coordinators !== null) void useMarketsStore.getState().load(bridge);
  if (useGovernorStore.getState().status !== null) void useGovernorStore.getState().load(bridge);
  if (useDashboardStore.getState().stats !== null) void useDashboardStore.getState().load(bridge);
  useEarningsStore.getState().reloadIfWatched(bridge);
}
