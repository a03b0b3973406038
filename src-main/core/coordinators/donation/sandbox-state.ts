// What the donation sandbox remembers, and the rules the real server's database code applies to it: accounts,
// programs (names unique server-wide), input groups in upload order, the reservation of §3, the proven mark,
// accept and reject of §7, owner-only access, paging. Times are whole seconds, as MySQL DATETIME keeps them.
import { randomUUID } from 'node:crypto';
import { SandboxError } from './sandbox-errors.js';
import { formatNaiveUtc, PAGE_LIMIT_MAX, type PagedOrganizations, type PagedProgramInputGroups, type PagedPrograms, type Program } from './wire.js';

export interface Replenish {
  /** At least this many never-reserved groups are kept for the program. */
  keepFree: number;
  /** The input of each generated one-row group; undefined holds back for now (the practice market's pace). */
  nextInput: () => Record<string, unknown> | undefined;
}

export interface SandboxAccount {
  organizationId: string;
  username: string;
  passwordHash: string;
  name: string;
  description: string;
}

export interface SandboxProgram {
  programId: string;
  organizationId: string;
  name: string;
  description: string;
  inputLockTimeoutS: number;
  tar: Buffer;
  /** The upload's file extension became the stored object's suffix; reservations fetch `program.tar` only. */
  storedAsTar: boolean;
  replenish?: Replenish;
}

export interface SandboxGroup {
  inputGroupId: string;
  programId: string;
  name: string;
  rows: Buffer[];
  /** Seconds since the epoch, or null: never reserved, or released by a rejection. */
  lastReservedS: number | null;
  provenS: number | null;
}

export interface Paging {
  limit: number;
  page: number;
}

/** `limit` clamped to 1..50 (default 50), `page` at least 1 (default 1). */
export function paging(limit: number | undefined, page: number | undefined): Paging {
  return { limit: Math.min(PAGE_LIMIT_MAX, Math.max(1, limit ?? PAGE_LIMIT_MAX)), page: Math.max(1, page ?? 1) };
}

export class SandboxState {
  readonly accounts: SandboxAccount[] = [];
  readonly programs: SandboxProgram[] = [];
  readonly groups: SandboxGroup[] = [];
  /** Refresh token id → organisation id; deleting one ends that session's renewals. */
  readonly refreshTokens = new Map<string, string>();
  /** Proof files by `{organization_id}/{program_id}/{input_group_id}`, the real server's S3 key. */
  readonly proofs = new Map<string, Buffer>();
  private generatedGroups = 0;

  constructor(private readonly now: () => number) {}

  register(account: Omit<SandboxAccount, 'organizationId'>): SandboxAccount {
    if (this.accounts.some((a) => a.username === account.username)) throw new SandboxError('USERNAME_ALREADY_EXISTS');
    const created = { ...account, organizationId: randomUUID() };
    this.accounts.push(created);
    return created;
  }

  accountByUsername(username: string): SandboxAccount {
    const account = this.accounts.find((a) => a.username === username);
    if (!account) throw new SandboxError('ACCOUNT_NOT_FOUND');
    return account;
  }

  organizations(nameFilter: string | undefined, page: Paging): PagedOrganizations {
    const matching = this.accounts.filter((a) => nameFilter === undefined || a.name.startsWith(nameFilter));
    return {
      organizations: pageOf(matching, page).map((a) => ({ organization_id: a.organizationId, name: a.name, description: a.description })),
      total_elements_amount: matching.length,
    };
  }

  addProgram(program: Omit<SandboxProgram, 'programId'>): SandboxProgram {
    if (this.programs.some((p) => p.name === program.name)) throw new SandboxError('PROGRAM_NAME_TAKEN');
    const created = { ...program, programId: randomUUID() };
    this.programs.push(created);
    return created;
  }

  program(programId: string): SandboxProgram {
    const program = this.programs.find((p) => p.programId === programId);
    if (!program) throw new SandboxError('PROGRAM_NOT_FOUND');
    return program;
  }

  /** Owner-only routes answer PROGRAM_NOT_FOUND to everyone else. */
  ownedProgram(organizationId: string, programId: string): SandboxProgram {
    const program = this.program(programId);
    if (program.organizationId !== organizationId) throw new SandboxError('PROGRAM_NOT_FOUND');
    return program;
  }

  listPrograms(keep: (program: SandboxProgram) => boolean, page: Paging): PagedPrograms {
    const matching = this.programs.filter(keep);
    return { programs: pageOf(matching, page).map(programView), total_elements_amount: matching.length };
  }

