// `npm run build:native`: builds the engine addon with node-gyp, incrementally, and the CUDA library beside it.
// `node-gyp rebuild` would delete native/build each time (the C++ test objects with it) and recompile everything;
// here the project is configured once (again when a source file is added or removed) and `make` recompiles only
// what changed. `--clean` starts over (e.g. after a Node upgrade).
//
// PROVERDESK_CUDA picks the CUDA library (native/build/cuda/libproverdesk_cuda.so or proverdesk_cuda.dll, loaded
// at run time): auto (default) builds it where nvcc is found and says so where not; on requires it; off skips it.
// CUDA_ARCHS (e.g. "80 90") narrows the GPUs it has code for, to build faster; the oldest listed is the oldest GPU
// the library accepts. It is rebuilt when a kernel source or the list changes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const nativeDir = fileURLToPath(new URL('../native/', import.meta.url));
/** The GPUs the CUDA library has code for by default: Turing, Ampere (A100, RTX 30), Ada (RTX 40, L4), Hopper. */
const DEFAULT_CUDA_ARCHS = '75 80 86 89 90';
const nodeGyp = createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');

function run(command, args) {
  const result = spawnSync(command, args, { cwd: nativeDir, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** nvcc on PATH, or under CUDA_HOME / CUDA_PATH, or in the usual install folder; null when none. */
function findNvcc() {
  const name = process.platform === 'win32' ? 'nvcc.exe' : 'nvcc';
  const folders = [
    ...(process.env.PATH ?? '').split(delimiter),
    ...[process.env.CUDA_HOME, process.env.CUDA_PATH].filter(Boolean).map((home) => join(home, 'bin')),
    '/usr/local/cuda/bin',
  ];
  return folders.filter((folder) => folder !== '').map((folder) => join(folder, name)).find((path) => existsSync(path)) ?? null;
}

/** The kernels' sources: a change to any of them rebuilds the CUDA library. */
function cudaSources() {
  const dir = join(nativeDir, 'cuda');
  return [...readdirSync(dir).map((name) => join(dir, name)), join(nativeDir, 'src', 'gpu', 'pd_gpu_api.h')];
}

function buildCuda() {
  const mode = process.env.PROVERDESK_CUDA ?? 'auto';
  if (!['auto', 'on', 'off'].includes(mode)) {
    console.error(`PROVERDESK_CUDA must be auto, on or off, not "${mode}"`);
    process.exit(2);
  }
  if (mode === 'off') return;
  const nvcc = findNvcc();
  if (nvcc === null) {
    if (mode === 'on') {
      console.error('PROVERDESK_CUDA=on, but nvcc was not found (PATH, CUDA_HOME, /usr/local/cuda): install the CUDA toolkit');
      process.exit(1);
    }
    console.log('CUDA library skipped: nvcc not found (GPU proving will report "no CUDA backend"; PROVERDESK_CUDA=on makes this an error)');
    return;
  }
  const windows = process.platform === 'win32';
  const output = join(nativeDir, 'build', 'cuda', windows ? 'proverdesk_cuda.dll' : 'libproverdesk_cuda.so');
  const archs = (process.env.CUDA_ARCHS ?? DEFAULT_CUDA_ARCHS).trim().split(/\s+/).map(Number).sort((a, b) => a - b);
  if (archs.length === 0 || archs.some((arch) => !Number.isInteger(arch) || arch < 50)) {
    console.error(`CUDA_ARCHS must list compute capabilities like "80 90", not "${process.env.CUDA_ARCHS}"`);
    process.exit(2);
  }
  const built = existsSync(output) ? statSync(output).mtimeMs : 0;
  const archsFile = `${output}.archs`;
  const sameArchs = existsSync(archsFile) && readFileSync(archsFile, 'utf8') === archs.join(' ');
  if (sameArchs && cudaSources().every((file) => statSync(file).mtimeMs <= built)) return;
  mkdirSync(dirname(output), { recursive: true });
  console.log(`building the CUDA library with ${nvcc} for compute capabilities ${archs.map((arch) => arch / 10).join(', ')} (a few minutes)`);
  const newest = archs.at(-1);
  run(nvcc, [
    '-x', 'cu', '-std=c++20', '-O3', '--expt-relaxed-constexpr', '--threads', '0', '-shared',
    ...(windows ? [] : ['-Xcompiler', '-fPIC']),
    '-Isrc', `-DPD_MIN_COMPUTE_CAPABILITY=${archs[0]}`,
    ...archs.flatMap((arch) => ['-gencode', `arch=compute_${arch},code=sm_${arch}`]),
    // PTX of the newest, which the driver compiles for GPUs newer than any listed.
    '-gencode', `arch=compute_${newest},code=compute_${newest}`,
    join('cuda', 'gpu_library.cpp'), '-o', output,
  ]);
  writeFileSync(archsFile, archs.join(' '));
}

/** binding.gyp lists the sources when configured: a file added or removed since needs configuring again. */
function sourcesChanged() {
  const listed = spawnSync(process.execPath, ['list-sources.cjs'], { cwd: nativeDir, encoding: 'utf8' }).stdout;
  const before = existsSync(sourcesFile) ? readFileSync(sourcesFile, 'utf8') : null;
  return { changed: listed !== before, listed };
}

const sourcesFile = join(nativeDir, 'build', 'configured-sources.txt');
if (process.argv.includes('--clean')) rmSync(new URL('../native/build/', import.meta.url), { recursive: true, force: true });
const sources = sourcesChanged();
if (!existsSync(new URL('../native/build/config.gypi', import.meta.url)) || sources.changed) {
  run(process.execPath, [nodeGyp, 'configure']);
  writeFileSync(sourcesFile, sources.listed);
}
run(process.execPath, [nodeGyp, 'build', '--jobs', '2']);
buildCuda();
