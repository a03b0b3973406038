// How the Jobs table reads a job's sizes and timings, and how the Markets dialog reads a reservation's length.
import { describe, expect, it } from 'vitest';
import { circuitText, costPriceText, deadlineText, formatDuration, provingTimeText, shortJobId, totalTimeText } from '../../../src-renderer/pages/jobs/job-text.js';
import { lockTimeoutText } from '../../../src-renderer/pages/markets/coordinator-text.js';

describe('formatDuration', () => {
  it('reads as seconds, minutes, hours or days, as long as the time is', () => {
    expect(formatDuration(850)).toBe('0.9 s');
    expect(formatDuration(12_300)).toBe('12 s');
    expect(formatDuration(9_940)).toBe('9.9 s');
    expect(formatDuration(250_000)).toBe('4 min 10 s');
    expect(formatDuration(7_500_000)).toBe('2 h 5 min');
    expect(formatDuration(90_000_000)).toBe('1 d 1 h');
    expect(formatDuration(-5)).toBe('0.0 s');
  });
});

describe('the Jobs table columns', () => {
  const job = { state: 'accepted', backend: 'native' as const, circuitName: 'poseidon-chain-4k', constraints: 3813, provingTimeMs: 1_234, costCents: 1, priceCents: 2, startedAtMs: 1_000, endedAtMs: 4_500, deadlineAtMs: null };

  it('names the circuit with its size, or the external backend, or nothing yet', () => {
    expect(circuitText(job)).toBe('poseidon-chain-4k · 3,813');
    expect(circuitText({ backend: 'external', circuitName: null, constraints: null })).toBe('external backend');
    expect(circuitText({ backend: null, circuitName: null, constraints: null })).toBe('–');
  });

  it('gives the proving time, the time from start to end ("running" until then), and cost / price', () => {
    expect(provingTimeText(job)).toBe('1.2 s');
    expect(provingTimeText({ provingTimeMs: null })).toBe('–');
    expect(totalTimeText(job)).toBe('3.5 s');
    expect(totalTimeText({ ...job, state: 'proving', endedAtMs: null })).toBe('running');
    expect(totalTimeText({ ...job, state: 'expired', startedAtMs: null })).toBe('–');
    expect(costPriceText(job)).toBe('$0.01 / $0.02');
    expect(costPriceText({ costCents: null, priceCents: null })).toBe('–');
  });

  it('counts down to the deadline while running, and says whether it was missed or met', () => {
    const now = 100_000;
    expect(deadlineText(job, now)).toBe('–');
    expect(deadlineText({ state: 'proving', deadlineAtMs: now + 65_000, endedAtMs: null }, now)).toBe('1 min 5 s left');
    expect(deadlineText({ state: 'proving', deadlineAtMs: now - 1, endedAtMs: null }, now)).toBe('missed');
    expect(deadlineText({ state: 'expired', deadlineAtMs: now + 1, endedAtMs: now }, now)).toBe('missed');
    expect(deadlineText({ state: 'accepted', deadlineAtMs: 5_000, endedAtMs: 4_500 }, now)).toBe('met');
    expect(deadlineText({ state: 'accepted', deadlineAtMs: 4_000, endedAtMs: 4_500 }, now)).toBe('missed');
    expect(deadlineText({ state: 'cancelled', deadlineAtMs: 5_000, endedAtMs: 4_500 }, now)).toBe('–');
  });
});

describe('lockTimeoutText', () => {
  it('uses the largest whole unit', () => {
    expect(lockTimeoutText(600)).toBe('10 min');
    expect(lockTimeoutText(601)).toBe('601 s');
    expect(lockTimeoutText(7_200)).toBe('2 h');
    expect(lockTimeoutText(5_400)).toBe('90 min');
    expect(lockTimeoutText(45)).toBe('45 s');
  });
});

describe('shortJobId', () => {
  it('keeps short ids whole and shortens long parts (a donation job is program/group, two UUIDs)', () => {
    expect(shortJobId('42')).toBe('42');
    expect(shortJobId('374ec61f-1aac-4d89-a2c0-1c5871ba85c6/bfff5e3a-64d8-494f-9461-e0a048fd970c')).toBe('374ec61f…/bfff5e3a…');
    expect(shortJobId('batch-000012')).toBe('batch-000012');
  });
});
