// The keychain where it cannot work: each case runs the compiled module in a child Node process whose
// environment lacks a working keychain, and checks that the process explains the problem and does not crash.
import { randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COMPILED_CORE_DIR, compiledKeychainModule } from './compiled-keychain.js';
import { startPrivateBus, type PrivateBus } from './private-bus.js';
import { probeEnv, runProbe, stepOf, type ProbePlan, type ProbeRun, type ProbeStep } from './run-probe.js';

const ALL_STEPS: ProbeStep[] = ['status', 'set', 'get', 'delete', 'list'];
const NO_SERVICE_HINT = /^No keychain service is running: ProverDesk stores keys in the Secret Service over D-Bus/;
const INSTALL_HINT = /Install and start gnome-keyring \(Debian\/Ubuntu: sudo apt install gnome-keyring\) or KWallet/;

let modulePath = '';
beforeAll(() => {
  modulePath = compiledKeychainModule();
});

let bus: PrivateBus | null = null;
afterEach(async () => {
  await bus?.stop();
  bus = null;
});

function plan(steps: ProbeStep[], timeoutMs = 10_000): ProbePlan {
  return {
    modulePath,
    service: `ProverDesk-test-${randomUUID()}`,
    account: 'batch-api:participant',
    secret: `secret-${randomUUID()}`,
    timeoutMs,
    steps,
  };
}

/** status() resolved with available:false and `problem`; every other step rejected as unavailable. */
function expectUnavailable(run: ProbeRun, probe: ProbePlan, problem: RegExp): void {
  const status = stepOf(run, 'status');
  expect(status.ok).toBe(true);
  expect(status.ok && status.value).toMatchObject({ available: false, service: probe.service, accounts: [] });
  expect(status.ok && (status.value as { problem: string }).problem).toMatch(problem);

  for (const step of probe.steps.filter((name) => name !== 'status')) {
    const result = stepOf(run, step);
    if (result.ok) throw new Error(`'${step}' succeeded without a keychain`);
    expect(result.error).toMatchObject({ name: 'KeychainUnavailableError', code: 'unavailable', unavailable: true });
    expect(result.error.message).toMatch(problem);
  }
  expect(JSON.stringify(run.steps)).not.toContain(probe.secret);
}

describe.runIf(process.platform === 'linux')('keychain without a usable Secret Service', () => {
  it('with no D-Bus session bus: explains what to install, rejects every call, and exits normally', async () => {
    const probe = plan(ALL_STEPS);
    const run = await runProbe(probe, probeEnv('unix:path=/nonexistent/bus'));

    expectUnavailable(run, probe, NO_SERVICE_HINT);
    expectUnavailable(run, probe, INSTALL_HINT);
    expect(run.exit).toEqual({ code: 0, signal: null });
  });

  it('with a D-Bus session but no Secret Service on it: explains what to install, and exits normally', async () => {
    bus = await startPrivateBus();
    const probe = plan(ALL_STEPS);
    const run = await runProbe(probe, probeEnv(bus.address));

    expectUnavailable(run, probe, NO_SERVICE_HINT);
    expectUnavailable(run, probe, INSTALL_HINT);
    expect(run.exit).toEqual({ code: 0, signal: null });
  });

  it('with a Secret Service that never answers: gives up after the configured timeout', async () => {
    bus = await startPrivateBus({ stalledSecretService: true });
    const probe = plan(['status', 'set'], 500);
    const run = await runProbe(probe, probeEnv(bus.address), true);

    expectUnavailable(run, probe, /^The keychain did not answer within 500 ms: the Secret Service over D-Bus/);
  });

  it('with a locked keyring: says it is locked, for reads and deletes too, and does not crash', async () => {
    bus = await startPrivateBus();
    await bus.startUnlockedKeyring();
    const env = probeEnv(bus.address);
    const probe = plan(ALL_STEPS);

    const store = await runProbe({ ...probe, steps: ['set', 'get'] }, env);
    expect(stepOf(store, 'get')).toEqual({ step: 'get', ok: true, value: probe.secret });

    // libsecret reports a locked entry as missing, and keytar's listing crashes on it (atom/node-keytar#477).
    await bus.lockLoginKeyring();
    const run = await runProbe(probe, env);

    expectUnavailable(run, probe, /^The keychain is locked: unlock your login keyring/);
    expect(run.exit).toEqual({ code: 0, signal: null });
  });
});

describe('keychain whose native module cannot be loaded', () => {
  let copyDir = '';
  afterEach(() => rmSync(copyDir, { recursive: true, force: true }));

  it('reports the broken install instead of crashing at import', async () => {
    // The compiled core beside a node_modules that has zod but no keytar, as in a broken install.
    copyDir = mkdtempSync(join(tmpdir(), 'proverdesk-no-keytar-'));
    for (const folder of ['secrets', 'api']) {
      cpSync(join(COMPILED_CORE_DIR, folder), join(copyDir, 'core', folder), { recursive: true });
    }
    writeFileSync(join(copyDir, 'package.json'), '{ "type": "module" }\n');
    mkdirSync(join(copyDir, 'node_modules'));
    symlinkSync(join(process.cwd(), 'node_modules', 'zod'), join(copyDir, 'node_modules', 'zod'), 'dir');
    const probe = { ...plan(ALL_STEPS), modulePath: join(copyDir, 'core', 'secrets', 'keychain.js') };
    const run = await runProbe(probe, process.env);

    expectUnavailable(run, probe, /^ProverDesk could not load its keychain module \(keytar\): reinstall ProverDesk/);
    expectUnavailable(run, probe, /Cannot find module 'keytar'/);
    expect(run.exit).toEqual({ code: 0, signal: null });
  });
});
