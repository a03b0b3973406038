// The rules without timers: the user's CPU-time limit, "only when idle" and the weekly schedule.
import { describe, expect, it } from 'vitest';
import { defaultResourceSettings } from '../../../src-main/core/governor/default-resources.js';
import { CpuLimitRule } from '../../../src-main/core/governor/rules/cpu-limit-rule.js';
import { IdleRule } from '../../../src-main/core/governor/rules/idle-rule.js';
import { ScheduleRule } from '../../../src-main/core/governor/rules/schedule-rule.js';
import { SignalSequence, texts } from './signal-sequence.js';

/** A day's mask allowing the given hours. */
function hours(...allowed: number[]): number {
  return allowed.reduce((mask, hour) => mask | (1 << hour), 0);
}

describe('cpu-limit rule', () => {
  it('throttles to the CPU-time limit below 100 %', () => {
    const settings = defaultResourceSettings();
    const sequence = new SignalSequence(new CpuLimitRule(), settings);
    expect(sequence.one()).toBeNull();
    settings.cpu.timePct = 50;
    expect(sequence.one()).toEqual({ rule: 'cpu-limit', effect: 'throttle', scope: 'all', cpuPct: 50, text: 'your CPU-time limit (50 %)' });
  });
});

describe('idle rule', () => {
  it('does nothing unless "only when idle" is on, whatever the idle time', () => {
    const sequence = new SignalSequence(new IdleRule(), defaultResourceSettings());
    expect(texts([sequence.one({ idleSeconds: 0 }), sequence.one({ idleSeconds: null })])).toEqual([null, null]);
  });

  it('pauses until the user has been away for the idle time, and at once when they come back', () => {
    const settings = defaultResourceSettings();
    settings.idle.onlyWhenIdle = true;
    const sequence = new SignalSequence(new IdleRule(), settings);
    const active = 'user active (runs after 5 min away)';
    expect(texts([120, 299, 300, 900, 3, 301].map((idleSeconds) => sequence.one({ idleSeconds })))).toEqual([active, active, null, null, active, null]);
    expect(sequence.one({ idleSeconds: 0 })).toEqual({ rule: 'idle', effect: 'pause', scope: 'all', cpuPct: 0, text: active });
  });

  it('pauses when this machine cannot tell the idle time', () => {
    const settings = defaultResourceSettings();
    settings.idle = { onlyWhenIdle: true, idleMinutes: 10 };
    const sequence = new SignalSequence(new IdleRule(), settings);
    expect(sequence.one({ idleSeconds: null })?.text).toBe('idle time unknown here (headless: start with --assume-idle)');
    expect(sequence.one({ idleSeconds: 60 })?.text).toBe('user active (runs after 10 min away)');
  });
});

describe('schedule rule', () => {
  function scheduled(week: number[]): SignalSequence {
    const settings = defaultResourceSettings();
    settings.schedule = { enabled: true, week };
    return new SignalSequence(new ScheduleRule(), settings);
  }
  const at = (weekday: number, hour: number) => ({ local: { weekday, hour, minute: 30 } });

  it('does nothing when disabled, even with no hours allowed', () => {
    const settings = defaultResourceSettings();
    settings.schedule.week = [0, 0, 0, 0, 0, 0, 0];
    expect(new SignalSequence(new ScheduleRule(), settings).one()).toBeNull();
  });

  it('pauses outside the allowed hours and names the next allowed one', () => {
    const evenings = hours(18, 19, 20, 21, 22);
    const sequence = scheduled([0, evenings, evenings, evenings, evenings, evenings, 0]);
    expect(sequence.one(at(1, 17))).toEqual({ rule: 'schedule', effect: 'pause', scope: 'all', cpuPct: 0, text: 'outside the allowed hours (next: Mon 18:00)' });
    expect(texts([sequence.one(at(1, 18)), sequence.one(at(1, 22))])).toEqual([null, null]);
    expect(sequence.one(at(1, 23))?.text).toBe('outside the allowed hours (next: Tue 18:00)');
    expect(sequence.one(at(5, 23))?.text).toBe('outside the allowed hours (next: Mon 18:00)'); // over the weekend
  });

  it('scans across midnight and across the end of the week', () => {
    const nights = scheduled([hours(8), hours(22), hours(0, 1, 2), 0, 0, 0, hours(3)]);
    expect(nights.one(at(1, 22))).toBeNull();
    expect(nights.one(at(2, 2))).toBeNull();
    expect(nights.one(at(1, 21))?.text).toBe('outside the allowed hours (next: Mon 22:00)');
    expect(nights.one(at(1, 23))?.text).toBe('outside the allowed hours (next: Tue 00:00)'); // Monday night → Tuesday
    expect(nights.one(at(2, 3))?.text).toBe('outside the allowed hours (next: Sat 03:00)');
    expect(nights.one(at(6, 23))?.text).toBe('outside the allowed hours (next: Sun 08:00)'); // Saturday night → Sunday
    expect(nights.one(at(0, 9))?.text).toBe('outside the allowed hours (next: Mon 22:00)');
  });

  it('names the same weekday a week ahead when that is the only allowed hour left', () => {
    expect(scheduled([0, 0, 0, 0, 0, hours(10), 0]).one(at(5, 20))?.text).toBe('outside the allowed hours (next: Fri 10:00)');
  });

  it('says so when no hour of the week is allowed', () => {
    expect(scheduled([0, 0, 0, 0, 0, 0, 0]).one(at(3, 12))?.text).toBe('no hours are allowed in the schedule');
  });
});
