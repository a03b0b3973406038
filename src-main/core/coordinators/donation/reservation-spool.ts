// Reservations kept on disk between poll() and fetch(). A reservation is taken by the reserving GET itself and
// cannot be fetched again, so what fetch() needs is written (aside, then renamed into place) before the job
// is handed to the scheduler; after a crash and restart, fetch() still works from here.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

const SpooledReservationSchema = z.object({
  programId: z.string(),
  organizationId: z.string(),
  inputGroupId: z.string(),
  reservedAtMs: z.number(),
  deadlineAtMs: z.number(),
  work: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('practice'), packageSha256: z.string().regex(/^[0-9a-f]{64}$/), input: z.record(z.string(), z.unknown()) }),
    /** The reservation archive, as downloaded, is the external backend's input file. */
    z.object({ kind: z.literal('external') }),
  ]),
});
export type SpooledReservation = z.infer<typeof SpooledReservationSchema>;

const RECORD = 'reservation.json';
const ARCHIVE = 'reservation.tar';

export class ReservationSpool {
  constructor(readonly dir: string) {}

  /** Writes the reservation; returns its entry's name (a hash, so server-chosen ids never become paths). */
  async save(reservation: SpooledReservation, archive?: Buffer): Promise<string> {
    const entry = createHash('sha256').update(`${reservation.programId}/${reservation.inputGroupId}`).digest('hex').slice(0, 32);
    const staging = join(this.dir, `.tmp-${entry}-${randomBytes(4).toString('hex')}`);
    await mkdir(staging, { recursive: true });
    try {
      if (archive) await writeFile(join(staging, ARCHIVE), archive);
      await writeFile(join(staging, RECORD), JSON.stringify(reservation));
      await rm(join(this.dir, entry), { recursive: true, force: true }); // the same group reserved again after it expired
      await rename(staging, join(this.dir, entry));
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
    return entry;
  }

  async load(entry: string): Promise<SpooledReservation> {
    let text: string;
    try {
      text = await readFile(join(this.dir, safeEntry(entry), RECORD), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`the reservation's saved inputs are gone (${entry}); the group cannot be fetched again`);
      throw error;
    }
    const parsed = SpooledReservationSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`the reservation's saved inputs are damaged (${entry})`);
    return parsed.data;
  }

  archivePath(entry: string): string {
    return join(this.dir, safeEntry(entry), ARCHIVE);
  }

  async remove(entry: string): Promise<void> {
    await rm(join(this.dir, safeEntry(entry)), { recursive: true, force: true });
  }

  /** Drops entries whose deadline passed long ago: the scheduler never fetches a job after its deadline. */
  async prune(nowMs: number, graceMs: number): Promise<void> {
    let entries: string[];
    try {
      entries = await readdir(this.dir);
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.startsWith('.tmp-')) continue;
      const reservation = await this.load(entry).catch(() => undefined);
      if (!reservation || reservation.deadlineAtMs + graceMs < nowMs) await this.remove(entry);
    }
  }
}

function safeEntry(entry: string): string {
  if (!/^[0-9a-f]{32}$/.test(entry)) throw new Error(`not a reservation spool entry: ${entry.slice(0, 40)}`);
  return entry;
}
