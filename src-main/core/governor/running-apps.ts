// Names of the programs running now, for the exclusive-apps rule: lower-case, without .exe/.app. On Linux the
// names come straight from /proc (a few ms); elsewhere from systeminformation's process list, which costs
// more, so the governor asks only every few readings and only while the rule is on.
import { readdir, readFile } from 'node:fs/promises';
import si from 'systeminformation';
import { normaliseAppName } from './app-names.js';

export async function listRunningApps(): Promise<string[]> {
  const names = process.platform === 'linux' ? await linuxProcessNames() : (await si.processes()).list.map((p) => p.name);
  return [...new Set(names.map(normaliseAppName).filter((name) => name.length > 0))];
}


async function linuxProcessNames(): Promise<string[]> {
  const entries = await readdir('/proc');
  const names = await Promise.all(
    entries
      .filter((entry) => /^\d+$/.test(entry))
      // comm is cut to 15 characters; cmdline's first word gives the full program name where readable.
      .map(async (pid) => {
        const cmdline = await readFile(`/proc/${pid}/cmdline`, 'latin1').catch(() => '');
        const program = cmdline.split('\0')[0];
        if (program) return program;
        return (await readFile(`/proc/${pid}/comm`, 'latin1').catch(() => '')).trim();
      }),
  );
  return names;
}
