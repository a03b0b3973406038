// Headless engine process: a Node child process running the compiled engine-process.js.
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineChannel, EngineMessage } from './engine-protocol.js';

/** The compiled entry point; tests run from sources, so it is looked up in the build. */
function engineProcessEntry(): string {
  const beside = fileURLToPath(new URL('./engine-process.js', import.meta.url));
  if (existsSync(beside)) return beside;
  for (let dir = dirname(beside); dirname(dir) !== dir; dir = dirname(dir)) {
    const built = join(dir, 'dist', 'main', 'core', 'engine', 'engine-process.js');
    if (existsSync(built)) return built;
  }
  throw new Error('the engine process is not built (no dist/main/core/engine/engine-process.js): run "npm run build"');
}

export function forkEngineProcess(): EngineChannel {
  // 'advanced' serialization carries the witness bytes as a Uint8Array instead of JSON.
  const child = fork(engineProcessEntry(), [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return {
    pid: child.pid,
    send: (message) => {
      child.send(message);
    },
    onMessage: (listener) => child.on('message', (message) => listener(message as EngineMessage)),
    onExit: (listener) => {
      let reported = false;
      const report = (how: string) => {
        if (!reported) listener(how);
        reported = true;
      };
      child.once('exit', (code, signal) => report(signal ? `signal ${signal}` : `exit code ${code}`));
      child.once('error', (error) => report(`could not start: ${error.message}`));
    },
    kill: () => {
      child.kill('SIGKILL');
    },
  };
}
