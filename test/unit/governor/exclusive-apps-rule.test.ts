import { describe, expect, it } from 'vitest';
import { defaultResourceSettings } from '../../../src-main/core/governor/default-resources.js';
import { ExclusiveAppsRule } from '../../../src-main/core/governor/rules/exclusive-apps-rule.js';
import { SignalSequence, texts, times } from './signal-sequence.js';

function sequence(names: string[]): SignalSequence {
  const settings = defaultResourceSettings();
  settings.exclusiveApps = { enabled: true, names };
  return new SignalSequence(new ExclusiveAppsRule(), settings);
}

describe('exclusive-apps rule', () => {
  it('matches names case-insensitively, with or without .exe/.app on either side, and quotes the user', () => {
    const rule = sequence(['VALORANT-Win64-Shipping', 'Resolve.exe', 'Final Cut Pro.app']);
    expect(rule.one({ runningApps: ['valorant-win64-shipping'] })).toEqual({
      rule: 'exclusive-apps',
      effect: 'pause',
      scope: 'all',
      cpuPct: 0,
      text: 'exclusive app running: VALORANT-Win64-Shipping',
    });
    expect(rule.one({ runningApps: ['RESOLVE.EXE'] })?.text).toBe('exclusive app running: Resolve.exe');
    expect(rule.one({ runningApps: ['final cut pro'] })?.text).toBe('exclusive app running: Final Cut Pro.app');
  });

  it('matches whole names only', () => {
    expect(sequence(['obs']).one({ runningApps: ['obs64-helper', 'jobs', 'obs.exe.bak'] })).toBeNull();
  });

  it('pauses at once and keeps pausing for 30 s after the last one closes', () => {
    const rule = sequence(['cs2', 'obs64']);
    expect(rule.one({ runningApps: ['bash'] })).toBeNull();
    expect(texts(rule.feed(2, { runningApps: ['cs2', 'obs64'] }))).toEqual(times(2, 'exclusive app running: cs2'));
    // cs2 closes, OBS still runs: no hold, the text follows the one left.
    expect(rule.one({ runningApps: ['obs64'] })?.text).toBe('exclusive app running: obs64');
    // The last one closes at 0 s: paused until 28 s, free at 30 s.
    expect(texts(rule.feed(16, { runningApps: [] }))).toEqual([...times(15, 'exclusive app running: obs64'), null]);
  });

  it('restarts the hold when the app comes back during it', () => {
    const rule = sequence(['eldenring']);
    rule.one({ runningApps: ['eldenring'] });
    rule.feed(10, { runningApps: [] });
    rule.one({ runningApps: ['eldenring'] });
    expect(texts(rule.feed(16, { runningApps: [] }))).toEqual([...times(15, 'exclusive app running: eldenring'), null]);
  });

  it('keeps the current verdict while the running programs are not read', () => {
    const rule = sequence(['zoom']);
    expect(rule.feed(3, { runningApps: null })).toEqual([null, null, null]);
    rule.one({ runningApps: ['zoom'] });
    expect(texts(rule.feed(40, { runningApps: null }))).toEqual(times(40, 'exclusive app running: zoom'));
    // The hold counts from the first reading that finds it closed.
    expect(texts(rule.feed(16, { runningApps: [] }))).toEqual([...times(15, 'exclusive app running: zoom'), null]);
  });

  it('does nothing when disabled, and forgets a pause when turned off', () => {
    const rule = sequence(['cs2']);
    rule.one({ runningApps: ['cs2'] });
    rule.settings.exclusiveApps.enabled = false;
    expect(rule.one({ runningApps: ['cs2'] })).toBeNull();
    expect(rule.one({ runningApps: null })).toBeNull();
  });
});
