import { describe, expect, it } from 'vitest';
import { samePciAddress } from '../../../src-main/core/api/pci-address.js';

describe('samePciAddress', () => {
  it('matches the driver, nvidia-smi and lspci spellings of one device', () => {
    expect(samePciAddress('0000:01:00.0', '01:00.0')).toBe(true);
    expect(samePciAddress('0000:0A:00.0', '00000000:0a:00.0')).toBe(true);
    expect(samePciAddress(' 0000:41:00.0', '41:00.0 ')).toBe(true);
  });

  it('tells devices apart, and matches nothing it cannot read', () => {
    expect(samePciAddress('0000:01:00.0', '02:00.0')).toBe(false);
    expect(samePciAddress('0000:01:00.0', '01:00.1')).toBe(false);
    expect(samePciAddress('', '')).toBe(false);
    expect(samePciAddress('0000:01:00.0', undefined)).toBe(false);
    expect(samePciAddress('not an address', 'not an address')).toBe(false);
  });
});
