import { describe, expect, it } from 'vitest';
import { externalUrlToOpen, isNavigationAllowed } from '../../../src-main/electron/navigation-policy.js';

describe('isNavigationAllowed', () => {
  it('allows moving within the app', () => {
    expect(isNavigationAllowed('app://proverdesk/index.html')).toBe(true);
    expect(isNavigationAllowed('app://proverdesk/other.html#x')).toBe(true);
  });

  it.each([
    'https://example.com/',
    'http://127.0.0.1:3000/',
    'file:///home/user/.ssh/id_rsa',
    'app://elsewhere/index.html',
    'javascript:alert(1)',
    'data:text/html,<h1>hi</h1>',
    '',
  ])('blocks %s', (url) => {
    expect(isNavigationAllowed(url)).toBe(false);
  });
});

describe('externalUrlToOpen', () => {
  it('hands https links to the OS browser, normalised', () => {
    expect(externalUrlToOpen('https://docs.succinct.xyz/path?q=1')).toBe('https://docs.succinct.xyz/path?q=1');
    expect(externalUrlToOpen('HTTPS://Example.COM')).toBe('https://example.com/');
  });

  it.each([
    'http://example.com/',
    'file:///etc/passwd',
    'smb://server/share',
    'javascript:alert(1)',
    'app://proverdesk/index.html',
    'https://user:secret@example.com/',
    'not a url',
  ])('drops %s', (url) => {
    expect(externalUrlToOpen(url)).toBeNull();
  });
});
