// donation.programs through core.dispatch, as the Markets dialog calls it, against a real donation sandbox on
// loopback: pages, the server's name filter, what each program says, and servers that cannot answer.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../../src-main/core/api/contract.js';
import type { DonationProgram } from '../../../src-main/core/api/market-schemas.js';
import { startDonationSandbox, type DonationSandbox } from '../../../src-main/core/coordinators/donation/sandbox-server.js';
import { startCore, type Core } from '../../../src-main/core/core.js';
import { releaseSnarkjsWorkers } from '../../../src-main/core/engine/snarkjs-workers.js';
import { riscZeroProgramTar } from '../../support/donation-sandbox.js';

const dataDir = mkdtempSync(join(tmpdir(), 'proverdesk-donation-programs-'));
const keychainService = `ProverDesk-test-${randomUUID()}`;
const NAMES = ['alpha-one', 'alpha-two', 'beta', 'alpha-three', 'gamma'];
let sandbox: DonationSandbox;
let core: Core;

type Listing = { programs: DonationProgram[]; total: number; page: number };
const programs = (input: unknown): Promise<ApiResponse> => core.dispatch({ v: 1, kind: 'query', name: 'donation.programs', input });
async function listed(input: Record<string, unknown>): Promise<Listing> {
  const answer = await programs({ url: sandbox.url, ...input });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.result as Listing;
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  sandbox = await startDonationSandbox({
    accounts: [{ username: 'lab', password: 'lab-password', name: 'Lab', description: 'A research lab' }],
    programs: NAMES.map((name, index) => ({
      owner: 'lab',
      name,
      description: `program ${name}`,
      inputLockTimeoutS: 600 + index,
      packageBytes: Buffer.from(riscZeroProgramTar(name)),
    })),
  });
  core = await startCore({ dataDir, mode: 'headless', appVersion: '0.0.0-test', sampleIntervalMs: 1000, keychainService });
});

afterAll(async () => {
  await core?.close();
  await sandbox?.close();
  await releaseSnarkjsWorkers();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('donation.programs', () => {
  it('lists what each program says, without downloading any, a page at a time', async () => {
    const before = sandbox.requestCount();
    const first = await listed({ page: 1, limit: 2 });
    expect(sandbox.requestCount() - before).toBe(1);
    expect(first).toEqual({
      page: 1,
      total: 5,
      programs: [
        {
          programId: sandbox.programId('alpha-one'),
          name: 'alpha-one',
          description: 'program alpha-one',
          organizationId: sandbox.organizationId('lab'),
          inputLockTimeoutS: 600,
          fits: null,
          reason: 'size known once the first job is sized',
        },
        expect.objectContaining({ name: 'alpha-two', inputLockTimeoutS: 601 }),
      ],
    });
    const second = await listed({ page: 2, limit: 2 });
    const third = await listed({ page: 3, limit: 2 });
    expect(second).toMatchObject({ page: 2, total: 5 });
    expect(third).toMatchObject({ page: 3, total: 5 });
    expect([...first.programs, ...second.programs, ...third.programs].map((p) => p.name)).toEqual(NAMES);
    expect((await listed({ page: 4, limit: 2 })).programs).toEqual([]);
    // Without paging, the first page of the default size.
    expect((await listed({})).programs.map((p) => p.name)).toEqual(NAMES);
  });

  it("uses the server's name filter (a prefix), with paging over the matches", async () => {
    const alpha = await listed({ nameFilter: 'alpha', limit: 2 });
    expect(alpha.total).toBe(3);
    expect(alpha.programs.map((p) => p.name)).toEqual(['alpha-one', 'alpha-two']);
    expect((await listed({ nameFilter: 'alpha', limit: 2, page: 2 })).programs.map((p) => p.name)).toEqual(['alpha-three']);
    // A prefix, not a substring; surrounding blanks are dropped, an empty filter lists everything.
    expect(await listed({ nameFilter: 'one' })).toMatchObject({ total: 0, programs: [] });
    expect((await listed({ nameFilter: ' gam ' })).programs.map((p) => p.name)).toEqual(['gamma']);
    expect((await listed({ nameFilter: '' })).total).toBe(5);
  });

  it('says clearly, naming only the host, when the server cannot be reached or fails', async () => {
    const port = await closedPort();
    const unreachable = await programs({ url: `http://127.0.0.1:${port}/` });
    expect(unreachable).toEqual({ ok: false, error: { code: 'unavailable', message: expect.stringContaining(`could not list the programs of 127.0.0.1:${port}`) } });

    const secret = `pw-${randomUUID()}`;
    const withCredentials = await programs({ url: `http://someone:${secret}@127.0.0.1:${port}/` });
    expect(withCredentials).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(JSON.stringify(withCredentials)).not.toContain(secret);

    sandbox.injectFault({ on: 'list', kind: 'error-500', times: 5 });
    const failing = await programs({ url: sandbox.url });
    const host = new URL(sandbox.url).host;
    expect(failing).toEqual({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(new RegExp(`^could not list the programs of ${host}: .*500`)) } });
    while (sandbox.pendingFaults() > 0) await programs({ url: sandbox.url });
    expect((await listed({})).total).toBe(5);
  });

  it('refuses a bad address or page before asking anyone', async () => {
    expect(await programs({ url: 'ftp://example.org' })).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('url: must be an http:// or https:// address') } });
    expect(await programs({ url: sandbox.url, limit: 51 })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await programs({ url: sandbox.url, page: 0 })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});
