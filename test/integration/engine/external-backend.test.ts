// The external backend with real processes: a small Node script stands in for a third-party prover.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCommandTemplate } from '../../../src-main/core/api/provers-schemas.js';
import { ExternalBackendError, runExternalBackend } from '../../../src-main/core/engine/external-backend.js';

const scratch = mkdtempSync(join(tmpdir(), 'proverdesk-external-test-'));
const script = join(scratch, 'fake-prover.mjs');
// Modes by the first argument's prefix; the input is echoed back so the test sees the placeholders worked.
writeFileSync(
  script,
  `
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
const [mode, input, output] = process.argv.slice(2);
process.stderr.write('loading ' + input + '\\n');
if (mode === 'ok') { process.stderr.write('proving\\ndone'); process.stdout.write('PROOF(' + input + ')'); }
if (mode === 'file') { writeFileSync(output, 'FILE(' + input + ')'); process.stdout.write('log line on stdout'); }
if (mode === 'fail') { process.stderr.write('out of memory while proving\\n'); process.exit(3); }
if (mode === 'big') { process.stdout.write(Buffer.alloc(4096, 0x61)); }
if (mode === 'hang') {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  writeFileSync(output, String(child.pid));
  setInterval(() => {}, 1000);
}
`,
);
const config = (args: string[]) => ({ command: [process.execPath, script, ...args], maxProofBytes: 1024, killGraceMs: 500 });

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('external backend', () => {
  it('passes the input URL, returns stdout as the proof and streams stderr to the job log', async () => {
    const lines: string[] = [];
    const proof = await runExternalBackend(config(['ok', '{input_url}']), { inputUrl: 'http://127.0.0.1:1/batch', onLog: (l) => lines.push(l) });
    expect(proof.toString()).toBe('PROOF(http://127.0.0.1:1/batch)');
    expect(lines).toEqual(['loading http://127.0.0.1:1/batch', 'proving', 'done']);
  });

  it('reads the proof from {output_file} when the template has one', async () => {
    const proof = await runExternalBackend(config(['file', '{input_file}', '{output_file}']), { inputFile: '/data/batch.bin' });
    expect(proof.toString()).toBe('FILE(/data/batch.bin)');
  });

  it('reports a non-zero exit with the last lines of stderr', async () => {
    const error = await runExternalBackend(config(['fail', '{input_url}']), { inputUrl: 'u' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExternalBackendError);
    expect((error as ExternalBackendError).reason).toBe('exit');
    expect((error as Error).message).toBe('external backend exited with status 3: loading u | out of memory while proving');
  });

  it('refuses a proof over the size cap, a missing program and unusable templates', async () => {
    await expect(runExternalBackend(config(['big', '{input_url}']), { inputUrl: 'u' })).rejects.toMatchObject({ reason: 'too-large' });
    await expect(runExternalBackend({ command: [join(scratch, 'no-such-prover'), '{input_url}'], maxProofBytes: 10 }, { inputUrl: 'u' })).rejects.toThrow(
      /could not start .*no-such-prover: no such program/,
    );
    await expect(runExternalBackend(config(['ok', '{input_file}']), { inputUrl: 'u' })).rejects.toThrow(/no value for \{input_file\}/);
    expect(checkCommandTemplate(['prover', '{input}'])).toEqual([
      'unknown placeholder {input} (use {input_url}, {input_file}, {output_file})',
      'the command takes no input: add {input_url} or {input_file}',
    ]);
    expect(checkCommandTemplate([])).toContain('the command is empty');
  });

  it('kills the backend and everything it started on cancel', async () => {
    const pidFile = join(scratch, 'grandchild.pid');
    const controller = new AbortController();
    const running = runExternalBackend({ ...config(['hang', '{input_url}', pidFile]) }, { inputUrl: 'u', signal: controller.signal });
    while (!existsSync(pidFile) || !readFileSync(pidFile, 'utf8')) await sleep(20);
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    controller.abort();
    await expect(running).rejects.toMatchObject({ reason: 'cancelled' });
    // Gone, or a zombie waiting for a container init that does not reap.
    const alive = () => {
      try {
        return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${grandchild}/stat`, 'utf8'));
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 50 && alive(); i++) await sleep(20);
    expect(alive()).toBe(false);
  });
});
