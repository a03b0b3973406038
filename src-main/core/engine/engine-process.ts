// Entry point of the engine process: runs the native addon on behalf of the app, one message at a time in,
// progress and results out. A crash here ends only this process.
import { availableParallelism } from 'node:os';
import { ThrottledTask, type DutyCycleClock } from './duty-cycle.js';
import type { EngineErrorCode, EngineMessage, HostMessage } from './engine-protocol.js';
import { loadNativeAddon, type EngineDevice } from './native-addon.js';

interface ParentPort {
  on(event: 'message', listener: (event: { data: HostMessage }) => void): void;
  postMessage(message: EngineMessage): void;
}

function connect(): { send: (m: EngineMessage) => void; listen: (l: (m: HostMessage) => void) => void } {
  // Electron's utilityProcess exposes process.parentPort; child_process.fork gives process.send.
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    return { send: (m) => parentPort.postMessage(m), listen: (l) => parentPort.on('message', (e) => l(e.data)) };
  }
  if (!process.send) throw new Error('the engine process must be started by ProverDesk (no IPC channel)');
  return {
    send: (m) => process.send!(m),
    listen: (l) => process.on('message', (m) => l(m as HostMessage)),
  };
}

function errorCode(error: unknown): EngineErrorCode {
  const code = (error as { code?: unknown }).code;
  return code === 'cancelled' || code === 'bad-input' ? code : 'engine';
}

const failure = (id: number, error: unknown): EngineMessage => ({
  type: 'failed',
  id,
  code: errorCode(error),
  message: error instanceof Error ? error.message : String(error),
});

/** This process's CPU time: a proof's CPU-time limit is measured on the whole engine process. */
const clock: DutyCycleClock = {
  now: () => performance.now(),
  cpuMicros: () => {
    const { user, system } = process.cpuUsage();
    return user + system;
  },
  every: (ms, tick) => {
    const timer = setInterval(tick, ms);
    return () => clearInterval(timer);
  },
};

/** The CUDA index of a device, or undefined for the CPU. */
function gpuIndexOf(device: EngineDevice | undefined): number | undefined {
  return device === undefined || device === 'cpu' ? undefined : Number(device.slice('cuda:'.length));
}

// Number GPUs by PCI bus, as nvidia-smi (and so the Hardware page) does, not fastest first; read by the driver when
// the addon first looks at the GPUs.
process.env.CUDA_DEVICE_ORDER ??= 'PCI_BUS_ID';

const channel = connect();
/** Running proofs and dev-setups, by request id; proofs also take a CPU-time limit. */
const tasks = new Map<number, { cancel(): void; pause(): void; resume(): void; setCpuLimit?(percent: number): void }>();

channel.listen((message) => {
  try {
    switch (message.type) {
      case 'prove': {
        const task = loadNativeAddon().prove(
          message.zkeyPath,
          message.witness,
          message.threads,
          (phase, fraction) => channel.send({ type: 'progress', id: message.id, phase, fraction }),
          gpuIndexOf(message.device),
        );
        const busyThreads = Math.min(message.threads, availableParallelism());
        const throttled = new ThrottledTask(task, busyThreads, clock, message.cpuPct ?? 100);
        tasks.set(message.id, {
          cancel: () => task.cancel(),
          pause: () => throttled.pause(),
          resume: () => throttled.resume(),
          setCpuLimit: (percent) => throttled.setCpuLimit(percent),
        });
        task.promise
          .then((result) => channel.send({ type: 'proved', id: message.id, ...result }))
          .catch((error: unknown) => channel.send(failure(message.id, error)))
          .finally(() => {
            throttled.end();
            tasks.delete(message.id);
          });
        return;
      }
      case 'dev-setup': {
        const task = loadNativeAddon().devSetup(message.r1csPath, message.zkeyPath, message.threads, (stage, fraction) =>
          channel.send({ type: 'setup-progress', id: message.id, stage, fraction }),
        );
        tasks.set(message.id, task);
        task.promise
          .then((summary) => channel.send({ type: 'set-up', id: message.id, summary }))
          .catch((error: unknown) => channel.send(failure(message.id, error)))
          .finally(() => tasks.delete(message.id));
        return;
      }
      case 'cancel':
        return tasks.get(message.id)?.cancel();
      case 'pause':
        return tasks.get(message.id)?.pause();
      case 'resume':
        return tasks.get(message.id)?.resume();
      case 'cpu-limit':
        return tasks.get(message.id)?.setCpuLimit?.(message.percent);
      case 'cpu-usage': {
        const { user, system } = process.cpuUsage();
        return channel.send({ type: 'answer', id: message.id, value: { userMicros: user, systemMicros: system } });
      }
      case 'estimate-memory':
        return channel.send({ type: 'answer', id: message.id, value: loadNativeAddon().estimateMemory(message.zkeyPath, message.threads) });
      case 'devices': {
        const addon = loadNativeAddon();
        return channel.send({ type: 'answer', id: message.id, value: { devices: addon.devices(), gpuSummary: addon.gpuSummary() } });
      }
      case 'estimate-gpu-memory':
        return channel.send({ type: 'answer', id: message.id, value: loadNativeAddon().estimateGpuMemory(message.zkeyPath, message.gpuIndex) });
      case 'key-cache-limit':
        loadNativeAddon().setKeyCacheLimit(message.bytes);
        return channel.send({ type: 'answer', id: message.id, value: null });
    }
  } catch (error) {
    channel.send(failure(message.id, error));
  }
});
