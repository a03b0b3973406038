// Heat: temperature caps for the CPU and the GPUs (each can be off), and how proving backs off and recovers.
import { Card } from '../../components/Card.js';
import { TextField } from '../../components/TextField.js';
import { CheckboxField } from './CheckboxField.js';
import type { OptionalNumber, ResourcesCardProps } from './resources-form.js';

export function HeatCard({ form, errors, edit }: ResourcesCardProps) {
  const { heat } = form;
  return (
    <Card title="Heat">
      <TemperatureCap
        checkboxLabel="Cap the CPU temperature"
        fieldLabel="CPU cap (°C)"
        hint="Above it, proving slows down step by step."
        value={heat.cpuMaxC}
        onChange={(cpuMaxC) => edit('heat', { ...heat, cpuMaxC })}
        error={errors['heat.cpuMaxC']}
      />
      <TemperatureCap
        checkboxLabel="Cap the GPU temperature"
        fieldLabel="GPU cap (°C)"
        hint="Above it, GPU work pauses."
        value={heat.gpuMaxC}
        onChange={(gpuMaxC) => edit('heat', { ...heat, gpuMaxC })}
        error={errors['heat.gpuMaxC']}
      />
      <TextField
        label="Margin (°C)"
        value={heat.marginC}
        onChange={(marginC) => edit('heat', { ...heat, marginC })}
        hint="Full speed again only below the cap minus this margin…"
        error={errors['heat.marginC']}
        inputMode="numeric"
        autoComplete="off"
      />
      <TextField
        label="Hold (seconds)"
        value={heat.holdSeconds}
        onChange={(holdSeconds) => edit('heat', { ...heat, holdSeconds })}
        hint="…held this long. Also how long a temperature stays above the cap before proving slows down further."
        error={errors['heat.holdSeconds']}
        inputMode="numeric"
        autoComplete="off"
      />
    </Card>
  );
}

interface TemperatureCapProps {
  checkboxLabel: string;
  fieldLabel: string;
  hint: string;
  value: OptionalNumber;
  onChange(value: OptionalNumber): void;
  error: string | undefined;
}

function TemperatureCap({ checkboxLabel, fieldLabel, hint, value, onChange, error }: TemperatureCapProps) {
  return (
    <>
      <CheckboxField label={checkboxLabel} checked={value.set} onChange={(set) => onChange({ ...value, set })} />
      <TextField
        label={fieldLabel}
        value={value.text}
        onChange={(text) => onChange({ ...value, text })}
        disabled={!value.set}
        hint={hint}
        error={error}
        inputMode="numeric"
        autoComplete="off"
      />
    </>
  );
}
