import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { App } from './App.js';
import { BridgeContext } from './bridge/context.js';
import { connectToCore } from './bridge/index.js';

const bridge = connectToCore();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BridgeContext value={bridge}>
      <App />
    </BridgeContext>
  </StrictMode>,
);
