import { describe, expect, it } from 'vitest';
import type { CoordinatorInput } from '../../../src-main/core/store/repos/coordinators-repo.js';
import { useTempStores } from './fixtures/temp-store.js';

const batchApi: CoordinatorInput = {
  id: 'zk-market',
  kind: 'batch-api',
  name: 'Prover market',
  config: { baseUrl: 'http://127.0.0.1:3000', participantAccount: 'batch-api:participant', pollMs: 5000 },
  enabled: true,
};

describe('coordinators repository', () => {
  const stores = useTempStores();

  it('inserts, lists and reads back across a reopen', () => {
    const created = stores.open().coordinators.upsert(batchApi);
    expect(created).toMatchObject({ ...batchApi, pausedReason: null });
    expect(created.updatedAtMs).toBe(created.createdAtMs);

    const { coordinators } = stores.open();
    expect(coordinators.get('zk-market')).toEqual(created);
    expect(coordinators.list()).toEqual([created]);
    expect(coordinators.get('missing')).toBeUndefined();
  });

  it('updates in place, keeping the creation time and, unless given, the pause reason', () => {
    const { coordinators } = stores.open();
    const created = coordinators.upsert(batchApi);
    coordinators.setPaused('zk-market', 'deadline missed twice');
    const updated = coordinators.upsert({ ...batchApi, name: 'Renamed', enabled: false, config: { pollMs: 1000 } });
    expect(updated).toMatchObject({ name: 'Renamed', enabled: false, config: { pollMs: 1000 } });
    expect(updated.createdAtMs).toBe(created.createdAtMs);
    expect(updated.pausedReason).toBe('deadline missed twice');
    expect(coordinators.upsert({ ...batchApi, pausedReason: null }).pausedReason).toBeNull();
    expect(coordinators.list()).toHaveLength(1);
  });

  it('pauses and resumes', () => {
    const { coordinators } = stores.open();
    coordinators.upsert(batchApi);
    expect(coordinators.setPaused('zk-market', 'out of stake').pausedReason).toBe('out of stake');
    expect(coordinators.get('zk-market')?.pausedReason).toBe('out of stake');
    expect(coordinators.setPaused('zk-market', null).pausedReason).toBeNull();
    expect(() => coordinators.setPaused('missing', 'x')).toThrow(/no coordinator with id missing/);
    expect(() => coordinators.setPaused('zk-market', ' ')).toThrow(/pause reason must be a non-empty string/);
  });

  it('refuses secrets in the config, however deep, and stores nothing', () => {
    const { coordinators } = stores.open();
    expect(() => coordinators.upsert({ ...batchApi, config: { apiKey: 'sk-live-123' } })).toThrow(
      /coordinator zk-market: config.apiKey looks like a secret.*keychain/,
    );
    expect(() =>
      coordinators.upsert({ ...batchApi, config: { signer: { private_key: '0xabc' } } }),
    ).toThrow(/config.signer.private_key looks like a secret/);
    expect(() => coordinators.upsert({ ...batchApi, config: { wallets: [{ mnemonic: 'a b c' }] } })).toThrow(
      /config.wallets\[0\].mnemonic/,
    );
    expect(() => coordinators.upsert({ ...batchApi, config: { accessToken: 't' } })).toThrow(/accessToken/);
    expect(coordinators.list()).toEqual([]);

    const allowed = { apiKeyAccount: 'succinct:key', tokenAddress: '0x0000000000000000000000000000000000000001' };
    expect(coordinators.upsert({ ...batchApi, config: allowed }).config).toEqual(allowed);
  });

  it('refuses bad input with a clear error and stores nothing', () => {
    const { coordinators } = stores.open();
    const bad = (change: Record<string, unknown>) => ({ ...batchApi, ...change }) as CoordinatorInput;
    expect(() => coordinators.upsert(bad({ kind: 'bitcoin' }))).toThrow(/unknown kind "bitcoin" \(expected one of batch-api/);
    expect(() => coordinators.upsert(bad({ id: '' }))).toThrow(/coordinator id must be a non-empty string/);
    expect(() => coordinators.upsert(bad({ name: '' }))).toThrow(/name must be a non-empty string/);
    expect(() => coordinators.upsert(bad({ enabled: 1 }))).toThrow(/enabled must be true or false/);
    expect(() => coordinators.upsert(bad({ config: ['x'] }))).toThrow(/config must be a JSON object/);
    expect(coordinators.list()).toEqual([]);
  });

  it('removes a coordinator without jobs, and refuses one that jobs refer to', () => {
    const { coordinators, jobs } = stores.open();
    coordinators.upsert(batchApi);
    coordinators.upsert({ ...batchApi, id: 'practice', kind: 'practice', name: 'Practice', config: {} });
    jobs.create({ id: 'j1', coordinatorId: 'zk-market', externalId: 'batch-1', state: 'queued' });

    expect(() => coordinators.remove('zk-market')).toThrow(/cannot remove coordinator zk-market: 1 job\(s\) refer to it/);
    expect(coordinators.get('zk-market')).toBeDefined();
    expect(coordinators.remove('practice')).toBe(true);
    expect(coordinators.remove('practice')).toBe(false);
    expect(coordinators.list().map((c) => c.id)).toEqual(['zk-market']);
  });
});
