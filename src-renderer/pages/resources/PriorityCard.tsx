// Priority: whether the engine runs at low OS priority, so the user's own programs get the CPU first.
import { Card } from '../../components/Card.js';
import { CheckboxField } from './CheckboxField.js';
import type { ResourcesCardProps } from './resources-form.js';

export function PriorityCard({ form, edit }: ResourcesCardProps) {
  return (
    <Card title="Priority">
      <CheckboxField
        label="Run the engine at low priority"
        checked={form.lowPriority}
        onChange={(lowPriority) => edit('lowPriority', lowPriority)}
        hint="Your own programs get the CPU first (nice 19 on Linux and macOS, below normal on Windows)."
      />
    </Card>
  );
}
