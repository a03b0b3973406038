// The archives a donor receives (§4): the outer `{program_id}_{input_group_id}.tar` holding exactly
// `{program_id}.tar` and `{input_group_id}.csv`, and the program tar inside it. Both come from the network, so
// they are read with readTar's limits (regular files only, no `..`, no absolute paths, size caps) and nothing
// is extracted to disk here.
import { createHash } from 'node:crypto';
import { readCircuitPackage, CIRCUIT_FORMAT, type CircuitPackage } from '../../engine/circuit-package.js';
import { readTar, UnsafeArchiveError } from '../../net/safe-tar.js';

export interface ArchiveLimits {
  /** The program tar (a circuit package or a RISC Zero methods folder). */
  maxProgramBytes: number;
  /** The group's CSV. */
  maxCsvBytes: number;
}

export interface UnpackedReservation {
  inputGroupId: string;
  programTar: Buffer;
  csv: string;
}

/** What a program tar holds: a practice circuit package for the native engine, or anything else for the external backend. */
export type ProgramContent =
  | { kind: 'practice'; sha256: string; package: CircuitPackage }
  | { kind: 'external'; sha256: string };

const SAFE_ID = /^[A-Za-z0-9_-]{1,128}$/;

export async function unpackReservation(bytes: Uint8Array, programId: string, limits: ArchiveLimits): Promise<UnpackedReservation> {
  const files = await readTar(
    bytes,
    { maxEntries: 8, maxEntryBytes: limits.maxProgramBytes, maxTotalBytes: limits.maxProgramBytes + limits.maxCsvBytes },
    'reservation archive',
  );
  const names = [...files.keys()];
  const tars = names.filter((name) => name.endsWith('.tar'));
  const csvs = names.filter((name) => name.endsWith('.csv'));
  if (names.length !== 2 || tars.length !== 1 || csvs.length !== 1) {
    throw new UnsafeArchiveError(`reservation archive: expected one .tar and one .csv entry, found ${names.map((n) => `"${n}"`).join(', ') || 'none'}`);
  }
  const [tarName, csvName] = [tars[0]!, csvs[0]!];
  if (tarName !== `${programId}.tar`) throw new UnsafeArchiveError(`reservation archive: holds "${tarName}", not program ${programId}'s tar`);
  // The executor takes the group's id from the CSV's name, split at the first '.'.
  const inputGroupId = csvName.slice(0, csvName.indexOf('.'));
  if (!SAFE_ID.test(inputGroupId)) throw new UnsafeArchiveError(`reservation archive: "${csvName}" does not name an input group`);
  const csv = files.get(csvName)!;
  if (csv.length > limits.maxCsvBytes) throw new UnsafeArchiveError(`reservation archive: ${csvName} is larger than ${limits.maxCsvBytes} bytes`);
  return { inputGroupId, programTar: files.get(tarName)!, csv: csv.toString('utf8') };
}

/**
 * A program tar with a circom-groth16/v1 manifest is a practice package and must be a whole, valid one; any
 * other safe tar is kept as bytes for the external backend. Unsafe tars are refused either way.
 */
export async function identifyProgram(bytes: Uint8Array, maxBytes: number): Promise<ProgramContent> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const files = await readTar(bytes, { maxEntries: 10_000, maxEntryBytes: maxBytes, maxTotalBytes: maxBytes }, 'program archive');
  const manifest = files.get('manifest.json');
  if (manifest && manifestFormat(manifest) === CIRCUIT_FORMAT) return { kind: 'practice', sha256, package: await readCircuitPackage(bytes, maxBytes) };
  return { kind: 'external', sha256 };
}

function manifestFormat(bytes: Buffer): unknown {
  try {
    return (JSON.parse(bytes.toString('utf8')) as { format?: unknown }).format;
  } catch {
    return undefined;
  }
}
