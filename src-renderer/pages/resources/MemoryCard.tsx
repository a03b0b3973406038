// Memory: the most one proof may need, shown in GiB (the settings keep MiB).
import { Card } from '../../components/Card.js';
import { formatGiB } from '../../format.js';
import { DefaultOrNumberField } from './DefaultOrNumberField.js';
import type { ResourcesCardProps } from './resources-form.js';

const MIB = 1024 ** 2;

export function MemoryCard({ form, facts, errors, edit }: ResourcesCardProps) {
  return (
    <Card title="Memory">
      <DefaultOrNumberField
        legend="Most memory for one proof"
        defaultLabel={`Default (${formatGiB(facts.defaultMaxMiB * MIB)})`}
        setLabel="A set limit"
        fieldLabel="Memory limit (GiB)"
        value={form.memory.maxGiB}
        onChange={(maxGiB) => edit('memory', { maxGiB })}
        hint={`This machine has ${formatGiB(facts.totalMemoryBytes)}.`}
        error={errors['memory.maxMiB']}
      />
    </Card>
  );
}
