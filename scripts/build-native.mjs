// `npm run build:native`: builds the engine addon with node-gyp, incrementally. `node-gyp rebuild` would
// delete native/build each time (the C++ test objects with it) and recompile everything; here the project is
// configured once and `make` recompiles only what changed. `--clean` starts over (e.g. after a Node upgrade).
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const nativeDir = fileURLToPath(new URL('../native/', import.meta.url));
const nodeGyp = createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');

function nodeGypRun(args) {
  const result = spawnSync(process.execPath, [nodeGyp, ...args], { cwd: nativeDir, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (process.argv.includes('--clean')) rmSync(new URL('../native/build/', import.meta.url), { recursive: true, force: true });
if (!existsSync(new URL('../native/build/config.gypi', import.meta.url))) nodeGypRun(['configure']);
nodeGypRun(['build', '--jobs', '2']);
