// The app's own origin: the renderer is served from `app://proverdesk/`, and only pages there are trusted.
export const APP_SCHEME = 'app';
export const APP_HOST = 'proverdesk';
export const APP_URL_PREFIX = `${APP_SCHEME}://${APP_HOST}/`;
export const APP_ENTRY_URL = `${APP_URL_PREFIX}index.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for a well-formed URL on the app's origin (no credentials, no port). */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** True when a frame showing `url` may talk to the core: it must be a page of the app itself. */
export function isAppFrameUrl(url: string): boolean {
  return url.startsWith(APP_URL_PREFIX) && isAppUrl(url);
}
