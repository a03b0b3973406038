// GPU: which of the engine's GPUs proving may use, all of them by default. A GPU's id is its place among the
// engine's GPUs ("0", "1", …), the same number the temperature rules and the Hardware page use.
import { useEffect, useId } from 'react';
import type { EngineDevices } from '../../../src-main/core/api/schemas.js';
import { useBridge } from '../../bridge/context.js';
import { Card } from '../../components/Card.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { formatGiB } from '../../format.js';
import { useEngineDevicesStore } from '../../stores/engine-devices.js';
import { useHardwareStore } from '../../stores/hardware.js';
import type { ResourcesCardProps } from './resources-form.js';

type EngineDevice = EngineDevices['devices'][number];

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
  const gpus = engine?.devices.filter((device) => device.kind === 'gpu') ?? [];
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
              : 'This build of the engine proves on the CPU only (its CUDA backend is coming); the GPU setting applies once it can use these:'}
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
            <input type="radio" name={name} checked={allowed !== null} onChange={() => edit('gpu', { allowed: gpus.map((_, index) => String(index)) })} />{' '}
            Only these:
          </label>
          <ul className="gpu-choices">
            {gpus.map((gpu, index) => (
              <li key={index}>
                <label>
                  <input
                    type="checkbox"
                    disabled={allowed === null}
                    checked={allowed === null || allowed.includes(String(index))}
                    onChange={(event) => toggle(String(index), event.target.checked)}
                  />{' '}
                  {gpuLabel(gpu, index)}
                </label>
              </li>
            ))}
          </ul>
          {errors['gpu.allowed'] && <span className="field-error">{errors['gpu.allowed']}</span>}
        </fieldset>
      )}
    </Card>
  );
}

const gpuLabel = (gpu: EngineDevice, index: number): string =>
  `GPU ${index}: ${gpu.name}${gpu.memoryBytes === undefined ? '' : ` (${formatGiB(gpu.memoryBytes)})`}`;
