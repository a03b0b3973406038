// Reads a tar archive from memory into named files, refusing anything that could escape or exhaust the machine:
// entries other than regular files and folders (links, devices, FIFOs), absolute paths, `..`, duplicate
// names, and archives or entries over the size caps. Nothing is written to disk here.
import { Parser, type ReadEntry } from 'tar';

export interface TarLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
}

export class UnsafeArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeArchiveError';
  }
}

/** Regular files by normalised path ("a/b.txt"); folders are accepted and not listed. */
export async function readTar(bytes: Uint8Array, limits: TarLimits, what = 'archive'): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  let entries = 0;
  let total = 0;
  let failure: Error | undefined;
  const fail = (message: string) => {
    failure ??= new UnsafeArchiveError(`${what}: ${message}`);
  };

  const parser = new Parser({
    strict: true,
    onReadEntry: (entry: ReadEntry) => {
      entries += 1;
      const name = safeName(entry.header.path ?? entry.path);
      const problem = failure ? 'skip' : entryProblem(entry, name);
      if (problem === 'directory' || problem === 'skip') {
        entry.resume();
        return;
      }
      if (problem) {
        fail(problem);
        entry.resume();
        return;
      }
      total += entry.size;
      if (total > limits.maxTotalBytes) {
        fail(`contents are larger than ${limits.maxTotalBytes} bytes`);
        entry.resume();
        return;
      }
      const chunks: Buffer[] = [];
      entry.on('data', (chunk: Buffer) => chunks.push(chunk));
      entry.on('end', () => files.set(name!, Buffer.concat(chunks)));
    },
  });

  function entryProblem(entry: ReadEntry, name: string | undefined): string | undefined {
    if (entries > limits.maxEntries) return `more than ${limits.maxEntries} entries`;
    if (name === undefined) return `entry "${printable(entry.path)}" has an absolute or parent-relative path`;
    if (entry.type === 'Directory') return 'directory';
    if (entry.type !== 'File' && entry.type !== 'OldFile' && entry.type !== 'ContiguousFile') {
      return `entry "${name}" is a ${entry.type}, not a regular file`;
    }
    if (files.has(name)) return `entry "${name}" appears twice`;
    if (entry.size > limits.maxEntryBytes) return `entry "${name}" is larger than ${limits.maxEntryBytes} bytes`;
    return undefined;
  }

  await new Promise<void>((resolve) => {
    parser.on('error', (error: Error) => {
      fail(`is not a readable tar archive (${error.message})`);
      resolve();
    });
    parser.on('end', () => resolve());
    parser.on('close', () => resolve());
    parser.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });
  if (failure) throw failure;
  if (entries === 0) throw new UnsafeArchiveError(`${what}: is empty or not a tar archive`);
  return files;
}

/** "./a//b" → "a/b"; undefined for absolute paths, drive letters, backslashes or any ".." segment. */
function safeName(path: string): string | undefined {
  if (path.startsWith('/') || path.includes('\\') || /^[a-zA-Z]:/.test(path) || path.includes('\0')) return undefined;
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.length === 0 || parts.some((part) => part === '..')) return undefined;
  return parts.join('/');
}

function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 120);
}
