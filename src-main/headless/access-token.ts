// The headless UI's access token: random, kept in the data dir readable by the owner only, and reused
// across restarts so a bookmarked link keeps working.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TOKEN_FILE = 'ui-token';
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function loadOrCreateAccessToken(dataDir: string): string {
  const file = join(dataDir, TOKEN_FILE);
  let token: string | undefined;
  try {
    token = readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (token === undefined || !TOKEN_PATTERN.test(token)) {
    token = randomBytes(32).toString('base64url');
    writeFileSync(file, `${token}\n`, { mode: 0o600 });
  }
  chmodSync(file, 0o600);
  return token;
}

export function tokensMatch(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