  /** The organisation's programs with at least one proven group. */
  provenPrograms(organizationId: string, page: Paging): PagedPrograms {
    return this.listPrograms((p) => p.organizationId === organizationId && this.groupsOf(p.programId).some((g) => g.provenS !== null), page);
  }

  addGroup(programId: string, name: string, rows: Buffer[]): SandboxGroup {
    const group: SandboxGroup = { inputGroupId: randomUUID(), programId, name, rows, lastReservedS: null, provenS: null };
    this.groups.push(group);
    return group;
  }

  groupsOf(programId: string): SandboxGroup[] {
    return this.groups.filter((g) => g.programId === programId);
  }

  pagedGroups(groups: SandboxGroup[], page: Paging): PagedProgramInputGroups {
    return {
      program_input_groups: pageOf(groups, page).map((g) => ({
        input_group_id: g.inputGroupId,
        program_id: g.programId,
        name: g.name,
        last_reserved: g.lastReservedS === null ? null : formatNaiveUtc(g.lastReservedS * 1000),
        proven_datetime: g.provenS === null ? null : formatNaiveUtc(g.provenS * 1000),
      })),
      total_elements_amount: groups.length,
    };
  }

  /**
   * §3: the first never-reserved group, else the first whose reservation is strictly older than the program's
   * input_lock_timeout in whole seconds (proven or not), else INPUT_GROUP_NOT_FOUND.
   */
  reserve(programId: string): SandboxGroup {
    const program = this.program(programId);
    const nowS = this.now() / 1000;
    const groups = this.groupsOf(programId);
    const group =
      groups.find((g) => g.lastReservedS === null) ??
      groups.find((g) => g.lastReservedS !== null && Math.trunc(nowS - g.lastReservedS) > program.inputLockTimeoutS);
    if (!group) throw new SandboxError('INPUT_GROUP_NOT_FOUND');
    group.lastReservedS = Math.floor(nowS);
    this.topUp(program);
    return group;
  }

  /** §5: sets proven_datetime on the matching row, if any; no other check. */
  markProven(programId: string, inputGroupId: string): void {
    const group = this.groups.find((g) => g.programId === programId && g.inputGroupId === inputGroupId);
    if (group) group.provenS = Math.floor(this.now() / 1000);
  }

  /** §7 reject (PATCH): not proven, not reserved: re-reservable at once. The stored proof stays. */
  reject(organizationId: string, programId: string, inputGroupId: string): void {
    this.ownedProgram(organizationId, programId);
    const group = this.groups.find((g) => g.programId === programId && g.inputGroupId === inputGroupId);
    if (group) {
      group.provenS = null;
      group.lastReservedS = null;
    }
  }

  /** §7 accept (DELETE), and DELETE /program/input: the group and its proof are gone. */
  removeGroup(organizationId: string, programId: string, inputGroupId: string): void {
    this.ownedProgram(organizationId, programId);
    const index = this.groups.findIndex((g) => g.programId === programId && g.inputGroupId === inputGroupId);
    if (index >= 0) this.groups.splice(index, 1);
    this.proofs.delete(`${organizationId}/${programId}/${inputGroupId}`);
  }

  removeProgram(organizationId: string, programId: string): void {
    const program = this.ownedProgram(organizationId, programId);
    this.programs.splice(this.programs.indexOf(program), 1);
    for (let i = this.groups.length - 1; i >= 0; i--) if (this.groups[i]!.programId === programId) this.groups.splice(i, 1);
    for (const key of [...this.proofs.keys()]) if (key.startsWith(`${organizationId}/${programId}/`)) this.proofs.delete(key);
  }

  /** Keeps a replenished program's never-reserved groups topped up with generated one-row groups. */
  topUp(program: SandboxProgram): void {
    if (!program.replenish) return;
    let free = this.groupsOf(program.programId).filter((g) => g.lastReservedS === null).length;
    for (; free < program.replenish.keepFree; free++) {
      const input = program.replenish.nextInput();
      if (input === undefined) return;
      this.generatedGroups += 1;
      this.addGroup(program.programId, `generated-${this.generatedGroups}`, [Buffer.from(JSON.stringify(input), 'utf8')]);
    }
  }
}

function pageOf<T>(items: T[], page: Paging): T[] {
  return items.slice((page.page - 1) * page.limit, page.page * page.limit);
}

function programView(program: SandboxProgram): Program {
  return {
    organization_id: program.organizationId,
    program_id: program.programId,
    name: program.name,
    description: program.description,
    input_lock_timeout: program.inputLockTimeoutS,
  };
}
