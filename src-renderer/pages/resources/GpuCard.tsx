// GPU: which of the engine's GPUs proving may use, all of them by default. A GPU's id is its CUDA index ("0", "1",
// …; the engine orders GPUs by PCI bus, as nvidia-smi does, so the Hardware page's NVIDIA numbers match). GPUs the
// engine cannot use are listed with the reason.
import { useEffect, useId } from 'react';
import type { EngineDevices } from '../../../src-main/core/api/schemas.js';
import { useBridge } from '../../bridge/context.js';
import { Card } from '../../components/Card.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { formatGiB } from '../../format.js';
import { useEngineDevicesStore } from '../../stores/engine-devices.js';
import { useHardwareStore } from '../../stores/hardware.js';
import type { ResourcesCardProps } from './resources-form.js';

type EngineGpu = Extract<EngineDevices['devices'][number], { kind: 'gpu' }>;

export function GpuCard({ form, errors, edit }: ResourcesCardProps) {
  const bridge = useBridge();
  const { engine, error, load } = useEngineDevicesStore();
  const { latest, loadCurrent } = useHardwareStore();
  const name = useId();

  useEffect(() => {
    void load(bridge);
    void loadCurrent(bridge);
  }, [bridge, load, loadCurrent]);

  // Graphics cards the OS reports, whether or not this build of the engine can prove on them.
  const osGpus = latest?.gpus ?? [];
  const gpus = engine?.devices.filter((device): device is EngineGpu => device.kind === 'gpu') ?? [];
  const allowed = form.gpu.allowed;
  const toggle = (id: string, on: boolean) =>
    edit('gpu', { allowed: on ? [...(allowed ?? []), id] : (allowed ?? []).filter((other) => other !== id) });

  return (
    <Card title="GPU">
      {error !== null && <ErrorNotice message={error} onRetry={() => void load(bridge)} />}
      {engine === null ? (
        error === null && <p className="muted">Looking for GPUs…</p>
      ) : gpus.length === 0 ? (
        <>
          <p className="muted">
            {osGpus.length === 0
              ? 'No GPU was found, so proving uses the CPU only.'
              : 'The engine cannot prove on these GPUs, so proving uses the CPU only.'}
            {engine.gpuSummary !== null && ` (${engine.gpuSummary})`}
            {engine.problem !== null && ` ${engine.problem}`}
          </p>
          {osGpus.length > 0 && (
            <ul className="gpu-choices" aria-label="GPUs found">
              {osGpus.map((gpu) => (
                <li key={gpu.index}>
                  GPU {gpu.index}: {gpu.vendor} {gpu.model}
                  {gpu.memoryTotalBytes === null ? '' : ` (${formatGiB(gpu.memoryTotalBytes)})`}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <fieldset className="choice-field">
          <legend>GPUs proving may use</legend>
          <label className="choice">
            <input type="radio" name={name} checked={allowed === null} onChange={() => edit('gpu', { allowed: null })} /> All
          </label>
          <label className="choice">
            <input
              type="radio"
              name={name}
              checked={allowed !== null}
              onChange={() => edit('gpu', { allowed: gpus.filter((gpu) => gpu.state === 'ready').map((gpu) => String(gpu.index)) })}
            />{' '}
            Only these:
          </label>
          <ul className="gpu-choices">
            {gpus.map((gpu) => (
              <li key={gpu.id}>
                <label>
                  <input
                    type="checkbox"
                    disabled={allowed === null || gpu.state !== 'ready'}
                    checked={gpu.state === 'ready' && (allowed === null || allowed.includes(String(gpu.index)))}
                    onChange={(event) => toggle(String(gpu.index), event.target.checked)}
                  />{' '}
                  {gpuLabel(gpu)}
                </label>
                {gpu.state !== 'ready' && <p className="muted">{gpu.message}</p>}
              </li>
            ))}
          </ul>
          {errors['gpu.allowed'] && <span className="field-error">{errors['gpu.allowed']}</span>}
        </fieldset>
      )}
    </Card>
  );
}

const gpuLabel = (gpu: EngineGpu): string => `GPU ${gpu.index}: ${gpu.name} (${formatGiB(gpu.memoryBytes)}, compute capability ${gpu.computeCapability})`;
