// CPU: how many engine threads (from the next job) and what share of their CPU time proving may use (at once).
import { Card } from '../../components/Card.js';
import { TextField } from '../../components/TextField.js';
import { DefaultOrNumberField } from './DefaultOrNumberField.js';
import type { ResourcesCardProps } from './resources-form.js';

/** Where the slider sits while the typed value is not a usable percentage. */
function sliderValue(text: string): number {
  const pct = Math.round(Number(text));
  return Number.isFinite(pct) ? Math.min(100, Math.max(1, pct)) : 100;
}

export function CpuCard({ form, facts, errors, edit }: ResourcesCardProps) {
  const { cpu } = form;
  return (
    <Card title="CPU">
      <DefaultOrNumberField
        legend="Engine threads"
        defaultLabel={`All but one (${facts.defaultThreads})`}
        setLabel="A set number"
        fieldLabel="Threads"
        value={cpu.threads}
        onChange={(threads) => edit('cpu', { ...cpu, threads })}
        hint={`1 to ${facts.logicalCores}, the logical cores of this machine. A new number applies from the next job.`}
        error={errors['cpu.threads']}
      />
      <TextField
        label="CPU-time limit (%)"
        value={cpu.timePct}
        onChange={(timePct) => edit('cpu', { ...cpu, timePct })}
        hint="The share of those threads' time proving may use, 1 to 100 %; applies to the running job at once."
        error={errors['cpu.timePct']}
        inputMode="numeric"
        autoComplete="off"
      />
      <input
        type="range"
        className="range"
        min={1}
        max={100}
        value={sliderValue(cpu.timePct)}
        onChange={(event) => edit('cpu', { ...cpu, timePct: event.target.value })}
        aria-label="CPU-time limit"
        aria-valuetext={`${sliderValue(cpu.timePct)} %`}
      />
    </Card>
  );
}
