// What the app's windows may navigate to and open. Everything outside the app stays out of its windows.
import { isAppUrl } from './app-origin.js';

/** In-window navigation is allowed only within the app's own origin. */
export function isNavigationAllowed(url: string): boolean {
  return isAppUrl(url);
}

/**
 * The link to hand to the OS browser instead, or null to drop it: only https, so `file:`, custom
 * protocol handlers and plain http never leave the app through a click.
 */
export function externalUrlToOpen(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return null;
    return parsed.href;
  } catch {
    return null;
  }
}
