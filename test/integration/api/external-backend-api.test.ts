// The external prover endpoints through core.dispatch: a usable command is kept (and is what the scheduler's
// prover will run), an unusable one is refused with the reason and changes nothing, and null removes it.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../../src-main/core/api/contract.js';
import { startCore, type Core } from '../../../src-main/core/core.js';
import { databaseFileIn } from '../../../src-main/core/data-dir.js';
import { EXTERNAL_BACKEND_SETTING } from '../../../src-main/core/scheduler/start-scheduler.js';
import { openStore } from '../../../src-main/core/store/open-store.js';

const dataDir = mkdtempSync(join(tmpdir(), 'proverdesk-external-api-'));
let core: Core;
const call = (kind: 'query' | 'command', name: string, input: unknown = {}): Promise<ApiResponse> => core.dispatch({ v: 1, kind, name, input });

beforeAll(async () => {
  core = await startCore({ dataDir, mode: 'headless', appVersion: '0.0.0-test', sampleIntervalMs: 1000, keychainService: `ProverDesk-test-${randomUUID()}` });
});

afterAll(async () => {
  await core?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('external prover API', () => {
  it('starts without a command and names the placeholders', async () => {
    expect(await call('query', 'provers.externalBackend')).toEqual({ ok: true, result: { command: null, placeholders: ['{input_url}', '{input_file}', '{output_file}'] } });
  });

  it('keeps a usable command, with a proof size cap', async () => {
    const command = ['./compute-proof.sh', '{input_url}'];
    expect(await call('command', 'provers.setExternalBackend', { command })).toMatchObject({ ok: true, result: { command } });
    expect(await call('query', 'provers.externalBackend')).toMatchObject({ ok: true, result: { command } });
    await core.close();
    const store = openStore(databaseFileIn(dataDir));
    try {
      expect(store.settings.get(EXTERNAL_BACKEND_SETTING)).toEqual({ command, maxProofBytes: 256 * 2 ** 20 });
    } finally {
      store.close();
    }
    core = await startCore({ dataDir, mode: 'headless', appVersion: '0.0.0-test', sampleIntervalMs: 1000, keychainService: `ProverDesk-test-${randomUUID()}` });
  });

  it('refuses a command without an input or with an unknown placeholder, and keeps the previous one', async () => {
    const noInput = await call('command', 'provers.setExternalBackend', { command: ['prover', '--fast'] });
    expect(noInput).toEqual({ ok: false, error: { code: 'bad_request', message: 'command: the command takes no input: add {input_url} or {input_file}' } });
    const typo = await call('command', 'provers.setExternalBackend', { command: ['prover', '{input_ur}'] });
    expect(typo).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('unknown placeholder {input_ur}') } });
    expect(await call('query', 'provers.externalBackend')).toMatchObject({ ok: true, result: { command: ['./compute-proof.sh', '{input_url}'] } });
  });

  it('removes the command with null', async () => {
    expect(await call('command', 'provers.setExternalBackend', { command: null })).toMatchObject({ ok: true, result: { command: null } });
    expect(await call('query', 'provers.externalBackend')).toMatchObject({ ok: true, result: { command: null } });
  });
});
