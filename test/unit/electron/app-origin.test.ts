import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAppFrameUrl, isAppUrl } from '../../../src-main/electron/app-origin.js';

describe('isAppFrameUrl', () => {
  it('accepts pages of the app', () => {
    expect(isAppFrameUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppFrameUrl('app://proverdesk/')).toBe(true);
    expect(isAppFrameUrl('app://proverdesk/index.html#/jobs?x=1')).toBe(true);
  });

  it.each([
    ['another host on the same scheme', 'app://evil/index.html'],
    ['a host that only starts like the app', 'app://proverdesk.evil.com/index.html'],
    ['credentials before the host', 'app://proverdesk@evil/index.html'],
    ['user info naming the app', 'app://evil@proverdesk/index.html'],
    ['a port', 'app://proverdesk:8080/index.html'],
    ['no path', 'app://proverdesk'],
    ['http', 'http://proverdesk/index.html'],
    ['https', 'https://example.com/'],
    ['file', 'file:///etc/passwd'],
    ['about:blank', 'about:blank'],
    ['devtools', 'devtools://devtools/bundled/inspector.html'],
    ['an empty string', ''],
    ['not a URL', 'proverdesk'],
    ['upper-case scheme spelled differently', 'APP://proverdesk/index.html'],
  ])('refuses %s', (_label, url) => {
    expect(isAppFrameUrl(url)).toBe(false);
  });
});

describe('isAppUrl', () => {
  it('is true for the app origin only', () => {
    expect(isAppUrl('app://proverdesk')).toBe(true);
    expect(isAppUrl('app://proverdesk/settings')).toBe(true);
    expect(isAppUrl('app://other/')).toBe(false);
    expect(isAppUrl('app://u:p@proverdesk/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
