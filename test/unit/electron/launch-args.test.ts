import { describe, expect, it } from 'vitest';
import { LaunchArgumentError, readDataDirArgument } from '../../../src-main/electron/launch-args.js';

const electronArgv = (...args: string[]) => ['/opt/electron/electron', '/app', ...args];

describe('readDataDirArgument', () => {
  it('is undefined when no folder is given', () => {
    expect(readDataDirArgument(electronArgv(), '/home/u')).toBeUndefined();
    expect(readDataDirArgument(electronArgv('--other', 'x'), '/home/u')).toBeUndefined();
  });

  it('reads both spellings and makes the folder absolute', () => {
    expect(readDataDirArgument(electronArgv('--data-dir', '/srv/prover'), '/home/u')).toBe('/srv/prover');
    expect(readDataDirArgument(electronArgv('--data-dir=data'), '/home/u')).toBe('/home/u/data');
    expect(readDataDirArgument(electronArgv('--x', '--data-dir', 'a b', '--y'), '/home/u')).toBe('/home/u/a b');
  });

  it('lets the last one win when given twice', () => {
    expect(readDataDirArgument(electronArgv('--data-dir', '/a', '--data-dir=/b'), '/')).toBe('/b');
  });

  it.each([
    ['a missing value', ['--data-dir']],
    ['another option in place of a value', ['--data-dir', '--headless']],
    ['an empty value', ['--data-dir=']],
    ['an empty separate value', ['--data-dir', '']],
  ])('refuses %s with a clear error', (_label, args) => {
    expect(() => readDataDirArgument(electronArgv(...args), '/')).toThrow(LaunchArgumentError);
    expect(() => readDataDirArgument(electronArgv(...args), '/')).toThrow('--data-dir needs a folder');
  });
});
