import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { provesOnGpu, readShellState, SHELL_STATE_FILE, shouldDisableHardwareAcceleration, updateShellState } from '../../../src-main/electron/shell-state.js';

const DEFAULTS = { closeNoticeShown: false, hardwareAcceleration: 'auto', provesOnGpu: false, summaryShownOn: null };

describe('shell state file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'proverdesk-shell-state-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the defaults when there is no file, or no folder', () => {
    expect(readShellState(dir)).toEqual(DEFAULTS);
    expect(readShellState(join(dir, 'missing'))).toEqual(DEFAULTS);
  });

  it.each([
    ['not JSON', '{"closeNoticeShown": tru'],
    ['empty', ''],
    ['a JSON array', '[true]'],
    ['JSON null', 'null'],
    ['a JSON string', '"on"'],
  ])('reads the defaults from a file that is %s', (_label, text) => {
    writeFileSync(join(dir, SHELL_STATE_FILE), text);
    expect(readShellState(dir)).toEqual(DEFAULTS);
  });

  it('keeps the good fields of a file with bad ones', () => {
    writeFileSync(join(dir, SHELL_STATE_FILE), JSON.stringify({ closeNoticeShown: true, hardwareAcceleration: 'fast', provesOnGpu: 'yes', summaryShownOn: 7, extra: 1 }));
    expect(readShellState(dir)).toEqual({ closeNoticeShown: true, hardwareAcceleration: 'auto', provesOnGpu: false, summaryShownOn: null });
  });

  it('writes changed fields over the rest, and reads them back', () => {
    expect(updateShellState(dir, { hardwareAcceleration: 'off' })).toEqual({ ...DEFAULTS, hardwareAcceleration: 'off' });
    updateShellState(dir, { closeNoticeShown: true, summaryShownOn: '2025-03-01' });
    const written = { closeNoticeShown: true, hardwareAcceleration: 'off', provesOnGpu: false, summaryShownOn: '2025-03-01' };
    expect(readShellState(dir)).toEqual(written);
    expect(JSON.parse(readFileSync(join(dir, SHELL_STATE_FILE), 'utf8'))).toEqual(written);
    expect(readdirSync(dir)).toEqual([SHELL_STATE_FILE]); // no partial file left behind
  });

  it('replaces a corrupt file when writing', () => {
    writeFileSync(join(dir, SHELL_STATE_FILE), '{{{');
    updateShellState(dir, { provesOnGpu: true });
    expect(readShellState(dir)).toEqual({ ...DEFAULTS, provesOnGpu: true });
  });

  it('creates the data folder on first write (userData may not exist yet)', () => {
    const fresh = join(dir, 'new', 'userData');
    updateShellState(fresh, { closeNoticeShown: true });
    expect(readShellState(fresh).closeNoticeShown).toBe(true);
  });

  it('throws when the file cannot be written (the caller logs it)', () => {
    const blocked = join(dir, 'file-not-folder');
    writeFileSync(blocked, '');
    expect(() => updateShellState(blocked, { closeNoticeShown: true })).toThrow();
  });
});

describe('shouldDisableHardwareAcceleration', () => {
  it('follows an explicit choice', () => {
    expect(shouldDisableHardwareAcceleration({ hardwareAcceleration: 'off', provesOnGpu: false })).toBe(true);
    expect(shouldDisableHardwareAcceleration({ hardwareAcceleration: 'on', provesOnGpu: true })).toBe(false);
  });

  it('auto: off only on a machine that proves on a GPU', () => {
    expect(shouldDisableHardwareAcceleration({ hardwareAcceleration: 'auto', provesOnGpu: true })).toBe(true);
    expect(shouldDisableHardwareAcceleration({ hardwareAcceleration: 'auto', provesOnGpu: false })).toBe(false);
  });
});

describe('provesOnGpu', () => {
  const cpu = { kind: 'cpu' as const };
  const gpu = { kind: 'gpu' as const, state: 'ready' };
  const oldDriver = { kind: 'gpu' as const, state: 'driver-too-old' };
  it('needs a ready engine GPU that the Resources limits allow', () => {
    expect(provesOnGpu([cpu, oldDriver], null)).toBe(false);
    expect(provesOnGpu([cpu, gpu], null)).toBe(true);
    expect(provesOnGpu([cpu, gpu], ['0'])).toBe(true);
    expect(provesOnGpu([cpu, gpu], [])).toBe(false);
    expect(provesOnGpu([cpu], null)).toBe(false);
    expect(provesOnGpu([], null)).toBe(false);
  });
});
