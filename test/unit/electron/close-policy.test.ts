import { describe, expect, it } from 'vitest';
import { closeDecision, closeNotice, type CloseInput } from '../../../src-main/electron/close-policy.js';

const input = (overrides: Partial<CloseInput> = {}): CloseInput => ({ closeToTray: true, noticeShown: false, quitting: false, platform: 'linux', ...overrides });

describe('closeDecision', () => {
  it('hides to the tray, with the one-off notice the first time only', () => {
    expect(closeDecision(input())).toEqual({ action: 'hide', notice: true });
    expect(closeDecision(input({ noticeShown: true }))).toEqual({ action: 'hide', notice: false });
  });

  it('quits when the user chose to quit on close', () => {
    expect(closeDecision(input({ closeToTray: false }))).toEqual({ action: 'quit', notice: false });
    expect(closeDecision(input({ closeToTray: false, platform: 'win32' }))).toEqual({ action: 'quit', notice: false });
  });

  it('never holds back a quit already under way (menu Quit, OS shutdown)', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      expect(closeDecision(input({ quitting: true, platform }))).toEqual({ action: 'quit', notice: false });
    }
  });

  it('follows the macOS convention: closing the window never quits the app', () => {
    expect(closeDecision(input({ closeToTray: false, platform: 'darwin' }))).toEqual({ action: 'hide', notice: true });
    expect(closeDecision(input({ closeToTray: false, platform: 'darwin', noticeShown: true }))).toEqual({ action: 'hide', notice: false });
  });
});

describe('closeNotice', () => {
  it('says where the app went and how to quit it', () => {
    expect(closeNotice('linux').body).toMatch(/tray icon.*Settings → Desktop/);
    expect(closeNotice('darwin').body).toMatch(/menu bar icon.*⌘Q/);
  });
});
