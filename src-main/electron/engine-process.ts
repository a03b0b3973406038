// The engine process under Electron: a utilityProcess (Node enabled, outside the main process) running the
// same engine-process.js the headless app forks, behind the same EngineChannel.
import { utilityProcess } from 'electron';
import { fileURLToPath } from 'node:url';
import type { EngineChannel, EngineMessage } from '../core/engine/engine-protocol.js';

const ENGINE_ENTRY = fileURLToPath(new URL('../core/engine/engine-process.js', import.meta.url));

export function launchEngineUtilityProcess(): EngineChannel {
  const child = utilityProcess.fork(ENGINE_ENTRY, [], { serviceName: 'ProverDesk engine', stdio: 'inherit' });
  return {
    get pid() {
      return child.pid;
    },
    send: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', (message: EngineMessage) => listener(message)),
    // Electron reports a crash of a utility process as a non-zero exit code (the signal is not passed on).
    onExit: (listener) => child.once('exit', (code) => listener(`exit code ${code}`)),
    kill: () => {
      child.kill();
    },
  };
}
