// The Markets and Pricing pages' pure pieces: how a coordinator's status reads, the program list, and the
// cost-model form's conversion and validation (which must agree with the API's schema).
import { describe, expect, it } from 'vitest';
import { CostModelSchema } from '../../../src-main/core/api/pricing-schemas.js';
import { coordinatorStatus, parseProgramIds } from '../../../src-renderer/pages/markets/coordinator-text.js';
import { formFromModel, modelFromForm, type CostForm } from '../../../src-renderer/pages/pricing/cost-model-form.js';

describe('coordinatorStatus', () => {
  it('says disabled before paused, paused before waiting, else active', () => {
    expect(coordinatorStatus({ enabled: false, pausedReason: 'x', idleReason: 'y' })).toEqual({ kind: 'disabled', text: 'disabled' });
    expect(coordinatorStatus({ enabled: true, pausedReason: 'paused by you', idleReason: 'y' })).toEqual({ kind: 'paused', text: 'paused: paused by you' });
    expect(coordinatorStatus({ enabled: true, pausedReason: null, idleReason: 'no more batches left to prove' })).toEqual({
      kind: 'waiting',
      text: 'waiting: no more batches left to prove',
    });
    expect(coordinatorStatus({ enabled: true, pausedReason: null, idleReason: null })).toEqual({ kind: 'active', text: 'active' });
  });
});

describe('parseProgramIds', () => {
  it('splits on commas and drops blanks, so an empty field means every program', () => {
    expect(parseProgramIds(' a, b ,,c, ')).toEqual(['a', 'b', 'c']);
    expect(parseProgramIds('  ')).toEqual([]);
  });
});

describe('the cost-model form', () => {
  const model = { electricityCentsPerKwh: 30, powerWatts: 140, fixedCentsPerHour: 12, overheadCentsPerProof: 3, marginBasisPoints: 1250, minimumPriceCents: 1 };
  const form = formFromModel(model);

  it('shows the margin in percent and turns the form back into the same model', () => {
    expect(form).toEqual({ electricityCentsPerKwh: '30', powerWatts: '140', fixedCentsPerHour: '12', overheadCentsPerProof: '3', marginPercent: '12.5', minimumPriceCents: '1' });
    expect(modelFromForm(form)).toEqual({ ok: true, model });
    expect(modelFromForm({ ...form, marginPercent: ' 0.07 ', powerWatts: '1e3' })).toEqual({ ok: true, model: { ...model, marginBasisPoints: 7, powerWatts: 1000 } });
  });

  it('names what is wrong with each field, in the field’s own unit', () => {
    const check = (changes: Partial<CostForm>) => {
      const result = modelFromForm({ ...form, ...changes });
      return result.ok ? result : result.errors;
    };
    expect(check({ powerWatts: '', electricityCentsPerKwh: 'cheap' })).toEqual({ powerWatts: 'enter a number', electricityCentsPerKwh: 'enter a number' });
    expect(check({ powerWatts: '-1' })).toEqual({ powerWatts: 'must be at least 0' });
    expect(check({ overheadCentsPerProof: '2.5' })).toEqual({ overheadCentsPerProof: 'must be a whole number' });
    expect(check({ marginPercent: '12.345' })).toEqual({ marginPercent: 'use at most two decimals' });
    expect(check({ marginPercent: '10001' })).toEqual({ marginPercent: 'must be at most 10000' });
    expect(check({ minimumPriceCents: '100000001' })).toEqual({ minimumPriceCents: 'must be at most 100000000' });
  });

  it('accepts exactly what the API schema accepts at the edges', () => {
    const edges = { electricityCentsPerKwh: 10_000, powerWatts: 100_000, fixedCentsPerHour: 0, overheadCentsPerProof: 0, marginBasisPoints: 1_000_000, minimumPriceCents: 100_000_000 };
    expect(CostModelSchema.safeParse(edges).success).toBe(true);
    expect(modelFromForm(formFromModel(edges))).toEqual({ ok: true, model: edges });
  });
});
