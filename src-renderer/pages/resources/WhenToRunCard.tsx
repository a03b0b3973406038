// When to run: only while the user is away, on battery or not, in which hours of the week, not while certain
// programs run, and not while other programs keep the CPU busy.
import { Card } from '../../components/Card.js';
import { TextField } from '../../components/TextField.js';
import { CheckboxField } from './CheckboxField.js';
import { ExclusiveAppsList } from './ExclusiveAppsList.js';
import type { ResourcesCardProps } from './resources-form.js';
import { WeekScheduleGrid } from './WeekScheduleGrid.js';

/** What "away" means here, by how this machine tells (facts.idleDetection). */
const IDLE_DETECTION_NOTES = {
  os: 'Proving stops at once when you come back.',
  'assumed-idle': 'Started with --assume-idle: ProverDesk counts you as away all the time.',
  unavailable: 'This machine cannot tell when you are away (headless: start ProverDesk with --assume-idle).',
} as const;

export function WhenToRunCard({ form, facts, errors, edit }: ResourcesCardProps) {
  const { idle, battery, schedule, exclusiveApps, otherCpu } = form;
  return (
    <Card title="When to run" className="wide">
      <fieldset className="resource-group">
        <legend>While you are away</legend>
        <CheckboxField
          label="Prove only when I have been away for a while"
          checked={idle.onlyWhenIdle}
          onChange={(onlyWhenIdle) => edit('idle', { ...idle, onlyWhenIdle })}
          // Left enabled while on, so a setting made elsewhere can still be turned off.
          disabled={facts.idleDetection === 'unavailable' && !idle.onlyWhenIdle}
          hint={IDLE_DETECTION_NOTES[facts.idleDetection]}
        />
        <TextField
          label="Minutes away before proving"
          value={idle.idleMinutes}
          onChange={(idleMinutes) => edit('idle', { ...idle, idleMinutes })}
          error={errors['idle.idleMinutes']}
          inputMode="numeric"
          autoComplete="off"
        />
      </fieldset>
      <fieldset className="resource-group">
        <legend>Battery</legend>
        <CheckboxField label="Prove on battery" checked={battery.runOnBattery} onChange={(runOnBattery) => edit('battery', { ...battery, runOnBattery })} />
        <TextField
          label="Lowest battery charge (%)"
          value={battery.minBatteryPct}
          onChange={(minBatteryPct) => edit('battery', { ...battery, minBatteryPct })}
          hint="On battery, proving stops below this charge."
          error={errors['battery.minBatteryPct']}
          inputMode="numeric"
          autoComplete="off"
        />
      </fieldset>
      <fieldset className="resource-group">
        <legend>Weekly schedule</legend>
        <CheckboxField
          label="Prove only in the hours marked below"
          checked={schedule.enabled}
          onChange={(enabled) => edit('schedule', { ...schedule, enabled })}
          hint="Your local time. Click an hour to allow or forbid it."
        />
        <WeekScheduleGrid week={schedule.week} onChange={(week) => edit('schedule', { ...schedule, week })} />
      </fieldset>
      <fieldset className="resource-group">
        <legend>Programs that need the whole machine</legend>
        <CheckboxField
          label="Pause while one of these programs runs"
          checked={exclusiveApps.enabled}
          onChange={(enabled) => edit('exclusiveApps', { ...exclusiveApps, enabled })}
        />
        <ExclusiveAppsList
          names={exclusiveApps.names}
          starter={facts.starterExclusiveApps}
          onChange={(names) => edit('exclusiveApps', { ...exclusiveApps, names })}
          error={errors['exclusiveApps.names']}
        />
      </fieldset>
      <fieldset className="resource-group">
        <legend>Other programs</legend>
        <CheckboxField
          label="Pause while other programs keep the CPU busy"
          checked={otherCpu.enabled}
          onChange={(enabled) => edit('otherCpu', { ...otherCpu, enabled })}
        />
        <TextField
          label="Other programs' CPU use limit (%)"
          value={otherCpu.maxPct}
          onChange={(maxPct) => edit('otherCpu', { ...otherCpu, maxPct })}
          hint="Of the whole CPU. Short spikes are ignored."
          error={errors['otherCpu.maxPct']}
          inputMode="numeric"
          autoComplete="off"
        />
      </fieldset>
    </Card>
  );
}
