// How programs are named for the exclusive-apps rule, whichever OS listed them.

/** Lower case, no directory, no .exe or .app: "C:\\Games\\cs2.exe" and "CS2" are the same program. */
export function normaliseAppName(name: string): string {
  const base = name.trim().split(/[\\/]/).pop() ?? '';
  return base.replace(/\.(exe|app)$/i, '').toLowerCase();
}
