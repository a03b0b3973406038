// Hands the one bridge to every component that talks to the core.
import { createContext, useContext } from 'react';
import type { RendererBridge } from './transport.js';

export const BridgeContext = createContext<RendererBridge | null>(null);

export function useBridge(): RendererBridge {
  const bridge = useContext(BridgeContext);
  if (bridge === null) throw new Error('useBridge() needs a BridgeContext above it');
  return bridge;
}
