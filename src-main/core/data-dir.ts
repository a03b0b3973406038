// Where ProverDesk keeps its data when no folder is given: the same folder Electron's `userData` uses,
// so the desktop app and the headless daemon share one database.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'ProverDesk';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}

export const databaseFileIn = (dataDir: string): string => join(dataDir, 'proverdesk.db');
