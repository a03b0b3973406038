import { describe, expect, it } from 'vitest';
import { defaultResourceSettings } from '../../../src-main/core/governor/default-resources.js';
import { OtherCpuRule } from '../../../src-main/core/governor/rules/other-cpu-rule.js';
import { SignalSequence, texts, times } from './signal-sequence.js';

function sequence(maxPct = 50): SignalSequence {
  const settings = defaultResourceSettings();
  settings.otherCpu = { enabled: true, maxPct };
  return new SignalSequence(new OtherCpuRule(), settings);
}

/** A rule already paused by other programs at 72 %. */
function paused(): SignalSequence {
  const rule = sequence();
  rule.feed(6, { otherCpuPct: 72 });
  return rule;
}

const busy72 = 'other programs use 72 % CPU (limit 50 %)';

describe('other-cpu rule', () => {
  it('pauses only after 10 s of readings above the limit', () => {
    const rule = sequence();
    // Above from 0 s: nothing until 8 s, paused at 10 s.
    expect(texts(rule.feed(6, { otherCpuPct: 72 }))).toEqual([...times(5, null), busy72]);
    expect(rule.one({ otherCpuPct: 72 })).toEqual({ rule: 'other-cpu', effect: 'pause', scope: 'all', cpuPct: 0, text: busy72 });
  });

  it('never pauses for a spike shorter than the hold', () => {
    const rule = sequence();
    expect(texts(rule.feed(5, { otherCpuPct: 95 }))).toEqual(times(5, null));
    expect(rule.one({ otherCpuPct: 50 })).toBeNull(); // at the limit is not above it
    expect(texts(rule.feed(5, { otherCpuPct: 95 }))).toEqual(times(5, null));
  });

  it('resumes only after 30 s at least 10 points below the limit', () => {
    const rule = paused();
    // At 45 % (below the limit, not clearly): no resume however long.
    expect(texts(rule.feed(30, { otherCpuPct: 45 }))).toEqual(times(30, busy72));
    // Clearly below from 0 s: paused until 28 s, free at 30 s.
    expect(texts(rule.feed(16, { otherCpuPct: 40 }))).toEqual([...times(15, busy72), null]);
  });

  it('never resumes for a dip shorter than the resume hold', () => {
    const rule = paused();
    expect(texts(rule.feed(14, { otherCpuPct: 10 }))).toEqual(times(14, busy72));
    expect(rule.one({ otherCpuPct: 42 })?.text).toBe(busy72);
    expect(texts(rule.feed(15, { otherCpuPct: 10 }))).toEqual(times(15, busy72));
    expect(rule.one({ otherCpuPct: 10 })).toBeNull();
  });

  it('names the last reading above the limit while paused', () => {
    const rule = paused();
    expect(rule.one({ otherCpuPct: 88.6 })?.text).toBe('other programs use 89 % CPU (limit 50 %)');
    expect(rule.one({ otherCpuPct: 20 })?.text).toBe('other programs use 89 % CPU (limit 50 %)');
  });

  it('keeps its state and timers through missing readings', () => {
    const rule = sequence();
    rule.feed(4, { otherCpuPct: 72 });
    expect(rule.feed(2, { otherCpuPct: null })).toEqual([null, null]);
    expect(rule.one({ otherCpuPct: 72 })?.text).toBe(busy72); // above since 0 s, now at 12 s
    expect(texts(rule.feed(20, { otherCpuPct: null }))).toEqual(times(20, busy72));
  });

  it('can resume under a low limit (the margin is at most half the limit)', () => {
    const rule = sequence(10);
    rule.feed(6, { otherCpuPct: 30 });
    expect(texts(rule.feed(16, { otherCpuPct: 6 }))).toEqual(times(16, 'other programs use 30 % CPU (limit 10 %)'));
    expect(texts(rule.feed(16, { otherCpuPct: 5 }))).toEqual([...times(15, 'other programs use 30 % CPU (limit 10 %)'), null]);
  });

  it('does nothing when disabled, and forgets a pause when turned off', () => {
    const rule = paused();
    rule.settings.otherCpu.enabled = false;
    expect(rule.one({ otherCpuPct: 99 })).toBeNull();
    rule.settings.otherCpu.enabled = true;
    expect(texts(rule.feed(2, { otherCpuPct: 99 }))).toEqual([null, null]);
  });
});
